/**
 * Entity resolution of accused records into persons: normalise → estimate the model → block and
 * compare → score → cluster → stable ids. `resolveStore` works on the compact, columnar
 * `RecordStore` (what the lake step streams into); `resolve` is the same on an array of records
 * (tests, small inputs).
 */
import { blockingRules, forEachCandidatePair, forEachTrainingPair, type BlockingRule } from './blocking.ts';
import { cluster } from './cluster.ts';
import { Comparator, fieldBases, fields, type Gate } from './comparisons.ts';
import type { AccusedRecord } from './features.ts';
import { encodePrevious, keepPreviousIds, PersonIdSet, PersonNamer, personIdText } from './ids.ts';
import {
  estimate,
  scorer,
  TermFrequencies,
  tfBounds,
  type FieldScore,
  type ModelParameters,
  type Scorer,
} from './model.ts';
import { Interner, noYear, RecordStore } from './store.ts';

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
export const resolutionVersion = 'er-2026-11-24b';

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
  /** Of those, the pairs scored (not two accused of one FIR; incremental: not two previous records). */
  pairsScored: number;
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
  /** Seconds per step (compare includes blocking: pairs are compared as the rules propose them). */
  seconds: Record<string, number>;
}

/** A record's strongest accepted link. */
export interface Link {
  other: number;
  /** Match weight with the prior (log2 odds). */
  weight: number;
  probability: number;
  reasons: FieldScore[];
}

/** The clusters of a store and what explains them; ids are given by a `PersonNamer`. */
export interface Resolution {
  /** Cluster representative of each record. */
  root: Int32Array;
  /** Per cluster root: the previous person (code) it keeps, or -1 (it needs a new id). */
  kept: Int32Array;
  /** Record i's strongest accepted link, or null. */
  linkOf(i: number): Link | null;
  stats: ResolveStats;
}

const now = (): number => performance.now() / 1000;

/** A growable list of links. */
class Links {
  a = new Int32Array(1 << 12);
  b = new Int32Array(1 << 12);
  weight = new Float64Array(1 << 12);
  joinable = new Uint8Array(1 << 12);
  length = 0;

  push(a: number, b: number, w: number, joinable: boolean): void {
    if (this.length === this.a.length) {
      const grow = <T extends Int32Array | Float64Array | Uint8Array>(x: T): T => {
        const next = new (x.constructor as new (n: number) => T)(x.length * 2);
        next.set(x);
        return next;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
      this.weight = grow(this.weight);
      this.joinable = grow(this.joinable);
    }
    const k = this.length++;
    this.a[k] = a;
    this.b[k] = b;
    this.weight[k] = w;
    this.joinable[k] = joinable ? 1 : 0;
  }
}

export interface StoreResolveOptions extends Pick<ResolveOptions, 'threshold' | 'window' | 'rules' | 'maxYearSpan'> {
  /** The previous persons stand (`store.previous` holds them). */
  incremental: boolean;
  /** How many previous person codes there are. */
  previousCodes: number;
  /** The model's estimator (default `estimate`). */
  estimator?: (counts: ReadonlyMap<number, number>) => ModelParameters;
  /** Parameters estimated before (the previous build's): no training sample, no EM. */
  params?: ModelParameters;
  /** Term frequencies counted over more records than the store holds (sealed); default: the store's. */
  frequencies?: TermFrequencies;
  /**
   * Per record, 1 for the new and changed records of an incremental resolution (the store holds
   * them and the previous records near them in a blocking group): only pairs with one are compared.
   */
  onlyNew?: Uint8Array;
}

/** Resolves the records of a store into clusters. */
export function resolveStore(s: RecordStore, options: StoreResolveOptions): Resolution {
  const threshold = options.threshold ?? defaultResolveOptions.threshold;
  const maxYearSpan = options.maxYearSpan ?? defaultResolveOptions.maxYearSpan;
  const incremental = options.incremental;
  const n = s.size;
  const st = s.strings;

  let t = now();
  const tf = options.frequencies ?? new TermFrequencies();
  let unnamed = 0;
  for (let i = 0; i < n; i++) {
    if (!s.isNamed(i)) {
      unnamed++;
      continue;
    }
    if (options.frequencies) continue;
    tf.add(0, s.firstName(i));
    tf.add(1, s.lastName(i));
    tf.add(2, s.fatherGivenOf(i));
    const alias = s.aliasOf(i);
    if (alias >= 0) {
      const words = st.words(alias);
      if (words) for (const w of words) tf.add(3, w);
      else tf.add(3, alias);
    }
    tf.add(6, s.place(i));
  }
  if (!options.frequencies) tf.seal();
  const tFrequencies = now() - t;

  // The model first (from its own sample), so that candidate pairs are scored as they come.
  t = now();
  const cmp = new Comparator(s, noYear);
  const training = new Map<number, number>();
  let trainingPairCount = 0;
  if (!options.params)
    forEachTrainingPair(s, (i, j, weight) => {
      if (s.firOf(i) === s.firOf(j)) return;
      const code = cmp.compare(i, j);
      training.set(code, (training.get(code) ?? 0) + weight);
      trainingPairCount++;
    });
  const params = options.params ?? (options.estimator ?? estimate)(training);
  const score = scorer(params, tf);
  const tEstimate = now() - t;

  t = now();
  // Base weight per comparison vector, then the pair's own frequency adjustment (kept at float
  // precision, as it always was).
  const baseWeight = new Float64Array(fieldBases[fields.length - 1]! * (fields.at(-1)!.levels.length + 1)).fill(NaN);
  const noTf = new Int32Array(fields.length).fill(-1);
  // probability(w) ≥ threshold, without a power per pair: a weight clearly either side of the
  // boundary decides; one within a hair of it is computed exactly.
  const boundary = Math.log2(threshold / (1 - threshold)) - score.priorWeight;
  const linked = (w: number): boolean =>
    w > boundary + 1e-9 || (w >= boundary - 1e-9 && score.probability(w) >= threshold);
  // Most candidate pairs are far from a link once age, sex, alias and names are compared: those
  // are given up before the string similarities of the father's name and address.
  const most = (f: number): number =>
    Math.max(
      ...(score.weights[f] as number[]).map(
        (w, l) => w + ((fields[f]!.tfLevels as readonly number[]).includes(l) ? tfBounds.max : 0),
      ),
    );
  const gate: Gate = {
    weights: score.weights,
    adjustment: (f, v) => tf.adjustment(f, v),
    fatherAndAddress: most(2) + most(6),
    minimum: boundary - 1e-3,
  };
  const links = new Links();
  const previous = s.previous;
  const onlyNew = options.onlyNew;
  let scored = 0;
  const blocking = forEachCandidatePair(
    s,
    { window: options.window ?? defaultResolveOptions.window, rules: options.rules ?? blockingRules },
    (i, j) => {
      if (s.firOf(i) === s.firOf(j)) return; // two accused of one FIR are two people
      if (onlyNew && onlyNew[i] !== 1 && onlyNew[j] !== 1) return;
      scored++;
      const code = cmp.compare(i, j, gate);
      if (code < 0) return;
      let adj = 0;
      for (let f = 0; f < fields.length; f++) {
        const v = cmp.tf[f] as number;
        if (v >= 0) adj += tf.adjustment(f, v);
      }
      let base = baseWeight[code] as number;
      if (Number.isNaN(base)) base = baseWeight[code] = score.weight(code, noTf);
      const w = base + Math.fround(adj);
      if (!linked(w)) return;
      // Incremental: the previous persons stand; a link between two of their records only explains.
      links.push(i, j, w, !(incremental && (previous[i] as number) >= 0 && (previous[j] as number) >= 0));
    },
  );
  const tCompare = now() - t;

  t = now();
  const fatherKey = new Int32Array(n);
  for (let i = 0; i < n; i++) fatherKey[i] = s.fatherGivenOf(i);
  const clusters = cluster(
    {
      size: n,
      firOf: (i) => s.firOf(i),
      birthYearOf: (i) => s.birthYearOf(i),
      noYear,
      maxYearSpan,
      ...(incremental ? { mustLink: previous } : {}),
      fatherKey,
      fathersCompatible: (a, b) => cmp.fathersCompatible(a, b),
    },
    { a: links.a, b: links.b, weight: links.weight, length: links.length, joinable: links.joinable },
  );
  const kept = keepPreviousIds(clusters.root, previous.subarray(0, n), options.previousCodes);
  let persons = 0;
  for (let i = 0; i < n; i++) if (clusters.root[i] === i) persons++;
  const tCluster = now() - t;

  return {
    root: clusters.root,
    kept,
    linkOf(i) {
      const k = clusters.bestLink[i] as number;
      if (k < 0) return null;
      const a = links.a[k] as number;
      const other = a === i ? (links.b[k] as number) : a;
      const code = cmp.compare(i, other);
      const w = links.weight[k] as number;
      return {
        other,
        weight: score.priorWeight + w,
        probability: score.probability(w),
        reasons: score.explain(code, cmp.tf),
      };
    },
    stats: {
      records: n,
      unnamed,
      pairsCompared: blocking.distinct,
      pairsScored: scored,
      trainingPairs: trainingPairCount,
      pairsPerRule: blocking.perRule,
      links: links.length,
      refusedLinks: clusters.refused,
      persons,
      params,
      fieldWeights: fieldWeights(params, score),
      seconds: { frequencies: tFrequencies, estimate: tEstimate, compare: tCompare, cluster: tCluster },
    },
  };
}

function fieldWeights(params: ModelParameters, score: Scorer): ResolveStats['fieldWeights'] {
  return fields.flatMap((f, fi) =>
    f.levels.map((level, l) => ({
      field: f.name,
      level,
      m: (params.m[fi] as number[])[l + 1] as number,
      u: (params.u[fi] as number[])[l + 1] as number,
      weight: (score.weights[fi] as number[])[l + 1] as number,
    })),
  );
}

export interface ResolveResult {
  records: ResolvedRecord[];
  /** The store the records were encoded into (normal forms). */
  store: RecordStore;
  stats: ResolveStats;
}

/** Encodes records into a store: each distinct text numbered and normalised once. */
export function storeOf(records: readonly AccusedRecord[], previous: Int32Array): RecordStore {
  const s = new RecordStore(records.length);
  const dict = (add: (code: number, text: string) => void) => {
    const codes = new Interner();
    return (text: string | null): number => {
      if (text === null) return -1;
      const before = codes.size;
      const c = codes.id(text);
      if (c === before) add(c, text);
      return c;
    };
  };
  const name = dict((c, x) => s.addName(c, x));
  const alias = dict((c, x) => s.addAlias(c, x));
  const father = dict((c, x) => s.addFather(c, x));
  const address = dict((c, x) => s.addAddress(c, x));
  const sex = dict((c, x) => s.addSex(c, x));
  const district = dict((c, x) => s.addDistrict(c, x));
  const firs = new Interner();
  records.forEach((r, i) =>
    s.addRecord({
      name: name(r.name),
      alias: alias(r.alias),
      father: father(r.fatherName),
      address: address(r.address || null),
      sex: sex(r.sex || null),
      district: district(r.district),
      age: r.age,
      firYear: r.firYear,
      fir: firs.id(r.firId),
      previous: previous[i] as number,
    }),
  );
  s.seal();
  return s;
}

/** Resolves an array of records (the whole pipeline in memory). */
export function resolve(records: readonly AccusedRecord[], options: ResolveOptions = {}): ResolveResult {
  const previousMap = options.previous ?? new Map<string, string>();
  const previousIds = records.map((r) => previousMap.get(r.recordId) ?? null);
  const { codes, ids } = encodePrevious(previousIds);
  const store = storeOf(records, codes);
  const resolution = resolveStore(store, {
    ...options,
    incremental: (options.mode ?? 'incremental') === 'incremental' && previousMap.size > 0,
    previousCodes: ids.length,
  });
  const used = new PersonIdSet();
  for (const id of options.reserved ?? []) used.add(id);
  for (const id of ids) used.add(id);
  const namer = new PersonNamer(resolution.root, resolution.kept, used);
  const anchors = records.map((r) => `${r.firYear ?? 9999}|${r.recordId}`);
  const order = records.map((_, i) => i);
  order.sort((x, y) => {
    const a = anchors[x] as string;
    const b = anchors[y] as string;
    return a < b ? -1 : a > b ? 1 : x - y;
  });
  for (const i of order) namer.offer(i, anchors[i] as string);
  const out = records.map((_, i): ResolvedRecord => {
    const r = resolution.root[i] as number;
    const c = resolution.kept[r] as number;
    const link = resolution.linkOf(i);
    return {
      personId: c >= 0 ? (ids[c] as string) : personIdText(namer.newId[r] as number),
      previousPersonId: previousIds[i] ?? null,
      linkedTo: link ? link.other : -1,
      linkWeight: link ? link.weight : null,
      linkProbability: link ? link.probability : null,
      linkReasons: link ? link.reasons : [],
    };
  });
  return { records: out, store, stats: resolution.stats };
}
