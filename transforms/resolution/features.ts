/**
 * One accused record as recorded (from `fir_accused` and its FIR), and the normal forms of its
 * alias and father's name (cached: they repeat a lot). The resolver's own, compact form of a
 * record is in `store.ts`.
 */
import { foldWord, normaliseName, toLatin } from './normalise.ts';
import type { NormalName } from './normalise.ts';

/** An accused row of a FIR, as read from the lake. */
export interface AccusedRecord {
  /** `<fir_id>#<accused_number>`. */
  recordId: string;
  firId: string;
  accusedNumber: number;
  /** District of the FIR. */
  district: string;
  /** Year of registration (from the FIR; used to turn ages into birth years). */
  firYear: number | null;
  name: string;
  alias: string | null;
  fatherName: string | null;
  sex: string | null;
  age: number | null;
  address: string | null;
}

const fatherCache = new Map<string, NormalName | null>();
const aliasCache = new Map<string, string>();
const cacheLimit = 1_000_000;

function cached<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as V;
  const v = make();
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, v);
  return v;
}

/** Folded alias words: "Raju", "राजू", "Raju @ Pappu" → "raju", "raju papu". */
export function foldAlias(raw: string | null | undefined): string {
  if (!raw) return '';
  return cached(aliasCache, raw, () =>
    toLatin(raw)
      .split(/[^a-z]+/)
      .filter((w) => w !== '' && !['alias', 'urf', 'urph', 'aka'].includes(w))
      .map(foldWord)
      .filter((w) => w !== '')
      .join(' '),
  );
}

export function fatherOf(raw: string | null | undefined): NormalName | null {
  if (!raw) return null;
  return cached(fatherCache, raw, () => normaliseName(raw));
}
