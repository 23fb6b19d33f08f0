/**
 * Stable person ids. The previous build's assignment (record → person id) is the memory: each
 * new cluster keeps the previous id that most of its records had (largest overlap first, each
 * previous id used once); a cluster with no previous records, or whose ids were all kept by
 * larger overlaps (a split), gets a new id derived from its earliest record, so a rebuild from
 * scratch over the same records gives the same ids.
 *
 * Scale: previous ids are codes (numbered in the ids' own order) and clusters are numbers, so
 * the overlaps are counted and ranked with counting sorts; a new id is `P` + the first 50 bits
 * of a SHA-256 in base32, which is a number, and the ids in use are a hash set of those numbers.
 */
import crypto from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U
const idPattern = /^P[0-9A-HJKMNP-TV-Z]{10}$/;

/** The 50-bit number of the new id an anchor text gives: the first 50 bits of its SHA-256. */
export function personNumberOf(anchor: string): number {
  const h = crypto.createHash('sha256').update(anchor).digest();
  return (
    (h[0] as number) * 2 ** 42 +
    (h[1] as number) * 2 ** 34 +
    (h[2] as number) * 2 ** 26 +
    (h[3] as number) * 2 ** 18 +
    (h[4] as number) * 2 ** 10 +
    (h[5] as number) * 4 +
    ((h[6] as number) >> 6)
  );
}

/** `P` + 10 base32 characters of a 50-bit number. */
export function personIdText(n: number): string {
  let out = 'P';
  for (let k = 0; k < 10; k++) out += alphabet[Math.floor(n / 2 ** (45 - 5 * k)) % 32];
  return out;
}

/** The number of an id written by `personIdText`; NaN for any other text. */
export function personIdNumber(id: string): number {
  if (!idPattern.test(id)) return NaN;
  let n = 0;
  for (let k = 1; k <= 10; k++) n = n * 32 + alphabet.indexOf(id[k] as string);
  return n;
}

/** `P` + 10 base32 characters of the SHA-256 of the anchor text. */
export function personIdOf(anchor: string): string {
  return personIdText(personNumberOf(anchor));
}

/**
 * A set of person ids: an open-addressing hash table of the 50-bit numbers (what every id we
 * hand out is), and a plain set for anything else an older lake may hold.
 */
export class PersonIdSet {
  private table = new Float64Array(1 << 16).fill(-1);
  private count = 0;
  private readonly others = new Set<string>();

  private static slot(n: number, mask: number): number {
    const lo = n % 2 ** 25;
    const hi = Math.floor(n / 2 ** 25);
    return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77)) & mask;
  }

  hasNumber(n: number): boolean {
    const mask = this.table.length - 1;
    for (let s = PersonIdSet.slot(n, mask); ; s = (s + 1) & mask) {
      const v = this.table[s] as number;
      if (v === -1) return false;
      if (v === n) return true;
    }
  }

  addNumber(n: number): void {
    if (this.count * 2 >= this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let s = PersonIdSet.slot(n, mask); ; s = (s + 1) & mask) {
      const v = this.table[s] as number;
      if (v === n) return;
      if (v === -1) {
        this.table[s] = n;
        this.count++;
        return;
      }
    }
  }

  has(id: string): boolean {
    const n = personIdNumber(id);
    return Number.isNaN(n) ? this.others.has(id) : this.hasNumber(n);
  }

  add(id: string): void {
    const n = personIdNumber(id);
    if (Number.isNaN(n)) this.others.add(id);
    else this.addNumber(n);
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2).fill(-1);
    this.count = 0;
    for (const v of old) if (v !== -1) this.addNumber(v);
  }
}

/** Stable counting sort of `items` by `key(item)` in [0, range). */
function sortBy(items: Int32Array, key: (item: number) => number, range: number): Int32Array {
  const count = new Int32Array(range + 1);
  for (const x of items) count[key(x) + 1]!++;
  for (let k = 0; k < range; k++) count[k + 1]! += count[k] as number;
  const out = new Int32Array(items.length);
  for (const x of items) out[count[key(x)]!++] = x;
  return out;
}

/**
 * The previous person each cluster keeps: per cluster root, the code of the previous id with
 * the largest overlap (ties: the smaller id, then the smaller root), each code kept by one
 * cluster only; -1 for a cluster that needs a new id.
 */
export function keepPreviousIds(root: Int32Array, previous: Int32Array, codes: number): Int32Array {
  const n = root.length;
  let m = 0;
  for (let i = 0; i < n; i++) if ((previous[i] as number) >= 0) m++;
  const withPrevious = new Int32Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if ((previous[i] as number) >= 0) withPrevious[m++] = i;
  // Records by (root, code): runs are the overlaps.
  const byRoot = sortBy(
    sortBy(withPrevious, (i) => previous[i] as number, codes),
    (i) => root[i] as number,
    n,
  );
  const oRoot: number[] = [];
  const oCode: number[] = [];
  const oCount: number[] = [];
  let maxCount = 0;
  for (let p = 0; p < byRoot.length;) {
    const i = byRoot[p] as number;
    let q = p + 1;
    while (q < byRoot.length && root[byRoot[q] as number] === root[i] && previous[byRoot[q] as number] === previous[i])
      q++;
    oRoot.push(root[i] as number);
    oCode.push(previous[i] as number);
    oCount.push(q - p);
    maxCount = Math.max(maxCount, q - p);
    p = q;
  }
  // Overlaps by count (descending), then code, then root: they are in (root, code) order now.
  const overlaps = Int32Array.from(oRoot, (_, k) => k);
  const ranked = sortBy(
    sortBy(overlaps, (k) => oCode[k] as number, codes),
    (k) => maxCount - (oCount[k] as number),
    maxCount + 1,
  );
  const kept = new Int32Array(n).fill(-1);
  const taken = new Uint8Array(codes);
  for (const k of ranked) {
    const r = oRoot[k] as number;
    const c = oCode[k] as number;
    if (kept[r] !== -1 || taken[c]) continue;
    kept[r] = c;
    taken[c] = 1;
  }
  return kept;
}

/**
 * Names the clusters that keep no previous id. Offer the records in the order of their anchor
 * key (earliest first): the first record of each such cluster anchors its new id, which is
 * re-derived (`anchor#1`, `#2`, …) while it is in use.
 *
 * At scale the anchors' hashes come from DuckDB (`offerNumber`): no anchor text crosses over. A
 * cluster whose id is taken (rare: 50-bit ids) waits, and is named from its anchor text
 * afterwards (`pending`, `settle`).
 */
export class PersonNamer {
  /** The new id's number per cluster root (NaN: none; -1: waiting for `settle`). */
  readonly newId: Float64Array;
  /** Records whose cluster's first id was taken, in anchor order. */
  readonly pending: number[] = [];
  created = 0;

  constructor(
    private readonly root: Int32Array,
    private readonly kept: Int32Array,
    private readonly used: PersonIdSet,
  ) {
    this.newId = new Float64Array(root.length).fill(NaN);
  }

  /** Whether record i's cluster still needs a name. */
  needs(i: number): boolean {
    const r = this.root[i] as number;
    return this.kept[r] === -1 && Number.isNaN(this.newId[r]);
  }

  offer(i: number, anchor: string): void {
    if (!this.needs(i)) return;
    let id = personNumberOf(anchor);
    for (let k = 1; this.used.hasNumber(id); k++) id = personNumberOf(`${anchor}#${k}`);
    this.name(i, id);
  }

  /** `offer` with the number of the anchor's id (`personNumberOf`) worked out elsewhere. */
  offerNumber(i: number, id: number): void {
    if (!this.needs(i)) return;
    if (this.used.hasNumber(id)) {
      this.newId[this.root[i] as number] = -1;
      this.pending.push(i);
      return;
    }
    this.name(i, id);
  }

  /** Names a pending record's cluster from its anchor text (first `anchor#1`). */
  settle(i: number, anchor: string): void {
    let id = personNumberOf(`${anchor}#1`);
    for (let k = 2; this.used.hasNumber(id); k++) id = personNumberOf(`${anchor}#${k}`);
    this.name(i, id);
  }

  private name(i: number, id: number): void {
    this.used.addNumber(id);
    this.newId[this.root[i] as number] = id;
    this.created++;
  }
}

export interface IdInput {
  /** Record id of each record. */
  recordIds: readonly string[];
  /** Cluster representative of each record. */
  root: Int32Array;
  /** Person id of each record in the previous build (null: a new record). */
  previous: readonly (string | null)[];
  /** Sort key of each record; the smallest of a cluster anchors a new id. */
  anchorKey: readonly string[];
  /** Ids that must not be handed out again (every id ever used, retired ones included). */
  reserved?: ReadonlySet<string>;
}

/** Previous ids as codes in the ids' order: the code of each record (-1: none) and the ids. */
export function encodePrevious(previous: readonly (string | null)[]): { codes: Int32Array; ids: string[] } {
  const ids = [...new Set(previous.filter((p): p is string => p !== null))].sort();
  const code = new Map(ids.map((id, k) => [id, k]));
  return { codes: Int32Array.from(previous, (p) => (p === null ? -1 : (code.get(p) as number))), ids };
}

/** The person id of each record (the in-memory form of what the lake step does at scale). */
export function assignIds(input: IdInput): string[] {
  const { codes, ids } = encodePrevious(input.previous);
  const kept = keepPreviousIds(input.root, codes, ids.length);
  const used = new PersonIdSet();
  for (const id of input.reserved ?? []) used.add(id);
  for (const id of ids) used.add(id);
  const namer = new PersonNamer(input.root, kept, used);
  const order = input.anchorKey.map((_, i) => i);
  order.sort((x, y) => {
    const a = input.anchorKey[x] as string;
    const b = input.anchorKey[y] as string;
    return a < b ? -1 : a > b ? 1 : x - y;
  });
  for (const i of order) namer.offer(i, input.anchorKey[i] as string);
  return Array.from(input.root, (r) => {
    const c = kept[r] as number;
    return c >= 0 ? (ids[c] as string) : personIdText(namer.newId[r] as number);
  });
}
