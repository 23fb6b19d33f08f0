/**
 * One accused record as the resolver sees it: the fields as recorded (from `fir_accused` and its
 * FIR) and their normal forms. Normal forms of identical texts are shared (names repeat a lot).
 */
import { foldWord, normaliseName, parseAddress, skeleton, splitNameField, toLatin, wordOf } from './normalise.ts';
import type { NormalName, ParsedAddress, Word } from './normalise.ts';

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

export interface Features {
  name: NormalName;
  firstSkeleton: string;
  lastSkeleton: string;
  /** Folded alias words, space-separated ('' when none). */
  alias: string;
  /** Alias found in the name field ("X alias Y"), in Latin; null when none. */
  aliasText: string | null;
  /** Father's name found in the name field ("X s/o Y"), in Latin; null when none. */
  fatherText: string | null;
  father: NormalName | null;
  /** Father's given names: his name without the family surname the accused shares. */
  fatherGiven: string;
  fatherGivenWord: Word | null;
  fatherGivenWords: Word[];
  fatherFirstSkeleton: string;
  birthYear: number | null;
  sex: 'M' | 'F' | 'T' | null;
  place: string | null;
  placeKey: string | null;
  placeWord: Word | null;
  policeStationId: string | null;
  homeDistrictId: string | null;
  district: string;
}

const nameCache = new Map<string, { name: NormalName | null; alias: string | null; father: string | null }>();
const fatherCache = new Map<string, NormalName | null>();
const addressCache = new Map<string, ParsedAddress>();
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

/** The father's name without the surname he shares with the accused (it says nothing more). */
function givenNames(father: NormalName, name: NormalName): string {
  if (father.words.length >= 2 && name.last !== '' && skeleton(father.last) === skeleton(name.last))
    return father.given;
  return father.full;
}

const sexes = new Set(['M', 'F', 'T']);

/** Ages outside this range are recording errors, not information. */
const plausibleAge = { min: 7, max: 100 };

/** The normal forms of one record; null when it has no usable name. */
export function featuresOf(r: AccusedRecord): Features | null {
  const split = cached(nameCache, r.name, () => {
    const s = splitNameField(r.name);
    return { name: normaliseName(s.name), alias: s.alias, father: s.father };
  });
  if (!split.name) return null;
  const fatherText = r.fatherName && r.fatherName.trim() !== '' ? r.fatherName : split.father;
  const father = fatherOf(fatherText);
  const fatherGiven = father ? givenNames(father, split.name) : '';
  const aliasParts = [foldAlias(r.alias), foldAlias(split.alias)].filter((a) => a !== '');
  const address = r.address ? cached(addressCache, r.address, () => parseAddress(r.address)) : undefined;
  const sex = r.sex ? r.sex.trim().toUpperCase().slice(0, 1) : '';
  const age = r.age !== null && r.age >= plausibleAge.min && r.age <= plausibleAge.max ? r.age : null;
  return {
    name: split.name,
    firstSkeleton: skeleton(split.name.first),
    lastSkeleton: skeleton(split.name.last),
    alias: [...new Set(aliasParts.join(' ').split(' '))].join(' '),
    aliasText: split.alias,
    fatherText: split.father,
    father,
    fatherGiven,
    fatherGivenWord: fatherGiven ? wordOf(fatherGiven) : null,
    fatherGivenWords: fatherGiven ? fatherGiven.split(' ').map(wordOf) : [],
    fatherFirstSkeleton: father ? skeleton(father.first) : '',
    birthYear: age !== null && r.firYear !== null ? r.firYear - age : null,
    sex: sexes.has(sex) ? (sex as 'M' | 'F' | 'T') : null,
    place: address?.place ?? null,
    placeKey: address?.placeKey ?? null,
    placeWord: address?.placeKey ? wordOf(address.placeKey) : null,
    policeStationId: address?.policeStationId ?? null,
    homeDistrictId: address?.districtId ?? null,
    district: r.district,
  };
}
