/**
 * Normalisation of accused names, aliases, fathers' names and addresses, in either script, into
 * comparable Latin forms:
 * - `text`: the name in plain lower-case Latin (Devanagari transliterated, honorifics dropped,
 *   abbreviations expanded: "Mohd." → mohammad, "Kr." → kumar), for display and search;
 * - `fold`: each word folded so that the usual spelling variants of Indian names coincide
 *   (vowel length ee/i, oo/u, aa/a; au/ou/o; ai/ei/ay/ey; aspirates kh/k, bh/b, chh/ch; sh/s;
 *   v/w/b; z/j; q/k; ph/f; doubled letters; a trailing "a"; y/i at the end, y/j at the start);
 * - `skeleton`: the consonants of the folded word (an initial vowel as "V"), a coarse key for
 *   blocking that also survives a medial vowel dropped or added (Kamlesh/Kamalesh).
 */
import { findDistrict, findPoliceStation, policeStations, type PoliceStation } from '../../reference/range.ts';
import { devanagariToLatin, hasDevanagari } from './transliterate.ts';

/** Titles and honorifics that say nothing about who the person is. */
const honorifics = new Set([
  'shri', 'sri', 'shree', 'sh', 'shrimati', 'srimati', 'smt', 'mr', 'mrs', 'ms', 'miss', 'late', 'lt', 'sva', 'svargiya',
  'swargiya', 'svargiy', 'dr', 'janab', 'sahab', 'ji',
]); // prettier-ignore

/** Abbreviations and alternative spellings written for one name part. */
const expansions = new Map<string, string>([
  ['mohd', 'mohammad'],
  ['md', 'mohammad'],
  ['mo', 'mohammad'],
  ['mohmmad', 'mohammad'],
  ['mohammed', 'mohammad'],
  ['muhammad', 'mohammad'],
  ['mohamad', 'mohammad'],
  ['mohamed', 'mohammad'],
  ['muhammed', 'mohammad'],
  ['kr', 'kumar'],
  ['ku', 'kumar'],
  ['kumaar', 'kumar'],
  ['pd', 'prasad'],
]);

/** Relation markers inside a name field: "Rajesh Yadav s/o Ram Prasad", "राजेश पुत्र रामप्रसाद". */
const relationMarker =
  /(?:^|\s)(?:s\s*\/\s*o|d\s*\/\s*o|w\s*\/\s*o|s\.\s*o\.|son\s+of|daughter\s+of|wife\s+of|putra|putri|patni|beta)(?:[\s.:]|$)/;
/** Alias markers: "Rajesh alias Raju", "राजेश उर्फ राजू", "Rajesh @ Raju". */
const aliasMarker = /(?:^|\s)(?:alias|urf|urph|aka|a\/k\/a)(?:[\s.:]|$)|@/;

/** Lower-case Latin text of a field in either script; the Devanagari abbreviation sign ० as a dot. */
export function toLatin(raw: string): string {
  let s = raw.normalize('NFC');
  if (hasDevanagari(s)) s = devanagariToLatin(s.replace(/\u0966(?!\d)/g, '.'));
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folds one lower-case Latin word so that common spelling variants coincide. */
export function foldWord(word: string): string {
  let s = word.replace(/[^a-z]/g, '');
  if (s === '') return '';
  s = s
    .replace(/sheo/g, 'shiv') // Bhojpuri forms: Sheo Nath = Shiv Nath, Deomau = Devmau
    .replace(/deo/g, 'dev')
    .replace(/tion/g, 'shan') // English words written in Devanagari: स्टेशन = station
    .replace(/oa/g, 'o')
    .replace(/qu(?=[aeiou])/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/z/g, 'j')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/^y/, 'j')
    .replace(/chh|ch/g, 'c')
    .replace(/sh/g, 's')
    .replace(/([kgjtdb])h/g, '$1')
    .replace(/v/g, 'b')
    .replace(/ee|ii/g, 'i')
    .replace(/oo|uu/g, 'u')
    .replace(/aa/g, 'a')
    .replace(/au|ou/g, 'o')
    .replace(/iy(?=a)/g, 'i');
  if (s.length > 3) s = s.replace(/a$/, '');
  s = s
    .replace(/ai|ei/g, 'e')
    .replace(/[ae]y$/, 'e')
    .replace(/y$/, 'i')
    .replace(/([a-z])\1+/g, '$1');
  return s;
}

const skeletons = new Map<string, string>();

/** Consonant skeleton of a folded word: Kamlesh/Kamalesh → kmls, Irfan/Erfan → Vrfn. */
export function skeleton(folded: string): string {
  if (folded === '') return '';
  const hit = skeletons.get(folded);
  if (hit !== undefined) return hit;
  const head = /[aeiouy]/.test(folded[0] as string) ? 'V' : (folded[0] as string);
  const out = (head + folded.slice(1).replace(/[aeiouy]/g, '')).replace(/([a-z])\1+/g, '$1');
  if (skeletons.size > 200_000) skeletons.clear();
  skeletons.set(folded, out);
  return out;
}

/** A folded word with its skeleton, interned: equal texts are one object. */
export interface Word {
  /** Interning number (keys the similarity cache). */
  id: number;
  text: string;
  skeleton: string;
}

let words = new Map<string, Word>();
let nextWordId = 0;

export function wordOf(text: string): Word {
  let w = words.get(text);
  if (!w) {
    if (words.size >= 1_000_000) words = new Map(); // ids stay unique: the counter runs on
    w = { id: nextWordId++, text, skeleton: skeleton(text) };
    words.set(text, w);
  }
  return w;
}

export interface NormalName {
  /** Plain lower-case Latin, honorifics dropped and abbreviations expanded. */
  text: string;
  /** Written with the "Mohammad" prefix (in any spelling). */
  mohammad: boolean;
  /** Folded words, without the Mohammad prefix and honorifics. */
  words: string[];
  /** Folded first name ('' when none). */
  first: string;
  /** Folded last word when there are two or more ('' otherwise). */
  last: string;
  /** Folded name without a middle "kumar": what two records must share to be the same name. */
  full: string;
  /** The first name, and the first two words joined when there are three or more (Chhote Lal). */
  firsts: Word[];
  /** The last word, and the last two joined when there are three or more (Raj Bhar). */
  lasts: Word[];
  /** Given names: the folded words without the last one when there are two or more. */
  given: string;
}

function wordsOf(latin: string): string[] {
  return latin
    .split(/[^a-z]+/)
    .filter((w) => w !== '')
    .map((w) => expansions.get(w) ?? w)
    .filter((w) => !honorifics.has(w));
}

/** A name (already free of relation and alias markers) in normal form; null when empty. */
export function normaliseName(raw: string | null | undefined): NormalName | null {
  if (!raw) return null;
  const words = wordsOf(toLatin(raw));
  // "K." as a middle initial is "Kumar" far more often than anything else.
  for (let i = 1; i < words.length - 1; i++) if (words[i] === 'k') words[i] = 'kumar';
  if (words.length === 0) return null;
  let mohammad = false;
  const core: string[] = [];
  for (const [i, w] of words.entries()) {
    if (w === 'mohammad' && i < words.length - 1 && core.length === 0) {
      mohammad = true;
      continue;
    }
    core.push(w);
  }
  const folded = core.map(foldWord).filter((w) => w !== '');
  if (folded.length === 0) return null;
  const first = folded[0] as string;
  const last = folded.length > 1 ? (folded[folded.length - 1] as string) : '';
  const significant = folded.filter((w, i) => !(w === 'kumar' && i > 0 && i < folded.length - 1));
  const n = folded.length;
  return {
    text: words.join(' '),
    mohammad,
    words: folded,
    first,
    last,
    full: significant.join(' '),
    firsts: (significant.length >= 3 ? [first, first + (significant[1] as string)] : [first]).map(wordOf),
    lasts: (significant.length >= 3
      ? [last, (significant[significant.length - 2] as string) + last]
      : n >= 2
        ? [last]
        : []
    ).map(wordOf),
    given: (n >= 2 ? significant.slice(0, -1) : significant).join(' '),
  };
}

export interface ParsedNameField {
  name: string;
  alias: string | null;
  father: string | null;
}

/**
 * Splits a name field that carries more than the name: "Rajesh Yadav s/o Ram Prasad" (father),
 * "Rajesh alias Raju" / "राजेश उर्फ राजू" (alias). Works on the Latin text, so either script.
 */
export function splitNameField(raw: string): ParsedNameField {
  let text = toLatin(raw).replace(/\s+/g, ' ').trim();
  let father: string | null = null;
  let alias: string | null = null;
  const rel = relationMarker.exec(text);
  if (rel) {
    father = text.slice(rel.index + rel[0].length).trim() || null;
    text = text.slice(0, rel.index).trim();
  }
  const al = aliasMarker.exec(text);
  if (al) {
    alias = text.slice(al.index + al[0].length).trim() || null;
    text = text.slice(0, al.index).trim();
  }
  return { name: text, alias, father };
}

export interface ParsedAddress {
  /** Village or mohalla as written, in Latin, without "Gram"/"Vill."/"Mohalla". */
  place: string | null;
  /** Folded place, the comparable key. */
  placeKey: string | null;
  /** Reference police station of the address, when named and known. */
  policeStationId: string | null;
  /** Reference district of the address, when named and known. */
  districtId: string | null;
}

const stationMarker = /^(?:thana|p\.?\s*s\.?|police\s+station|थाना)(?:[\s.:]+|$)/i;
const districtMarker = /^(?:distt?\.?|district|janpad|jila|zila|जनपद|जिला|ज़िला)(?:[\s.:]+|$)/i;
const placeMarker =
  /^(?:gram|grama|village|vill\.?|vil\.?|r\s*\/\s*o|resident\s+of|mauja|mouja|mauza|mohalla|mohallah|moh\.?|mo\.|ग्राम|मौजा|मोहल्ला|मो०|निवासी)(?:[\s.:,]+|$)/i;
// Where the markers stand inside a segment without commas ("ग्राम X थाना Y जिला Z").
const inlineMarkers =
  /\s+(?=(?:thana|p\.\s*s\.|police\s+station|distt?\.|district|janpad|jila|थाना|जनपद|जिला)(?:[\s.:]|$))/i;

function stationIn(text: string, districtId: string | null): PoliceStation | undefined {
  if (districtId) return findPoliceStation(districtId, text);
  const hits = new Set<PoliceStation>();
  for (const d of new Set(policeStations.map((p) => p.districtId))) {
    const ps = findPoliceStation(d, text);
    if (ps) hits.add(ps);
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}

const placeCache = new Map<string, { place: string | null; placeKey: string | null }>();
const stationCache = new Map<string, { policeStationId: string | null; districtId: string | null }>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = make();
  if (cache.size >= 200_000) cache.clear();
  cache.set(key, v);
  return v;
}

/** The place, police station and district of an address as CCTNS clerks write it. */
export function parseAddress(raw: string | null | undefined): ParsedAddress {
  if (!raw || raw.trim() === '') return { place: null, placeKey: null, policeStationId: null, districtId: null };
  const segments = raw
    .normalize('NFC')
    .split(/\s*[,;]\s*/)
    .flatMap((s) => s.split(inlineMarkers))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let place: string | null = null;
  let stationText: string | null = null;
  let districtText: string | null = null;
  const rest: string[] = [];
  for (const [i, seg] of segments.entries()) {
    if (stationMarker.test(seg)) stationText = seg.replace(stationMarker, '');
    else if (districtMarker.test(seg)) districtText = seg.replace(districtMarker, '');
    else if (i === 0 || placeMarker.test(seg)) place = (place ?? '') + seg.replace(placeMarker, '');
    else rest.push(seg);
  }
  // Unmarked segments: a district name, else the police station.
  for (const seg of rest) {
    if (!districtText && findDistrict(seg)) districtText = seg;
    else if (!stationText) stationText = seg;
  }
  // Place names and station names repeat far more than whole addresses: cache by part.
  const p = remember(placeCache, place ?? '', () => {
    const latin = place ? wordsOfPlace(toLatin(place)) : '';
    return { place: latin || null, placeKey: latin ? latin.split(' ').map(foldWord).join('') || null : null };
  });
  const ps = remember(stationCache, `${stationText ?? ''}|${districtText ?? ''}`, () => {
    const district = districtText ? findDistrict(districtText) : undefined;
    const station = stationText ? stationIn(stationText, district?.districtId ?? null) : undefined;
    return {
      policeStationId: station?.policeStationId ?? null,
      districtId: district?.districtId ?? station?.districtId ?? null,
    };
  });
  return { ...p, ...ps };
}

function wordsOfPlace(latin: string): string {
  return latin
    .replace(/^(?:gram|village|vill|mauja|mohalla|mo)\b\.?\s*/, '')
    .split(/[^a-z]+/)
    .filter((w) => w !== '')
    .join(' ');
}
