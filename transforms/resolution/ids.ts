/**
 * Stable person ids. The previous build's assignment (record → person id) is the memory: each
 * new cluster keeps the previous id that most of its records had (largest overlap first, each
 * previous id used once); a cluster with no previous records, or whose ids were all kept by
 * larger overlaps (a split), gets a new id derived from its earliest record, so a rebuild from
 * scratch over the same records gives the same ids.
 */
import crypto from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** `P` + 10 base32 characters of the SHA-256 of the anchor text. */
export function personIdOf(anchor: string): string {
  const h = crypto.createHash('sha256').update(anchor).digest();
  let out = 'P';
  let bits = 0;
  let acc = 0;
  for (const byte of h) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 11) {
      out += alphabet[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= 11) break;
    acc &= (1 << bits) - 1;
  }
  return out;
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

/** The person id of each record. */
export function assignIds(input: IdInput): string[] {
  const clusters = new Map<number, number[]>();
  for (let i = 0; i < input.root.length; i++) {
    const r = input.root[i] as number;
    const list = clusters.get(r);
    if (list) list.push(i);
    else clusters.set(r, [i]);
  }
  const overlaps: { root: number; id: string; count: number }[] = [];
  for (const [root, list] of clusters) {
    const counts = new Map<string, number>();
    for (const i of list) {
      const p = input.previous[i];
      if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    for (const [id, count] of counts) overlaps.push({ root, id, count });
  }
  overlaps.sort((x, y) => y.count - x.count || (x.id < y.id ? -1 : x.id > y.id ? 1 : x.root - y.root));
  const byRoot = new Map<number, string>();
  const used = new Set<string>(input.reserved ?? []);
  const kept = new Set<string>();
  for (const o of overlaps) {
    if (byRoot.has(o.root) || kept.has(o.id)) continue;
    byRoot.set(o.root, o.id);
    kept.add(o.id);
  }
  for (const id of kept) used.add(id);
  for (const p of input.previous) if (p) used.add(p);
  const roots = [...clusters.keys()]
    .filter((r) => !byRoot.has(r))
    .map((r) => {
      const list = clusters.get(r) as number[];
      let anchor = list[0] as number;
      for (const i of list) if ((input.anchorKey[i] as string) < (input.anchorKey[anchor] as string)) anchor = i;
      return { r, anchor: input.anchorKey[anchor] as string };
    })
    .sort((x, y) => (x.anchor < y.anchor ? -1 : x.anchor > y.anchor ? 1 : 0));
  for (const { r, anchor } of roots) {
    let id = personIdOf(anchor);
    for (let k = 1; used.has(id); k++) id = personIdOf(`${anchor}#${k}`);
    used.add(id);
    byRoot.set(r, id);
  }
  return Array.from(input.root, (r) => byRoot.get(r) as string);
}
