/**
 * Blocking: which pairs of records are compared at all. Comparing every pair grows with the
 * square of the records; instead each rule groups records by a coarse key (the consonant
 * skeletons of the name, the father's name, the alias, the place) and, inside a group,
 * compares each record with its next `window` neighbours in the order of a finer sort key
 * (sorted neighbourhood). A group no larger than the window is compared in full. So each rule
 * yields at most `window` pairs per record, and the total grows linearly with the records
 * however common a name is; the rules overlap so that a true pair missed by one (a surname
 * misspelt, a father's name missing) is caught by another.
 */
import type { Features } from './features.ts';

export interface BlockingRule {
  name: string;
  doc: string;
  /** Group key; null: the record takes no part in this rule. */
  block(f: Features): string | null;
  /** Order inside a group. */
  sort(f: Features): string;
}

const year = (f: Features): string => (f.birthYear === null ? '----' : String(f.birthYear));
const nameKey = (f: Features): string => f.firstSkeleton + '|' + f.lastSkeleton;

export const blockingRules: readonly BlockingRule[] = [
  {
    name: 'name+father',
    doc: "name skeleton, sorted by father's name and birth year",
    block: nameKey,
    sort: (f) => f.fatherGiven + '|' + year(f),
  },
  {
    name: 'name+place',
    doc: 'name skeleton, sorted by place and birth year',
    block: nameKey,
    sort: (f) => (f.placeKey ?? '') + '|' + year(f),
  },
  {
    name: 'first+father',
    doc: "first-name and father's first-name skeletons (surname missing or misspelt), sorted by birth year",
    block: (f) => (f.fatherFirstSkeleton ? f.firstSkeleton + '|' + f.fatherFirstSkeleton : null),
    sort: (f) => year(f) + '|' + (f.placeKey ?? ''),
  },
  {
    name: 'surname+father+station',
    doc: "surname skeleton, father's name and the address's police station (first name misspelt), sorted by birth year",
    block: (f) => (f.father ? f.lastSkeleton + '|' + f.fatherGiven + '|' + (f.policeStationId ?? '') : null),
    sort: year,
  },
  {
    name: 'alias+place',
    doc: 'alias and place, sorted by birth year',
    block: (f) => (f.alias && f.placeKey ? f.alias + '|' + f.placeKey : null),
    sort: year,
  },
];

/** Pair codes are i * pairBase + j (i < j), exact in a double up to 2^26 records. */
export const pairBase = 2 ** 26;

export function pairOf(code: number): [number, number] {
  const i = Math.floor(code / pairBase);
  return [i, code - i * pairBase];
}

/** A growable Float64Array. */
export class CodeBuffer {
  data = new Float64Array(1 << 16);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  /** Sorted distinct values. */
  distinct(): Float64Array {
    const a = this.data.subarray(0, this.length).sort();
    let w = 0;
    for (let r = 0; r < a.length; r++) if (r === 0 || a[r] !== a[w - 1]) a[w++] = a[r] as number;
    return a.slice(0, w);
  }
}

export interface Candidates {
  /** Sorted distinct pair codes. */
  pairs: Float64Array;
  /** Pairs each rule proposed (before removing those another rule proposed too). */
  perRule: Record<string, number>;
}

/** The candidate pairs of the records under the rules. */
export function candidatePairs(
  features: readonly (Features | null)[],
  options: { window?: number; rules?: readonly BlockingRule[] } = {},
): Candidates {
  const window = options.window ?? 4;
  const rules = options.rules ?? blockingRules;
  if (features.length >= pairBase) throw new Error(`too many records for one resolution: ${features.length}`);
  const buf = new CodeBuffer();
  const perRule: Record<string, number> = {};
  for (const rule of rules) {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      if (!f) continue;
      const k = rule.block(f);
      if (k === null) continue;
      const g = groups.get(k);
      if (g) g.push(i);
      else groups.set(k, [i]);
    }
    let n = 0;
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      let order = g;
      if (g.length > window + 1) {
        const keys = new Map(g.map((i) => [i, rule.sort(features[i] as Features)]));
        order = [...g].sort((a, b) => {
          const ka = keys.get(a) as string;
          const kb = keys.get(b) as string;
          return ka < kb ? -1 : ka > kb ? 1 : a - b;
        });
      }
      for (let x = 0; x < order.length; x++) {
        const end = Math.min(order.length, x + window + 1);
        for (let y = x + 1; y < end; y++) {
          const a = order[x] as number;
          const b = order[y] as number;
          buf.push(a < b ? a * pairBase + b : b * pairBase + a);
          n++;
        }
      }
    }
    perRule[rule.name] = n;
  }
  return { pairs: buf.distinct(), perRule };
}

/** A small deterministic PRNG (mulberry32), so a rebuild draws the same sample. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The training sample of the model: pairs of records that share a name skeleton, drawn without
 * the sorted-neighbourhood ordering (which would make the other fields agree more often than
 * chance among different people). A name group with more than `perRecord` × its size pairs is
 * sampled down to that many and each drawn pair weighted up by the ratio, so the sample stands
 * for all same-name pairs while its size grows linearly with the records.
 */
export function* trainingPairs(
  features: readonly (Features | null)[],
  perRecord = 4,
): Generator<{ i: number; j: number; weight: number }> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    if (!f) continue;
    const k = f.firstSkeleton + '|' + f.lastSkeleton;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const rand = prng(features.length);
  for (const g of groups.values()) {
    const n = g.length;
    if (n < 2) continue;
    const all = (n * (n - 1)) / 2;
    const budget = perRecord * n;
    if (all <= budget) {
      for (let x = 0; x < n; x++)
        for (let y = x + 1; y < n; y++) yield { i: g[x] as number, j: g[y] as number, weight: 1 };
      continue;
    }
    const weight = all / budget;
    for (let s = 0; s < budget; s++) {
      const x = Math.floor(rand() * n);
      let y = Math.floor(rand() * (n - 1));
      if (y >= x) y++;
      yield { i: g[x] as number, j: g[y] as number, weight };
    }
  }
}
