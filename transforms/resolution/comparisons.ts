/**
 * The comparison of two accused records, field by field. Each field falls into one of a few
 * agreement levels; level 0 means a side is missing (no evidence either way). The levels and
 * their prior m/u probabilities are the documented starting point of the scoring model
 * (`model.ts`), which re-estimates them from the data.
 *
 * Records are compared in the store's numbers (`store.ts`): equal folded texts are equal
 * numbers, so only texts that differ are compared as strings (Jaro-Winkler, cached per pair).
 */
import { SimilarityCache } from './similarity.ts';
import { A, F, N, R, type RecordStore } from './store.ts';

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

/** Agreeing value per field (an interned string; -1: none), for the term-frequency adjustment. */
export type TfValues = ArrayLike<number>;

/**
 * Similarity bands: the levels only ask whether a similarity reaches 0.82 (similar), 0.88 (a
 * father's whole name), 0.9 (a place) or 0.92 (phonetic), so a similarity is kept as the band
 * it falls in. Equal words are `exact`; a shared skeleton counts as 0.95 (phonetic).
 */
export const band = { below: 0, similar: 1, father: 2, place: 3, phonetic: 4, exact: 5 } as const;

export function bandOf(sim: number): number {
  if (sim >= 0.92) return band.phonetic;
  if (sim >= 0.9) return band.place;
  if (sim >= 0.88) return band.father;
  if (sim >= 0.82) return band.similar;
  return band.below;
}

function level3(b: number): number {
  if (b === band.exact) return 1;
  if (b >= band.phonetic) return 2;
  if (b >= band.similar) return 3;
  return 4;
}

function ageLevel(a: number, b: number, none: number): number {
  if (a === none || b === none) return 0;
  const d = Math.abs(a - b);
  return d === 0 ? 1 : d === 1 ? 2 : d === 2 ? 3 : d <= 5 ? 4 : 5;
}

/**
 * Compares records of a store field by field. One per resolution: it keeps the similarity
 * cache of the words it has met. `compare` fills `tf` and returns the comparison vector's code
 * (see `fieldBases`); the buffer is reused by the next call.
 */
export class Comparator {
  readonly tf = new Int32Array(fields.length).fill(-1);
  private readonly sims = new SimilarityCache(bandOf);

  constructor(
    private readonly s: RecordStore,
    private readonly noYear: number,
  ) {}

  /** Band of the similarity of two interned folded words (Jaro-Winkler, cached). */
  similarity(a: number, b: number): number {
    if (a === b) return band.exact;
    const st = this.s.strings;
    if (st.skeleton(a) === st.skeleton(b)) return band.phonetic;
    return this.sims.get(a, b, st.texts);
  }

  /**
   * Best agreement between two sets of up to two words (-1: none): `exact` when a word is in
   * both (whichever pair), else the best band of the pairs.
   */
  private best(a1: number, a2: number, b1: number, b2: number, skeletonA1: number, skeletonB1: number): number {
    if (a1 === b1 || (b2 >= 0 && a1 === b2) || (a2 >= 0 && (a2 === b1 || a2 === b2))) return band.exact;
    let sim = skeletonA1 === skeletonB1 ? band.phonetic : this.sims.get(a1, b1, this.s.strings.texts);
    if (b2 >= 0) sim = Math.max(sim, this.similarity(a1, b2));
    if (a2 >= 0) {
      sim = Math.max(sim, this.similarity(a2, b1));
      if (b2 >= 0) sim = Math.max(sim, this.similarity(a2, b2));
    }
    return sim;
  }

  /** Every word of the shorter name is (phonetically) in the longer. */
  private wordsCompatible(a: number, b: number): boolean {
    const st = this.s.strings;
    const aw = st.words(a);
    const bw = st.words(b);
    if (!aw && !bw) return this.similarity(a, b) >= band.phonetic;
    let short = aw ?? Int32Array.of(a);
    let long = bw ?? Int32Array.of(b);
    if (short.length > long.length) [short, long] = [long, short];
    for (const w of short) {
      let found = false;
      for (const x of long) if ((found = this.similarity(w, x) >= band.phonetic)) break;
      if (!found) return false;
    }
    return true;
  }

  private fatherLevel(i: number, j: number): number {
    const s = this.s;
    const f = s.fathers.data;
    const at = s.fatherGivenAt(i);
    const bt = s.fatherGivenAt(j);
    const ga = f[at] as number;
    const gb = f[bt] as number;
    if (ga === gb) return 1;
    const fa = s.fatherRow(s.fatherOf(i)) * 8;
    const fb = s.fatherRow(s.fatherOf(j)) * 8;
    const first = this.best(
      f[fa + F.first1] as number,
      f[fa + F.first2] as number,
      f[fb + F.first1] as number,
      f[fb + F.first2] as number,
      f[fa + F.firstSkeleton] as number,
      f[fb + F.firstSkeleton] as number,
    );
    if (first >= band.phonetic && this.wordsCompatible(ga, gb)) return 2;
    if (first >= band.similar) return 3;
    // The whole given names, as one text (skeletons 4 columns after the names).
    if (f[at + 4] === f[bt + 4] || this.sims.get(ga, gb, s.strings.texts) >= band.father) return 3;
    return 4;
  }

  /** Whether two records' fathers can be one man (exact or phonetic agreement). */
  fathersCompatible(i: number, j: number): boolean {
    if (!this.s.hasFather(i) || !this.s.hasFather(j)) return true;
    return this.fatherLevel(i, j) <= 2;
  }

  private aliasLevel(a: number, b: number): number {
    if (a < 0 || b < 0) return 0;
    if (a === b) {
      this.tf[3] = a;
      return 1;
    }
    const aw = this.s.strings.words(a);
    const bw = this.s.strings.words(b);
    if (!aw && !bw) return 2;
    for (const w of aw ?? [a])
      if (bw ? bw.includes(w) : w === b) {
        this.tf[3] = w;
        return 1;
      }
    return 2;
  }

  private addressLevel(i: number, j: number): number {
    const s = this.s;
    const ad = s.addresses.data;
    const ra = s.records[i * 8 + R.address] as number;
    const rb = s.records[j * 8 + R.address] as number;
    const pa = ra < 0 ? -1 : (ad[ra * 3 + A.place] as number);
    const sa = ra < 0 ? -1 : (ad[ra * 3 + A.station] as number);
    const pb = rb < 0 ? -1 : (ad[rb * 3 + A.place] as number);
    const sb = rb < 0 ? -1 : (ad[rb * 3 + A.station] as number);
    if ((pa < 0 && sa < 0) || (pb < 0 && sb < 0)) return 0;
    const samePlace = pa >= 0 && pa === pb;
    const similarPlace =
      samePlace ||
      (pa >= 0 &&
        pb >= 0 &&
        (ad[ra * 3 + A.placeSkeleton] === ad[rb * 3 + A.placeSkeleton] ||
          this.sims.get(pa, pb, this.s.strings.texts) >= band.place));
    const sameStation = sa >= 0 && sa === sb;
    if (samePlace) this.tf[6] = pa;
    if (samePlace && sameStation) return 1;
    if (similarPlace && sameStation) return 2;
    if (similarPlace) return 3;
    if (sameStation) return 4;
    return 5;
  }

  /**
   * Compares records i and j (both named); `tf` holds the agreeing values afterwards. With a
   * gate, returns -1 instead as soon as the cheap fields (all but the father's name and the
   * address, which need string similarities) show the pair cannot reach the gate's weight.
   */
  compare(i: number, j: number, gate?: Gate): number {
    const s = this.s;
    const tf = this.tf;
    tf.fill(-1);
    const fb = fieldBases;
    const rec = s.records;
    const oi = i * 8;
    const oj = j * 8;
    const nd = s.names.data;
    const na = (rec[oi + R.name] as number) * 8;
    const nb = (rec[oj + R.name] as number) * 8;

    const l0 = level3(
      this.best(
        nd[na + N.first1] as number,
        nd[na + N.first2] as number,
        nd[nb + N.first1] as number,
        nd[nb + N.first2] as number,
        nd[na + N.firstSkeleton] as number,
        nd[nb + N.firstSkeleton] as number,
      ),
    );
    if (l0 === 1) tf[0] = nd[na + N.first1] as number;

    const la = nd[na + N.last1] as number;
    const lb = nd[nb + N.last1] as number;
    let l1 = 0;
    if (la >= 0 && lb >= 0) {
      l1 = level3(
        this.best(
          la,
          nd[na + N.last2] as number,
          lb,
          nd[nb + N.last2] as number,
          nd[na + N.lastSkeleton] as number,
          nd[nb + N.lastSkeleton] as number,
        ),
      );
      if (l1 === 1) tf[1] = la;
    } else if (la >= 0 || lb >= 0) l1 = 5;

    const l3 = this.aliasLevel(rec[oi + R.alias] as number, rec[oj + R.alias] as number);
    const l4 = ageLevel(rec[oi + R.birthYear] as number, rec[oj + R.birthYear] as number, this.noYear);
    const xa = rec[oi + R.sex] as number;
    const xb = rec[oj + R.sex] as number;
    const l5 = xa === 0 || xb === 0 ? 0 : xa === xb ? 1 : 2;
    const l7 = rec[oi + R.district] === rec[oj + R.district] ? 1 : 2;
    if (gate) {
      const w = gate.weights;
      let partial =
        (w[0] as number[])[l0]! +
        (w[1] as number[])[l1]! +
        (w[3] as number[])[l3]! +
        (w[4] as number[])[l4]! +
        (w[5] as number[])[l5]! +
        (w[7] as number[])[l7]!;
      for (const f of [0, 1, 3]) if ((tf[f] as number) >= 0) partial += gate.adjustment(f, tf[f] as number);
      if (partial + gate.fatherAndAddress < gate.minimum) return -1;
    }

    let l2 = 0;
    if ((rec[oi + R.father] as number) >= 0 && (rec[oj + R.father] as number) >= 0) {
      l2 = this.fatherLevel(i, j);
      if (l2 === 1) tf[2] = s.fatherGivenOf(i);
    }
    const l6 = this.addressLevel(i, j);
    return (
      l0 * (fb[0] as number) +
      l1 * (fb[1] as number) +
      l2 * (fb[2] as number) +
      l3 * (fb[3] as number) +
      l4 * (fb[4] as number) +
      l5 * (fb[5] as number) +
      l6 * (fb[6] as number) +
      l7 * (fb[7] as number)
    );
  }
}

/**
 * What `compare` needs to give up on a pair early: the weights per field and level (index 0:
 * missing, 0), the frequency adjustment of an agreeing value, the most the father's name and the
 * address can add, and the weight to reach (with a margin for rounding: a pair given up could
 * never have reached it).
 */
export interface Gate {
  weights: readonly (readonly number[])[];
  adjustment(field: number, value: number): number;
  fatherAndAddress: number;
  minimum: number;
}
