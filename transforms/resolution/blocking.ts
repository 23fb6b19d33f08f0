/**
 * Blocking: which pairs of records are compared at all. Comparing every pair grows with the
 * square of the records; instead each rule groups records by a coarse key (the consonant
 * skeletons of the name, the father's name, the alias, the place) and, inside a group,
 * compares each record with its next `window` neighbours in the order of a finer sort key
 * (sorted neighbourhood). A group no larger than the window is compared in full. So each rule
 * yields at most `window` pairs per record, and the total grows linearly with the records
 * however common a name is; the rules overlap so that a true pair missed by one (a surname
 * misspelt, a father's name missing) is caught by another.
 *
 * Scale: the keys are the store's numbers, so a rule's order is a few stable counting sorts
 * (least significant part first) of an Int32Array of record numbers, not a sort of strings. The
 * pairs are not collected: each is handed to the caller as its rule reaches it. A pair that an
 * earlier rule proposed too is skipped, which needs only each earlier rule's position of every
 * record and its group boundaries (two records are neighbours under a rule when they sit in one
 * group at most `window` places apart).
 */
import { noYear, type RecordStore } from './store.ts';

/** A part of a blocking or sort key: a field of the record's normal forms. */
export type KeyPart =
  | 'firstSkeleton'
  | 'lastSkeleton'
  | 'fatherGiven'
  | 'fatherFirstSkeleton'
  | 'place'
  | 'station'
  | 'alias'
  | 'birthYear';

export interface BlockingRule {
  name: string;
  doc: string;
  /** Parts that must all agree for two records to share a group. */
  block: readonly KeyPart[];
  /**
   * Order inside a group, most significant first: as the texts of the parts joined by '|'
   * (a missing place or father's name is '', a missing birth year '----').
   */
  sort: readonly KeyPart[];
  /** Parts a record must have to take part (a name always). */
  requires?: readonly KeyPart[];
}

export const blockingRules: readonly BlockingRule[] = [
  {
    name: 'name+father',
    doc: "name skeleton, sorted by father's name and birth year",
    block: ['firstSkeleton', 'lastSkeleton'],
    sort: ['fatherGiven', 'birthYear'],
  },
  {
    name: 'name+place',
    doc: 'name skeleton, sorted by place and birth year',
    block: ['firstSkeleton', 'lastSkeleton'],
    sort: ['place', 'birthYear'],
  },
  {
    name: 'first+father',
    doc: "first-name and father's first-name skeletons (surname missing or misspelt), sorted by birth year",
    block: ['firstSkeleton', 'fatherFirstSkeleton'],
    sort: ['birthYear', 'place'],
    requires: ['fatherFirstSkeleton'],
  },
  {
    name: 'surname+father+station',
    doc: "surname skeleton, father's name and the address's police station (first name misspelt), sorted by birth year",
    block: ['lastSkeleton', 'fatherGiven', 'station'],
    sort: ['birthYear'],
    requires: ['fatherGiven'],
  },
  {
    name: 'alias+place',
    doc: 'alias and place, sorted by birth year',
    block: ['alias', 'place'],
    sort: ['birthYear'],
    requires: ['alias', 'place'],
  },
];

/** The value of a key part for record i: a number, -1 when the record has none. */
export function partValue(s: RecordStore, part: KeyPart, i: number): number {
  switch (part) {
    case 'firstSkeleton':
      return s.firstSkeleton(i);
    case 'lastSkeleton':
      return s.lastSkeleton(i);
    case 'fatherGiven':
      return s.fatherGivenOf(i);
    case 'fatherFirstSkeleton':
      return s.fatherFirstSkeleton(i);
    case 'place':
      return s.place(i);
    case 'station':
      return s.station(i);
    case 'alias':
      return s.aliasOf(i);
    case 'birthYear': {
      const y = s.birthYearOf(i);
      return y === noYear ? -1 : y;
    }
  }
}

export function partText(s: RecordStore, part: KeyPart, v: number): string {
  if (part === 'birthYear') return v < 0 ? '----' : String(v);
  if (v < 0) return '';
  return part === 'station' ? s.labels.text(v) : s.strings.text(v);
}

/**
 * Keys of one part for the records in `order` (aligned with it), in [0, range). For a sort part
 * they are ranks of the parts' texts, so that sorting by the parts in turn orders as the joined
 * text did (a part followed by another compares as its text + '|'); for a group part any
 * numbering will do.
 */
function partKeys(
  s: RecordStore,
  part: KeyPart,
  order: Int32Array,
  keys: Int32Array,
  ordered: boolean,
  followed: boolean,
): number {
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < order.length; p++) {
    const v = partValue(s, part, order[p] as number);
    keys[p] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (order.length === 0) return 1;
  const range = max - min + 1;
  if (!ordered) {
    for (let p = 0; p < order.length; p++) keys[p] = (keys[p] as number) - min;
    return range;
  }
  const rank = new Int32Array(range).fill(-1);
  const distinct: number[] = [];
  for (let p = 0; p < order.length; p++) {
    const k = (keys[p] as number) - min;
    if (rank[k] === -1) {
      rank[k] = 0;
      distinct.push(k + min);
    }
  }
  const texts = distinct.map((v) => partText(s, part, v) + (followed ? '|' : ''));
  const byText = distinct
    .map((_, k) => k)
    .sort((a, b) => {
      const ta = texts[a] as string;
      const tb = texts[b] as string;
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    });
  byText.forEach((k, r) => (rank[(distinct[k] as number) - min] = r));
  for (let p = 0; p < order.length; p++) keys[p] = rank[(keys[p] as number) - min] as number;
  return distinct.length;
}

/** Stable counting sort of `order` by `keys` (aligned with it), through `tmp`. */
function countingSort(order: Int32Array, keys: Int32Array, range: number, tmp: Int32Array): void {
  const count = new Int32Array(range + 1);
  for (let p = 0; p < keys.length; p++) count[(keys[p] as number) + 1]!++;
  for (let k = 0; k < range; k++) count[k + 1]! += count[k] as number;
  for (let p = 0; p < order.length; p++) tmp[count[keys[p] as number]!++] = order[p] as number;
  order.set(tmp);
}

/** A rule's records in group order, with its group boundaries. */
interface RuleOrder {
  order: Int32Array;
  /** 1 at the position where a group starts. */
  groupStart: Uint8Array;
}

function ruleOrder(s: RecordStore, rule: BlockingRule): RuleOrder {
  const n = s.size;
  const requires = rule.requires ?? [];
  let m = 0;
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!s.isNamed(i)) continue;
    let ok = true;
    for (const part of requires) if (partValue(s, part, i) < 0) ok = false;
    if (ok) all[m++] = i;
  }
  const order = all.slice(0, m);
  const keys = new Int32Array(m);
  const tmp = all.subarray(0, m);
  // Least significant first: the sort parts (the last one as plain text), then the group parts;
  // the counting sorts are stable, so records tie in record order.
  for (let k = rule.sort.length - 1; k >= 0; k--) {
    const range = partKeys(s, rule.sort[k] as KeyPart, order, keys, true, k < rule.sort.length - 1);
    countingSort(order, keys, range, tmp);
  }
  for (let k = rule.block.length - 1; k >= 0; k--) {
    const range = partKeys(s, rule.block[k] as KeyPart, order, keys, false, false);
    countingSort(order, keys, range, tmp);
  }
  const groupStart = new Uint8Array(m);
  if (m > 0) groupStart[0] = 1;
  for (const part of rule.block) {
    let prev = m > 0 ? partValue(s, part, order[0] as number) : 0;
    for (let p = 1; p < m; p++) {
      const v = partValue(s, part, order[p] as number);
      if (v !== prev) groupStart[p] = 1;
      prev = v;
    }
  }
  return { order, groupStart };
}

export interface BlockingStats {
  /** Pairs each rule proposed (before removing those an earlier rule proposed too). */
  perRule: Record<string, number>;
  /** Distinct pairs handed to the visitor. */
  distinct: number;
}

/**
 * Hands every distinct candidate pair (a < b) of the store's named records to `visit`, rule by
 * rule, each pair once.
 */
export function forEachCandidatePair(
  s: RecordStore,
  options: { window?: number; rules?: readonly BlockingRule[] },
  visit: (a: number, b: number) => void,
): BlockingStats {
  const window = options.window ?? 4;
  const rules = options.rules ?? blockingRules;
  const n = s.size;
  const perRule: Record<string, number> = {};
  let distinct = 0;
  /** Per earlier rule: each record's position in its order (-1: not in it) and its group starts. */
  const earlier: { position: Int32Array; groupStart: Uint8Array }[] = [];
  const proposedBefore = (a: number, b: number): boolean => {
    for (const r of earlier) {
      const pa = r.position[a] as number;
      const pb = r.position[b] as number;
      if (pa < 0 || pb < 0) continue;
      const lo = pa < pb ? pa : pb;
      const hi = pa < pb ? pb : pa;
      if (hi - lo > window) continue;
      let same = true;
      for (let p = lo + 1; p <= hi; p++) if (r.groupStart[p]) same = false;
      if (same) return true;
    }
    return false;
  };
  rules.forEach((rule, ruleIndex) => {
    const { order, groupStart } = ruleOrder(s, rule);
    const m = order.length;
    let proposed = 0;
    let start = 0;
    while (start < m) {
      let end = start + 1;
      while (end < m && !groupStart[end]) end++;
      for (let x = start; x < end; x++) {
        const stop = Math.min(end, x + window + 1);
        for (let y = x + 1; y < stop; y++) {
          const i = order[x] as number;
          const j = order[y] as number;
          proposed++;
          const a = i < j ? i : j;
          const b = i < j ? j : i;
          if (proposedBefore(a, b)) continue;
          distinct++;
          visit(a, b);
        }
      }
      start = end;
    }
    perRule[rule.name] = proposed;
    if (ruleIndex < rules.length - 1) {
      const position = new Int32Array(n).fill(-1);
      for (let p = 0; p < m; p++) position[order[p] as number] = p;
      earlier.push({ position, groupStart });
    }
  });
  return { perRule, distinct };
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
 * for all same-name pairs while its size grows linearly with the records. Groups are taken in
 * the order of their first record, their records in record order.
 */
export function forEachTrainingPair(
  s: RecordStore,
  visit: (i: number, j: number, weight: number) => void,
  perRecord = 4,
): void {
  const { order, groupStart } = ruleOrder(s, {
    name: 'name',
    doc: '',
    block: ['firstSkeleton', 'lastSkeleton'],
    sort: [],
  });
  // Within a group the order is by record (the counting sorts are stable): its first record
  // leads. Groups by their first record: start positions sorted by that record.
  const starts: number[] = [];
  for (let p = 0; p < order.length; p++) if (groupStart[p]) starts.push(p);
  const byFirst = Float64Array.from(starts, (p) => (order[p] as number) * 2 ** 26 + p).sort();
  const rand = prng(s.size);
  for (const key of byFirst) {
    const start = key % 2 ** 26;
    let end = start + 1;
    while (end < order.length && !groupStart[end]) end++;
    const n = end - start;
    if (n < 2) continue;
    const g = order.subarray(start, end);
    const all = (n * (n - 1)) / 2;
    const budget = perRecord * n;
    if (all <= budget) {
      for (let x = 0; x < n; x++) for (let y = x + 1; y < n; y++) visit(g[x] as number, g[y] as number, 1);
      continue;
    }
    const weight = all / budget;
    for (let k = 0; k < budget; k++) {
      const x = Math.floor(rand() * n);
      let y = Math.floor(rand() * (n - 1));
      if (y >= x) y++;
      visit(g[x] as number, g[y] as number, weight);
    }
  }
}
