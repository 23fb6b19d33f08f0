/**
 * The scoring model: Fellegi-Sunter over the candidate pairs (those the blocking rules select).
 * For each field f and agreement level l, m = P(l | same person) and u = P(l | different
 * people); a pair's match weight is log2(λ/(1-λ)) plus, over the fields, log2(m/u) (a missing
 * field adds nothing), λ being the share of candidate pairs that are the same person.
 *
 * m, u and λ are estimated from the data by expectation-maximisation over a training sample of
 * pairs that share a name skeleton (see `trainingPairs`; on the weighted counts of each
 * comparison vector, so it costs nothing at scale), starting from the documented priors in
 * `comparisons.ts`, which also act as a weak Dirichlet prior so that a small or one-sided data
 * set cannot push an estimate to 0 or 1. λ is then the chance that two records with the same
 * name are the same person; the name fields' own weights and frequency adjustment move it
 * for rarer names and for pairs whose names differ.
 *
 * The name fields are the exception: the blocking rules select pairs by name, so among
 * candidates the names say little about who matches, and a different first name mostly comes
 * from relatives or namesakes' sons (same father's name, surname and village), from which EM
 * would learn "same family" instead of "same person". They stay out of the EM and have fixed,
 * documented weights (`nameWeights`): agreement 0 bits, a merely similar spelling a penalty, a
 * different surname a large penalty, a surname on one side only a small one, and a different
 * first name vetoes the link.
 *
 * The FIR's district is estimated but passive: its m and u come from the EM's posteriors, but
 * it does not take part in them. The EM assumes the fields independent given match status, and
 * the district is not independent of the address: two records whose addresses name one police
 * station nearly always have FIRs of one district. Taking part, that dependence is a stronger
 * pattern among same-name pairs than true matches are (these grow rarer as common-name groups
 * grow), and at a million FIRs the EM settled on "same police station" as its match class
 * (precision 0.76). Passive, its weights are those the truth gives (about +1.5 / −1.6 bits).
 *
 * Term-frequency adjustment: an exact agreement on a value shared by many records is weaker
 * evidence than one on a rare value. The weight of an exact level is shifted by
 * log2(ū / p_v), where p_v is the share of records with the value v and ū = Σ p² the chance
 * that two random records agree on the field: agreeing on "Yadav" (common) counts less than
 * agreeing on "Rajbhar", and a value as common as the average is not adjusted.
 */
import { fieldBases, fields, levelOf, type TfValues } from './comparisons.ts';

export interface ModelParameters {
  /** m per field and level (index 0 unused: missing). */
  m: number[][];
  u: number[][];
  /** Chance that two records with the same name skeleton are one person: the prior of a pair. */
  lambda: number;
  iterations: number;
}

/** Pseudo-count weight of the priors in the EM (in pairs). */
const priorStrength = 50;
/** Bounds of the term-frequency adjustment, in bits. */
export const tfBounds = { min: -5, max: 3 };

/** Weight that stops a link whatever else agrees. */
export const veto = -1000;

/** Fixed weights (bits) of the name fields' levels 1..n, which the EM does not estimate. */
export const nameWeights: Readonly<Record<string, readonly number[]>> = {
  first_name: [0, 0, -2, veto],
  surname: [0, 0, -1, -6, -2],
};

/** Fields estimated from the EM's posteriors without taking part in them (see above). */
export const passiveFields: ReadonlySet<string> = new Set(['district']);

export function priorParameters(): ModelParameters {
  return {
    m: fields.map((f) => [0, ...f.m]),
    u: fields.map((f) => [0, ...f.u]),
    lambda: 0.05,
    iterations: 0,
  };
}

/** m, u and λ by EM over the (weighted) comparison-vector counts of the training pairs. */
export function estimate(counts: ReadonlyMap<number, number>, maxIterations = 200): ModelParameters {
  const p = priorParameters();
  const prior = priorParameters();
  const codes = [...counts.keys()];
  const levels = codes.map((c) => fields.map((_, f) => levelOf(c, f)));
  const n = codes.map((c) => counts.get(c) as number);
  const total = n.reduce((s, x) => s + x, 0);
  const used = fields.map((f) => !(f.name in nameWeights));
  const active = fields.map((f, i) => used[i] && !passiveFields.has(f.name));
  for (let it = 1; it <= maxIterations && total > 0; it++) {
    const mAcc = fields.map((f) => new Array<number>(f.levels.length + 1).fill(0));
    const uAcc = fields.map((f) => new Array<number>(f.levels.length + 1).fill(0));
    let matched = 0;
    for (let k = 0; k < codes.length; k++) {
      const lv = levels[k] as number[];
      let logBf = 0;
      for (let f = 0; f < fields.length; f++) {
        const l = lv[f] as number;
        if (l > 0 && active[f])
          logBf += Math.log((p.m[f] as number[])[l] as number) - Math.log((p.u[f] as number[])[l] as number);
      }
      const odds = (p.lambda / (1 - p.lambda)) * Math.exp(Math.min(700, logBf));
      const w = odds / (1 + odds);
      const c = n[k] as number;
      matched += c * w;
      for (let f = 0; f < fields.length; f++) {
        const l = lv[f] as number;
        (mAcc[f] as number[])[l]! += c * w;
        (uAcc[f] as number[])[l]! += c * (1 - w);
      }
    }
    let change = Math.abs(matched / total - p.lambda);
    p.lambda = Math.min(0.99, Math.max(1e-9, matched / total));
    for (let f = 0; f < fields.length; f++) {
      if (!used[f]) continue;
      for (const [acc, out, pri] of [
        [mAcc, p.m, prior.m],
        [uAcc, p.u, prior.u],
      ] as const) {
        const a = acc[f] as number[];
        const pr = pri[f] as number[];
        const present = a.slice(1).reduce((s, x) => s + x, 0);
        for (let l = 1; l < a.length; l++) {
          const v = ((a[l] as number) + priorStrength * (pr[l] as number)) / (present + priorStrength);
          change = Math.max(change, Math.abs(v - ((out[f] as number[])[l] as number)));
          (out[f] as number[])[l] = v;
        }
      }
    }
    p.iterations = it;
    if (change < 1e-6) break;
  }
  return p;
}

/**
 * Value frequencies per field, for the term-frequency adjustment. Values are interned strings
 * (numbers); each field counts in a typed array, and remembers the order in which its values
 * first came so that ū is summed in a fixed order.
 */
export class TermFrequencies {
  private counts: Int32Array[] = fields.map(() => new Int32Array(0));
  private readonly firstSeen: number[][] = fields.map(() => []);
  private readonly totals: number[] = fields.map(() => 0);
  private average: number[] = [];

  add(field: number, value: number): void {
    if (value < 0) return;
    let c = this.counts[field] as Int32Array;
    if (value >= c.length) {
      const next = new Int32Array(Math.max(value + 1, c.length * 2, 1024));
      next.set(c);
      this.counts[field] = c = next;
    }
    if (c[value]!++ === 0) (this.firstSeen[field] as number[]).push(value);
    (this.totals as number[])[field]!++;
  }

  /** Adds n records with the value (counts taken elsewhere: the incremental resolution's). */
  addCount(field: number, value: number, n: number): void {
    if (value < 0 || n <= 0) return;
    let c = this.counts[field] as Int32Array;
    if (value >= c.length) {
      const next = new Int32Array(Math.max(value + 1, c.length * 2, 1024));
      next.set(c);
      this.counts[field] = c = next;
    }
    c[value]! += n;
  }

  /**
   * Seals frequencies whose totals and ū were worked out elsewhere (over all the records, of
   * which only some were counted here with `addCount`).
   */
  sealWith(totals: readonly number[], averages: readonly number[]): void {
    this.adjustments = this.counts.map((c) => new Float64Array(c.length).fill(NaN));
    fields.forEach((_, f) => {
      this.totals[f] = totals[f] ?? 0;
    });
    this.average = fields.map((_, f) => averages[f] ?? 0);
    this.firstSeen.forEach((l) => (l.length = 0));
  }

  /** adjustment() per field and value, computed once (NaN: not yet). */
  private adjustments: Float64Array[] = [];

  /** Call once all values are added. */
  seal(): void {
    this.adjustments = this.counts.map((c) => new Float64Array(c.length).fill(NaN));
    this.average = fields.map((_, f) => {
      const t = this.totals[f] as number;
      if (t === 0) return 0;
      const c = this.counts[f] as Int32Array;
      let s = 0;
      for (const v of this.firstSeen[f] as number[]) s += ((c[v] as number) / t) ** 2;
      return s;
    });
    this.firstSeen.forEach((l) => (l.length = 0));
  }

  /** Share of records with the value (floor: one record). */
  share(field: number, value: number): number {
    const t = this.totals[field] as number;
    if (t === 0) return 1;
    return Math.max(1, (this.counts[field] as Int32Array)[value] ?? 0) / t;
  }

  /** log2(ū / p_v), bounded. */
  adjustment(field: number, value: number): number {
    const cache = this.adjustments[field];
    if (cache && value < cache.length) {
      const hit = cache[value] as number;
      if (!Number.isNaN(hit)) return hit;
      return (cache[value] = this.computeAdjustment(field, value));
    }
    return this.computeAdjustment(field, value);
  }

  private computeAdjustment(field: number, value: number): number {
    const avg = this.average[field] as number;
    if (!(avg > 0)) return 0;
    const a = Math.log2(avg / this.share(field, value));
    return Math.min(tfBounds.max, Math.max(tfBounds.min, a));
  }
}

/** log2 Bayes factors per field and level, from the parameters. */
export function weightTable(p: ModelParameters): number[][] {
  return fields.map((f, i) => [
    0,
    ...f.levels.map(
      (_, l) =>
        nameWeights[f.name]?.[l] ??
        Math.log2(((p.m[i] as number[])[l + 1] as number) / ((p.u[i] as number[])[l + 1] as number)),
    ),
  ]);
}

export interface FieldScore {
  field: string;
  level: string;
  weight: number;
}

export interface Scorer {
  params: ModelParameters;
  weights: number[][];
  priorWeight: number;
  /** Match weight of a pair (without the prior). */
  weight(code: number, tf: TfValues): number;
  probability(weight: number): number;
  explain(code: number, tf: TfValues): FieldScore[];
}

export function scorer(params: ModelParameters, tf: TermFrequencies): Scorer {
  const weights = weightTable(params);
  const priorWeight = Math.log2(params.lambda / (1 - params.lambda));
  const fieldWeight = (code: number, tfv: TfValues, f: number): { level: number; w: number } => {
    const level = Math.floor(code / (fieldBases[f] as number)) % (fields[f]!.levels.length + 1);
    let w = (weights[f] as number[])[level] as number;
    const v = tfv[f] as number;
    if (v >= 0 && (fields[f]!.tfLevels as readonly number[]).includes(level)) w += tf.adjustment(f, v);
    return { level, w };
  };
  return {
    params,
    weights,
    priorWeight,
    weight(code, tfv) {
      let s = 0;
      for (let f = 0; f < fields.length; f++) s += fieldWeight(code, tfv, f).w;
      return s;
    },
    probability(weight) {
      return 1 / (1 + 2 ** -(priorWeight + weight));
    },
    explain(code, tfv) {
      const out: FieldScore[] = [];
      for (let f = 0; f < fields.length; f++) {
        const { level, w } = fieldWeight(code, tfv, f);
        if (level === 0) continue;
        out.push({
          field: fields[f]!.name,
          level: fields[f]!.levels[level - 1] as string,
          weight: Math.round(w * 100) / 100,
        });
      }
      return out;
    },
  };
}
