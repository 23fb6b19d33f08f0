/**
 * The comparison of two accused records, field by field. Each field falls into one of a few
 * agreement levels; level 0 means a side is missing (no evidence either way). The levels and
 * their prior m/u probabilities are the documented starting point of the scoring model
 * (`model.ts`), which re-estimates them from the data.
 */
import type { Features } from './features.ts';
import type { NormalName, Word } from './normalise.ts';
import { jaroWinkler } from './similarity.ts';

export interface FieldSpec {
  name: string;
  /** What the field compares, for the docs and explanations. */
  doc: string;
  /** Labels of levels 1..n (level 0 is "missing"). */
  levels: readonly string[];
  /** Levels whose weight is adjusted by the frequency of the agreeing value. */
  tfLevels: readonly number[];
  /** Prior P(level | same person) for levels 1..n. */
  m: readonly number[];
  /** Prior P(level | different people) for levels 1..n, among candidate pairs. */
  u: readonly number[];
}

export const fields = [
  {
    name: 'first_name',
    doc: 'First name (folded), or the first two words joined (Chhote Lal / Chhotelal)',
    levels: ['exact', 'phonetic', 'similar', 'different'],
    tfLevels: [1],
    m: [0.8, 0.12, 0.06, 0.02],
    u: [0.4, 0.15, 0.15, 0.3],
  },
  {
    name: 'surname',
    doc: 'Last name word (folded), or the last two joined (Raj Bhar / Rajbhar); "one side only" when one name has no surname (Mohd. Irfan / Irfan Siddiqui)',
    levels: ['exact', 'phonetic', 'similar', 'different', 'one side only'],
    tfLevels: [1],
    m: [0.8, 0.08, 0.05, 0.02, 0.05],
    u: [0.4, 0.1, 0.1, 0.3, 0.1],
  },
  {
    name: 'father_name',
    doc: "Father's name: full folded name, then first name and surname",
    levels: ['exact', 'phonetic', 'similar', 'different'],
    tfLevels: [1],
    m: [0.8, 0.12, 0.05, 0.03],
    u: [0.02, 0.03, 0.1, 0.85],
  },
  {
    name: 'alias',
    doc: 'Alias (nickname), folded; either alias word in common',
    levels: ['same', 'different'],
    tfLevels: [1],
    m: [0.9, 0.1],
    u: [0.1, 0.9],
  },
  {
    name: 'age',
    doc: 'Birth year (year of the FIR minus the age recorded in it)',
    levels: ['same year', '1 year apart', '2 years apart', '3-5 years apart', 'more than 5 years apart'],
    tfLevels: [],
    m: [0.45, 0.35, 0.15, 0.04, 0.01],
    u: [0.04, 0.08, 0.08, 0.2, 0.6],
  },
  {
    name: 'sex',
    doc: 'Sex as recorded',
    levels: ['same', 'different'],
    tfLevels: [],
    m: [0.99, 0.01],
    u: [0.9, 0.1],
  },
  {
    name: 'address',
    doc: 'Village or mohalla (folded) and the police station of the address',
    levels: [
      'same place and police station',
      'similar place, same police station',
      'same or similar place, police station differs or unknown',
      'same police station, other place',
      'different',
    ],
    tfLevels: [1, 3],
    m: [0.75, 0.2, 0.03, 0.01, 0.01],
    u: [0.01, 0.01, 0.02, 0.2, 0.76],
  },
  {
    name: 'district',
    doc: 'District of the FIR',
    levels: ['same', 'different'],
    tfLevels: [],
    m: [0.85, 0.15],
    u: [0.6, 0.4],
  },
] as const satisfies readonly FieldSpec[];

export type FieldName = (typeof fields)[number]['name'];

/** Mixed-radix code of a comparison vector (levels per field). */
export const fieldBases: readonly number[] = (() => {
  const out: number[] = [];
  let b = 1;
  for (const f of fields) {
    out.push(b);
    b *= f.levels.length + 1;
  }
  return out;
})();

export function levelOf(code: number, field: number): number {
  return Math.floor(code / (fieldBases[field] as number)) % (fields[field]!.levels.length + 1);
}

/** The values whose frequency adjusts an exact agreement, per field (null: no adjustment). */
export type TfValues = (string | null)[];

const phonetic = 0.92;
const similar = 0.82;

let similarities = new Map<number, number>();

/** Similarity of two folded words: 1 equal, 0.95 same skeleton, else Jaro-Winkler (cached). */
function wordSimilarity(a: Word, b: Word): number {
  if (a === b) return 1;
  if (a.skeleton === b.skeleton) return 0.95;
  const key = a.id < b.id ? a.id * 2 ** 26 + b.id : b.id * 2 ** 26 + a.id;
  let sim = similarities.get(key);
  if (sim === undefined) {
    sim = jaroWinkler(a.text, b.text);
    if (similarities.size >= 4_000_000) similarities = new Map();
    similarities.set(key, sim);
  }
  return sim;
}

function level3(sim: number, exact: boolean): number {
  if (exact) return 1;
  if (sim >= phonetic) return 2;
  if (sim >= similar) return 3;
  return 4;
}

const exactMatch = { sim: 1, exact: true } as const;

function best(as: readonly Word[], bs: readonly Word[]): { sim: number; exact: boolean } {
  for (const a of as) for (const b of bs) if (a === b) return exactMatch;
  let sim = 0;
  for (const a of as) for (const b of bs) sim = Math.max(sim, wordSimilarity(a, b));
  return { sim, exact: false };
}

function wordsCompatible(aw: readonly Word[], bw: readonly Word[]): boolean {
  if (aw.length === 0 || bw.length === 0) return true;
  const [short, long] = aw.length <= bw.length ? [aw, bw] : [bw, aw];
  return short.every((w) => long.some((x) => wordSimilarity(w, x) >= phonetic));
}

function fatherLevel(a: Features, b: Features): number {
  const fa = a.father as NormalName;
  const fb = b.father as NormalName;
  if (a.fatherGivenWord === b.fatherGivenWord) return 1;
  const first = best(fa.firsts, fb.firsts).sim;
  if (first >= phonetic && wordsCompatible(a.fatherGivenWords, b.fatherGivenWords)) return 2;
  const ga = a.fatherGivenWord;
  const gb = b.fatherGivenWord;
  if (first >= similar || (ga !== null && gb !== null && wordSimilarity(ga, gb) >= 0.88)) return 3;
  return 4;
}

/** Whether two records' fathers can be one man (exact or phonetic agreement). */
export function fathersCompatible(a: Features, b: Features): boolean {
  if (!a.father || !b.father) return true;
  return fatherLevel(a, b) <= 2;
}

function aliasLevel(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const bs = b.split(' ');
  return a.split(' ').some((w) => bs.includes(w)) ? 1 : 2;
}

function ageLevel(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0;
  const d = Math.abs(a - b);
  return d === 0 ? 1 : d === 1 ? 2 : d === 2 ? 3 : d <= 5 ? 4 : 5;
}

function addressLevel(a: Features, b: Features): number {
  if (a.placeKey === null && a.policeStationId === null) return 0;
  if (b.placeKey === null && b.policeStationId === null) return 0;
  const pa = a.placeWord;
  const pb = b.placeWord;
  const samePlace = pa !== null && pa === pb;
  const similarPlace = samePlace || (pa !== null && pb !== null && wordSimilarity(pa, pb) >= 0.9);
  const sameStation = a.policeStationId !== null && a.policeStationId === b.policeStationId;
  if (samePlace && sameStation) return 1;
  if (similarPlace && sameStation) return 2;
  if (similarPlace) return 3;
  if (sameStation) return 4;
  return 5;
}

export interface Comparison {
  /** Comparison vector code (see `fieldBases`). */
  code: number;
  /** Agreeing value per field, for the term-frequency adjustment (null: none). */
  tf: TfValues;
}

// Reused by every call: the resolver compares millions of pairs and reads `tf` at once.
const tfBuffer: TfValues = fields.map(() => null);
const result: Comparison = { code: 0, tf: tfBuffer };

/** Compares two records field by field. The result is reused by the next call: copy what you keep. */
export function compare(a: Features, b: Features): Comparison {
  const tf = tfBuffer;
  tf.fill(null);
  const fb = fieldBases;
  let code = 0;

  const first = best(a.name.firsts, b.name.firsts);
  const l0 = level3(first.sim, first.exact);
  if (l0 === 1) tf[0] = a.name.first;
  code += l0 * (fb[0] as number);

  let l1 = 0;
  if (a.name.last !== '' && b.name.last !== '') {
    const last = best(a.name.lasts, b.name.lasts);
    l1 = level3(last.sim, last.exact);
    if (l1 === 1) tf[1] = a.name.last;
  } else if (a.name.last !== '' || b.name.last !== '') l1 = 5;
  code += l1 * (fb[1] as number);

  let l2 = 0;
  if (a.father && b.father) {
    l2 = fatherLevel(a, b);
    if (l2 === 1) tf[2] = a.fatherGiven;
  }
  code += l2 * (fb[2] as number);

  const l3 = aliasLevel(a.alias, b.alias);
  if (l3 === 1)
    tf[3] = a.alias === b.alias ? a.alias : (a.alias.split(' ').find((w) => b.alias.split(' ').includes(w)) ?? null);
  code += l3 * (fb[3] as number);

  code += ageLevel(a.birthYear, b.birthYear) * (fb[4] as number);

  const l5 = a.sex === null || b.sex === null ? 0 : a.sex === b.sex ? 1 : 2;
  code += l5 * (fb[5] as number);

  const l6 = addressLevel(a, b);
  if ((l6 === 1 || l6 === 3) && a.placeKey === b.placeKey) tf[6] = a.placeKey;
  code += l6 * (fb[6] as number);

  code += (a.district === b.district ? 1 : 2) * (fb[7] as number);
  result.code = code;
  return result;
}
