/**
 * Clustering of linked records into persons: the links are taken strongest first and join two
 * clusters (union-find) unless that would put two accused of one FIR into one person (never the
 * same person), stretch the cluster's birth years wider than a person's recorded ages can
 * plausibly vary, or bring together two fathers' names that cannot be one man. The constraints
 * stop the chains that plain connected components make through a record with missing fields
 * (A~B and B~C, B has no father's name, but A's and C's fathers differ: two people).
 */

export interface ClusterInput {
  /** Number of records. */
  size: number;
  /** FIR of a record (a number shared by the records of one FIR). */
  firOf(record: number): number;
  /** Birth year of a record, `noYear` (or NaN) when unknown. */
  birthYearOf(record: number): number;
  noYear?: number;
  /** Widest birth-year span a person may have. */
  maxYearSpan: number;
  /** Group of each record that must stay together (the previous build's person; -1: none). */
  mustLink?: Int32Array;
  /** Father's-name key of each record (-1 when unknown). */
  fatherKey?: Int32Array;
  /** Whether the fathers of two records can be one man. */
  fathersCompatible?: (a: number, b: number) => boolean;
}

/** Distinct fathers' names a cluster keeps for the compatibility check. */
const fathersKept = 6;

/** Links in any order: they are taken by weight, then by record pair. */
export interface LinkList {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
  length: number;
  /** 0: the link may not join two clusters, only explain records already together (default: all 1). */
  joinable?: Uint8Array;
}

export interface Clusters {
  /** Cluster representative of each record. */
  root: Int32Array;
  /** For each record, the accepted link (index into the link list) of highest weight, or -1. */
  bestLink: Int32Array;
  /** Links refused by a constraint. */
  refused: number;
}

/** What the constraints need of a cluster of two or more records (one record is its own). */
class Members {
  constructor(
    public firs: number[],
    public minYear: number,
    public maxYear: number,
    /** A record per distinct father's name: [key, record, key, record, …], in order of arrival. */
    public fathers: number[],
  ) {}

  hasFather(key: number): boolean {
    for (let k = 0; k < this.fathers.length; k += 2) if (this.fathers[k] === key) return true;
    return false;
  }
}

export function cluster(input: ClusterInput, links: LinkList): Clusters {
  const n = input.size;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  // Only clusters of two or more records are kept here: most records stay alone, and what a
  // single record brings is read from the inputs when it joins.
  const members = new Map<number, Members>();
  const get = (r: number): Members => {
    const m = members.get(r);
    if (m) return m;
    const raw = input.birthYearOf(r);
    const y = raw === input.noYear || Number.isNaN(raw) ? null : raw;
    const f = input.fatherKey?.[r] ?? -1;
    return new Members([input.firOf(r)], y ?? Infinity, y ?? -Infinity, f < 0 ? [] : [f, r]);
  };
  const union = (ra: number, rb: number, check: boolean): boolean => {
    const ma = get(ra);
    const mb = get(rb);
    if (check) {
      const lo = Math.min(ma.minYear, mb.minYear);
      const hi = Math.max(ma.maxYear, mb.maxYear);
      if (hi - lo > input.maxYearSpan) return false;
      const [small, large] = ma.firs.length < mb.firs.length ? [ma, mb] : [mb, ma];
      if (large.firs.length <= 8) {
        if (small.firs.some((f) => large.firs.includes(f))) return false;
      } else {
        const set = new Set(large.firs);
        if (small.firs.some((f) => set.has(f))) return false;
      }
      const ok = input.fathersCompatible;
      if (ok && ma.fathers.length > 0 && mb.fathers.length > 0) {
        let any = false;
        for (let x = 1; x < ma.fathers.length && !any; x += 2)
          for (let y = 1; y < mb.fathers.length; y += 2)
            if ((any = ok(ma.fathers[x] as number, mb.fathers[y] as number))) break;
        if (!any) return false;
      }
    }
    const [keep, drop, mk, md] = ma.firs.length >= mb.firs.length ? [ra, rb, ma, mb] : [rb, ra, mb, ma];
    parent[drop] = keep;
    for (const f of md.firs) mk.firs.push(f);
    mk.minYear = Math.min(mk.minYear, md.minYear);
    mk.maxYear = Math.max(mk.maxYear, md.maxYear);
    for (let k = 0; k < md.fathers.length; k += 2) {
      const key = md.fathers[k] as number;
      if (mk.fathers.length < 2 * fathersKept && !mk.hasFather(key)) mk.fathers.push(key, md.fathers[k + 1] as number);
    }
    members.delete(drop);
    members.set(keep, mk);
    return true;
  };

  if (input.mustLink) {
    // Each record joins the first record of its group.
    let groups = 0;
    for (const g of input.mustLink) groups = Math.max(groups, g + 1);
    const first = new Int32Array(groups).fill(-1);
    for (let i = 0; i < n; i++) {
      const g = input.mustLink[i] as number;
      if (g < 0) continue;
      const head = first[g] as number;
      if (head < 0) {
        first[g] = i;
        continue;
      }
      const ra = find(head);
      const rb = find(i);
      if (ra !== rb) union(ra, rb, false);
    }
  }

  const { a: la, b: lb, weight: lw } = links;
  const order = new Int32Array(links.length);
  for (let k = 0; k < order.length; k++) order[k] = k;
  order.sort(
    (x, y) =>
      (lw[y] as number) - (lw[x] as number) ||
      (la[x] as number) - (la[y] as number) ||
      (lb[x] as number) - (lb[y] as number),
  );
  const bestLink = new Int32Array(n).fill(-1);
  let refused = 0;
  for (const k of order) {
    const a = links.a[k] as number;
    const b = links.b[k] as number;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb && links.joinable?.[k] === 0) continue;
    if (ra !== rb && !union(ra, rb, true)) {
      refused++;
      continue;
    }
    // Same cluster now (joined, or already): the link is evidence for both records.
    if (bestLink[a] === -1) bestLink[a] = k;
    if (bestLink[b] === -1) bestLink[b] = k;
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = find(i);
  return { root, bestLink, refused };
}
