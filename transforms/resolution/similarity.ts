/** String similarity for short folded names (ASCII lower case). */

// Scratch flags, reused: the resolver calls this millions of times.
let aMatch = new Uint8Array(64);
let bMatch = new Uint8Array(64);

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  if (la > aMatch.length || lb > bMatch.length) {
    aMatch = new Uint8Array(Math.max(la, lb) * 2);
    bMatch = new Uint8Array(Math.max(la, lb) * 2);
  }
  aMatch.fill(0, 0, la);
  bMatch.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (bMatch[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      aMatch[i] = 1;
      bMatch[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < la; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Jaro-Winkler bands (`bandOf`) of pairs of interned words, remembered in a fixed-size
 * open-addressing table (a key and a byte per slot; emptied when half full), so millions of
 * lookups cost neither a Map's hashing nor unbounded memory.
 */
export class SimilarityCache {
  private readonly bits: number;
  private readonly keys: Float64Array;
  private readonly bands: Uint8Array;
  private used = 0;

  constructor(
    private readonly bandOf: (sim: number) => number,
    bits = 21,
  ) {
    this.bits = bits;
    this.keys = new Float64Array(1 << bits).fill(-1);
    this.bands = new Uint8Array(1 << bits);
  }

  /** Band of the similarity of the texts numbered x and y (x ≠ y). */
  get(x: number, y: number, texts: readonly string[]): number {
    const a = x < y ? x : y;
    const b = x < y ? y : x;
    if (b >= 2 ** 26) return this.bandOf(jaroWinkler(texts[x] as string, texts[y] as string));
    const key = a * 2 ** 26 + b;
    const mask = (1 << this.bits) - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> (32 - this.bits);
    for (;;) {
      const k = this.keys[slot] as number;
      if (k === -1) break;
      if (k === key) return this.bands[slot] as number;
      slot = (slot + 1) & mask;
    }
    const result = this.bandOf(jaroWinkler(texts[x] as string, texts[y] as string));
    if (this.used >= 1 << (this.bits - 1)) {
      this.keys.fill(-1);
      this.used = 0;
      slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> (32 - this.bits);
    }
    this.keys[slot] = key;
    this.bands[slot] = result;
    this.used++;
    return result;
  }
}
