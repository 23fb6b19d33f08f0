/**
 * Entity resolution of accused records into persons: normalise → block → compare → estimate
 * the model → score → cluster → stable ids. Pure: records in, assignments and figures out.
 */
import { candidatePairs, pairOf, trainingPairs, type BlockingRule } from './blocking.ts';
import { cluster } from './cluster.ts';
import { compare, fathersCompatible, fields } from './comparisons.ts';
import { featuresOf, type AccusedRecord, type Features } from './features.ts';
import { assignIds } from './ids.ts';
import { estimate, scorer, TermFrequencies, type FieldScore, type ModelParameters } from './model.ts';

export interface ResolveOptions {
  /** Link two records when the match probability is at least this. */
  threshold?: number;
  /** Sorted-neighbourhood window of the blocking rules. */
  window?: number;
  rules?: readonly BlockingRule[];
  /** Widest birth-year span within one person. */
  maxYearSpan?: number;
  /** The previous build's person of each record id: the memory that keeps ids stable. */
  previous?: ReadonlyMap<string, string>;
  /** Ids used before and retired (merged away): never handed out again. */
  reserved?: ReadonlySet<string>;
  /**
   * incremental (default): the previous persons stay as they were; new records join them or
   * form new persons, and may join two previous persons (a merge). full: everything is
   * re-clustered and the previous ids are carried over by overlap (merges and splits).
   */
  mode?: 'incremental' | 'full';
}

/** Bump when normalisation, comparison or scoring changes, so the next build re-resolves. */
export const resolutionVersion = 'er-2026-11-24';

export const defaultResolveOptions = { threshold: 0.95, window: 4, maxYearSpan: 6 } as const;

export interface ResolvedRecord {
  personId: string;
  previousPersonId: string | null;
  /** Index of the record this one is linked to by its strongest link, or -1. */
  linkedTo: number;
  /** Match weight (log2 Bayes factor, prior included) of that link. */
  linkWeight: number | null;
  linkProbability: number | null;
  /** Per-field levels and weights of that link. */
  linkReasons: FieldScore[];
}

export interface ResolveStats {
  records: number;
  /** Records without a usable name (each its own person). */
  unnamed: number;
  /** Distinct pairs compared. */
  pairsCompared: number;
  /** Pairs drawn to estimate the model. */
  trainingPairs: number;
  /** Pairs each blocking rule proposed (overlapping). */
  pairsPerRule: Record<string, number>;
  links: number;
  refusedLinks: number;
  persons: number;
  params: ModelParameters;
  /** Estimated m and u per field and level, for the record. */
  fieldWeights: { field: string; level: string; m: number; u: number; weight: number }[];
  seconds: { normalise: number; block: number; compare: number; estimate: number; cluster: number };
}

export interface ResolveResult {
  records: ResolvedRecord[];
  /** Normal forms of each record (null: no usable name). */
  features: (Features | null)[];
  stats: ResolveStats;
}

const now = (): number => performance.now() / 1000;

export function resolve(records: readonly AccusedRecord[], options: ResolveOptions = {}): ResolveResult {
  const threshold = options.threshold ?? defaultResolveOptions.threshold;
  const maxYearSpan = options.maxYearSpan ?? defaultResolveOptions.maxYearSpan;
  const previous = options.previous ?? new Map<string, string>();
  const incremental = (options.mode ?? 'incremental') === 'incremental' && previous.size > 0;
  const n = records.length;

  let t = now();
  const features: (Features | null)[] = records.map(featuresOf);
  const tf = new TermFrequencies();
  for (const f of features) {
    if (!f) continue;
    tf.add(0, f.name.first);
    tf.add(1, f.name.last);
    tf.add(2, f.fatherGiven || null);
    for (const w of f.alias.split(' ')) tf.add(3, w);
    tf.add(6, f.placeKey);
  }
  tf.seal();
  const firIndex = new Map<string, number>();
  const fir = new Int32Array(n);
  const birthYear = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = records[i] as AccusedRecord;
    let k = firIndex.get(r.firId);
    if (k === undefined) firIndex.set(r.firId, (k = firIndex.size));
    fir[i] = k;
    birthYear[i] = features[i]?.birthYear ?? NaN;
  }
  const tNormalise = now() - t;

  t = now();
  const candidates = candidatePairs(features, {
    window: options.window ?? defaultResolveOptions.window,
    ...(options.rules ? { rules: options.rules } : {}),
  });
  const tBlock = now() - t;

  t = now();
  const pairs = candidates.pairs;
  const codes = new Int32Array(pairs.length);
  const tfAdjust = new Float32Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const [i, j] = pairOf(pairs[k] as number);
    if (fir[i] === fir[j]) {
      codes[k] = -1; // two accused of one FIR are two people
      continue;
    }
    const c = compare(features[i] as Features, features[j] as Features);
    codes[k] = c.code;
    let adj = 0;
    for (let f = 0; f < fields.length; f++) {
      const v = c.tf[f];
      if (v) adj += tf.adjustment(f, v);
    }
    tfAdjust[k] = adj;
  }
  const tCompare = now() - t;

  t = now();
  const training = new Map<number, number>();
  let trainingPairCount = 0;
  for (const { i, j, weight } of trainingPairs(features)) {
    if (fir[i] === fir[j]) continue;
    const code = compare(features[i] as Features, features[j] as Features).code;
    training.set(code, (training.get(code) ?? 0) + weight);
    trainingPairCount++;
  }
  const params = estimate(training);
  const score = scorer(params, tf);
  const tEstimate = now() - t;

  t = now();
  // Base weight per comparison vector, then the pair's own frequency adjustment.
  const baseWeight = new Map<number, number>();
  const noTf = fields.map(() => null);
  const linkA: number[] = [];
  const linkB: number[] = [];
  const linkW: number[] = [];
  const linkJoinable: number[] = [];
  const previousOf = records.map((r) => previous.get(r.recordId) ?? null);
  for (let k = 0; k < pairs.length; k++) {
    const code = codes[k] as number;
    if (code < 0) continue;
    const [i, j] = pairOf(pairs[k] as number);
    let base = baseWeight.get(code);
    if (base === undefined) baseWeight.set(code, (base = score.weight(code, noTf)));
    const w = base + (tfAdjust[k] as number);
    if (score.probability(w) < threshold) continue;
    linkA.push(i);
    linkB.push(j);
    linkW.push(w);
    // Incremental: the previous persons stand; a link between two of their records only explains.
    linkJoinable.push(incremental && previousOf[i] !== null && previousOf[j] !== null ? 0 : 1);
  }
  const mustLink: number[][] = [];
  if (incremental) {
    const groups = new Map<string, number[]>();
    previousOf.forEach((p, i) => {
      if (p === null) return;
      const g = groups.get(p);
      if (g) g.push(i);
      else groups.set(p, [i]);
    });
    mustLink.push(...groups.values());
  }
  const links = {
    a: Int32Array.from(linkA),
    b: Int32Array.from(linkB),
    weight: Float64Array.from(linkW),
    length: linkA.length,
    joinable: Uint8Array.from(linkJoinable),
  };
  const clusters = cluster(
    {
      size: n,
      fir,
      birthYear,
      maxYearSpan,
      mustLink,
      fatherKey: features.map((f) => f?.fatherGiven ?? ''),
      fathersCompatible: (a, b) => fathersCompatible(features[a] as Features, features[b] as Features),
    },
    links,
  );
  const personIds = assignIds({
    recordIds: records.map((r) => r.recordId),
    root: clusters.root,
    previous: previousOf,
    anchorKey: records.map((r) => `${r.firYear ?? 9999}|${r.recordId}`),
    ...(options.reserved ? { reserved: options.reserved } : {}),
  });
  const tCluster = now() - t;

  const out: ResolvedRecord[] = records.map((_, i) => {
    const k = clusters.bestLink[i] as number;
    if (k < 0) {
      return {
        personId: personIds[i] as string,
        previousPersonId: previousOf[i] ?? null,
        linkedTo: -1,
        linkWeight: null,
        linkProbability: null,
        linkReasons: [],
      };
    }
    const a = links.a[k] as number;
    const b = links.b[k] as number;
    const other = a === i ? b : a;
    const c = compare(features[i] as Features, features[other] as Features);
    const w = links.weight[k] as number;
    return {
      personId: personIds[i] as string,
      previousPersonId: previousOf[i] ?? null,
      linkedTo: other,
      linkWeight: score.priorWeight + w,
      linkProbability: score.probability(w),
      linkReasons: score.explain(c.code, c.tf),
    };
  });

  return {
    records: out,
    features,
    stats: {
      records: n,
      unnamed: features.filter((f) => f === null).length,
      pairsCompared: pairs.length,
      trainingPairs: trainingPairCount,
      pairsPerRule: candidates.perRule,
      links: links.length,
      refusedLinks: clusters.refused,
      persons: new Set(personIds).size,
      params,
      fieldWeights: fields.flatMap((f, fi) =>
        f.levels.map((level, l) => ({
          field: f.name,
          level,
          m: (params.m[fi] as number[])[l + 1] as number,
          u: (params.u[fi] as number[])[l + 1] as number,
          weight: (score.weights[fi] as number[])[l + 1] as number,
        })),
      ),
      seconds: { normalise: tNormalise, block: tBlock, compare: tCompare, estimate: tEstimate, cluster: tCluster },
    },
  };
}
