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
  /** FIR of each record (an index). */
  fir: Int32Array;
  /** Birth year of each record, NaN when unknown. */
  birthYear: Float64Array;
  /** Widest birth-year span a person may have. */
  maxYearSpan: number;
  /** Record groups that must stay together (the persons of the previous build). */
  mustLink?: readonly (readonly number[])[];
  /** Father's-name key of each record ('' when unknown). */
  fatherKey?: readonly string[];
  /** Whether the fathers of two records can be one man. */
  fathersCompatible?: (a: number, b: number) => boolean;
}

/** Distinct fathers' names a cluster keeps for the compatibility check. */
const fathersKept = 6;

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

class Members {
  constructor(
    public firs: number[],
    public minYear: number,
    public maxYear: number,
    /** A record per distinct father's name. */
    public fathers: Map<string, number>,
  ) {}
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
  const members = new Map<number, Members>();
  const get = (r: number): Members => {
    let m = members.get(r);
    if (!m) {
      const y = input.birthYear[r] as number;
      const f = input.fatherKey?.[r] ?? '';
      m = new Members(
        [input.fir[r] as number],
        Number.isNaN(y) ? Infinity : y,
        Number.isNaN(y) ? -Infinity : y,
        new Map(f === '' ? [] : [[f, r]]),
      );
      members.set(r, m);
    }
    return m;
  };
  const union = (ra: number, rb: number, check: boolean): boolean => {
    const ma = get(ra);
    const mb = get(rb);
    if (check) {
      const lo = Math.min(ma.minYear, mb.minYear);
      const hi = Math.max(ma.maxYear, mb.maxYear);
      if (hi - lo > input.maxYearSpan) return false;
      const [small, large] = ma.firs.length < mb.firs.length ? [ma, mb] : [mb, ma];
      const set = new Set(large.firs);
      if (small.firs.some((f) => set.has(f))) return false;
      const ok = input.fathersCompatible;
      if (ok && ma.fathers.size > 0 && mb.fathers.size > 0) {
        let any = false;
        for (const x of ma.fathers.values()) {
          for (const y of mb.fathers.values()) if ((any = ok(x, y))) break;
          if (any) break;
        }
        if (!any) return false;
      }
    }
    const [keep, drop, mk, md] = ma.firs.length >= mb.firs.length ? [ra, rb, ma, mb] : [rb, ra, mb, ma];
    parent[drop] = keep;
    for (const f of md.firs) mk.firs.push(f);
    mk.minYear = Math.min(mk.minYear, md.minYear);
    mk.maxYear = Math.max(mk.maxYear, md.maxYear);
    for (const [k, r] of md.fathers) if (mk.fathers.size < fathersKept && !mk.fathers.has(k)) mk.fathers.set(k, r);
    members.delete(drop);
    return true;
  };

  for (const group of input.mustLink ?? []) {
    for (let k = 1; k < group.length; k++) {
      const ra = find(group[0] as number);
      const rb = find(group[k] as number);
      if (ra !== rb) union(ra, rb, false);
    }
  }

  const order = Array.from({ length: links.length }, (_, k) => k).sort(
    (x, y) => (links.weight[y] as number) - (links.weight[x] as number) || x - y,
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
