/**
 * The resolver's compact, columnar view of the accused records. Nothing is kept per record but a
 * few 32-bit numbers: a reference to the record's name, father's name and address (each
 * normalised once per distinct text, in tables of their own), its folded alias, birth year,
 * sex, FIR district, FIR and previous person. Folded words, names, places and aliases are
 * interned: equal texts are one number, so comparing and grouping records compares numbers.
 *
 * The store is filled in two steps, so that the records' texts never need to be in memory at
 * once: first the distinct texts (`addName`, `addFather`, `addAlias`, `addAddress`, …, each
 * under a code the caller chose), then one `addRecord` per record with the codes of its texts.
 * The lake step streams both from DuckDB; `resolve()` encodes an array of records itself.
 */
import { foldAlias } from './features.ts';
import { normaliseName, parseAddress, skeleton, splitNameField, type NormalName } from './normalise.ts';

/** Interned strings: text ↔ number, each with its consonant skeleton and its words. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  private skeletons = new Int32Array(1024).fill(-1);
  private readonly split = new Map<number, Int32Array>();

  id(text: string): number {
    let k = this.ids.get(text);
    if (k === undefined) {
      k = this.texts.length;
      this.ids.set(text, k);
      this.texts.push(text);
    }
    return k;
  }

  /** The number of a text seen before, or -1. */
  find(text: string): number {
    return this.ids.get(text) ?? -1;
  }

  get size(): number {
    return this.texts.length;
  }

  text(id: number): string {
    return this.texts[id] as string;
  }

  /** Number of the consonant skeleton of the text (itself interned). */
  skeleton(id: number): number {
    if (id >= this.skeletons.length) {
      const next = new Int32Array(Math.max(id + 1, this.skeletons.length * 2)).fill(-1);
      next.set(this.skeletons);
      this.skeletons = next;
    }
    let s = this.skeletons[id] as number;
    if (s < 0) {
      s = this.id(skeleton(this.texts[id] as string));
      this.skeletons[id] = s;
    }
    return s;
  }

  /** The space-separated words of the text, interned; null for a text of one word. */
  words(id: number): Int32Array | null {
    const text = this.texts[id] as string;
    if (!text.includes(' ')) return null;
    let w = this.split.get(id);
    if (!w) {
      w = Int32Array.from(text.split(' '), (x) => this.id(x));
      this.split.set(id, w);
    }
    return w;
  }
}

/**
 * A growable table of Int32 rows of `stride` columns, interleaved so that a row is one cache
 * line: comparing two records reads a few rows, not a few dozen scattered arrays. Rows not
 * set read as -1.
 */
export class Table {
  data: Int32Array;
  rows = 0;

  constructor(
    readonly stride: number,
    capacity = 1024,
  ) {
    this.data = new Int32Array(capacity * stride).fill(-1);
  }

  /** Offset of row r in `data` (the table grows to hold it). */
  row(r: number): number {
    const end = (r + 1) * this.stride;
    if (end > this.data.length) {
      const next = new Int32Array(Math.max(end, this.data.length * 2)).fill(-1);
      next.set(this.data);
      this.data = next;
    }
    if (r >= this.rows) this.rows = r + 1;
    return r * this.stride;
  }

  /** Sets column 0 of row r (the offset first: `row` may replace `data`). */
  set(r: number, value: number): void {
    const o = this.row(r);
    this.data[o] = value;
  }

  get(r: number, column: number): number {
    return r < this.rows ? (this.data[r * this.stride + column] as number) : -1;
  }
}

/** Columns of a record row. */
export const R = { name: 0, father: 1, alias: 2, address: 3, birthYear: 4, district: 5, sex: 6, fir: 7 } as const;
/** Columns of a name row: its first names, last names and their skeletons, what its text holds besides. */
export const N = { first1: 0, first2: 1, last1: 2, last2: 3, firstSkeleton: 4, lastSkeleton: 5, alias: 6, father: 7 };
/** Columns of a father row (-1 in first1: no usable name); a name's skeleton sits 4 columns after it. */
export const F = {
  first1: 0,
  first2: 1,
  given: 2,
  full: 3,
  lastSkeleton: 4,
  firstSkeleton: 5,
  givenSkeleton: 6,
  fullSkeleton: 7,
};
/** Columns of an address row. */
export const A = { place: 0, station: 1, placeSkeleton: 2 };

/** Normal forms of one name, as the resolver and the output need them. */
export interface NameForms {
  /** null: no usable name. */
  name: NormalName | null;
  /** Alias and father's name written inside the name field ("X alias Y", "X s/o Y"), in Latin. */
  alias: string | null;
  father: string | null;
}

export function nameFormsOf(text: string): NameForms {
  const s = splitNameField(text);
  return { name: normaliseName(s.name), alias: s.alias, father: s.father };
}

const sexCodes: Record<string, number> = { M: 1, F: 2, T: 3 };

/** Ages outside this range are recording errors, not information. */
const plausibleAge = { min: 7, max: 100 };

/** Birth years are stored as numbers; this one means unknown. */
export const noYear = -2147483648;

/** The output forms of a distinct text, for those who write them out (the lake step). */
export interface StoreListener {
  name?(code: number, forms: NameForms): void;
  father?(ref: number, father: NormalName | null): void;
  address?(code: number, address: ReturnType<typeof parseAddress>): void;
}

export class RecordStore {
  readonly strings = new Interner();
  /** Small value sets (police stations, districts) interned apart. */
  readonly labels = new Interner();

  /** Per name (by the caller's name code): columns `N`. */
  readonly names = new Table(8);
  /**
   * Per father: columns `F`. Rows: the caller's father codes at even rows, fathers found in
   * name fields (refs from 2^30) at odd ones, so neither needs to know how many the other has.
   */
  readonly fathers = new Table(8);
  /** Per address code: columns `A`. */
  readonly addresses = new Table(3);

  // Per father code (1: blank, the name field's father stands instead), alias, sex and district code.
  private readonly fatherBlank = new Table(1);
  private readonly aliasFold = new Table(1);
  private readonly sexOf = new Table(1);
  private readonly districtOf = new Table(1);
  private readonly fatherInName = new Map<string, number>();
  private nextInNameFather = 1 << 30;
  private readonly aliasCombined = new Map<number, number>();
  private readonly empty: number;

  /** Per record: columns `R`, interleaved. */
  size = 0;
  records: Int32Array;
  /** Previous build's person of each record (a code whose order is the ids' order), or -1. */
  previous: Int32Array;

  constructor(
    capacity: number,
    private readonly listener: StoreListener = {},
  ) {
    this.records = new Int32Array(Math.max(1, capacity) * 8);
    this.previous = new Int32Array(Math.max(1, capacity));
    this.empty = this.strings.id('');
  }

  addName(code: number, text: string): void {
    const forms = nameFormsOf(text);
    this.listener.name?.(code, forms);
    const n = forms.name;
    const t = this.names;
    const o = t.row(code);
    if (!n) return;
    const s = this.strings;
    const first = s.id((n.firsts[0] as { text: string }).text);
    const last = n.lasts[0] ? s.id(n.lasts[0].text) : -1;
    t.data[o + N.first1] = first;
    t.data[o + N.first2] = n.firsts[1] ? s.id(n.firsts[1].text) : -1;
    t.data[o + N.last1] = last;
    t.data[o + N.last2] = n.lasts[1] ? s.id(n.lasts[1].text) : -1;
    t.data[o + N.firstSkeleton] = s.skeleton(first);
    t.data[o + N.lastSkeleton] = last < 0 ? this.empty : s.skeleton(last);
    const alias = foldAlias(forms.alias);
    t.data[o + N.alias] = alias === '' ? -1 : s.id(alias);
    let father = -1;
    if (forms.father) {
      const known = this.fatherInName.get(forms.father);
      if (known !== undefined) father = known;
      else {
        father = this.nextInNameFather++;
        this.fatherInName.set(forms.father, father);
        this.setFather(father, forms.father);
      }
    }
    t.data[o + N.father] = father;
  }

  addFather(code: number, text: string): void {
    if (code >= 1 << 30) throw new Error(`father code out of range: ${code}`);
    this.fatherBlank.set(code, text.trim() === '' ? 1 : 0);
    this.setFather(code, text);
  }

  private setFather(ref: number, text: string): void {
    const f = normaliseName(text);
    this.listener.father?.(ref, f);
    const t = this.fathers;
    const o = t.row(this.fatherRow(ref));
    if (!f) return;
    const s = this.strings;
    const first = s.id((f.firsts[0] as { text: string }).text);
    t.data[o + F.first1] = first;
    t.data[o + F.first2] = f.firsts[1] ? s.id(f.firsts[1].text) : -1;
    const given = s.id(f.given);
    const full = s.id(f.full);
    t.data[o + F.given] = given;
    t.data[o + F.full] = full;
    t.data[o + F.givenSkeleton] = s.skeleton(given);
    t.data[o + F.fullSkeleton] = s.skeleton(full);
    t.data[o + F.lastSkeleton] = f.words.length >= 2 ? s.skeleton(s.id(f.last)) : -1;
    t.data[o + F.firstSkeleton] = s.skeleton(first);
  }

  /** Row of a father ref in `fathers`. */
  fatherRow(ref: number): number {
    return ref >= 1 << 30 ? (ref - (1 << 30)) * 2 + 1 : ref * 2;
  }

  addAlias(code: number, text: string): void {
    const a = foldAlias(text);
    this.aliasFold.set(code, a === '' ? -1 : this.strings.id(a));
  }

  addAddress(code: number, text: string): void {
    const a = parseAddress(text);
    this.listener.address?.(code, a);
    const o = this.addresses.row(code);
    const place = a.placeKey ? this.strings.id(a.placeKey) : -1;
    this.addresses.data[o + A.place] = place;
    this.addresses.data[o + A.placeSkeleton] = place < 0 ? -1 : this.strings.skeleton(place);
    this.addresses.data[o + A.station] = a.policeStationId ? this.labels.id(a.policeStationId) : -1;
  }

  addSex(code: number, text: string): void {
    const s = text.trim().toUpperCase().slice(0, 1);
    this.sexOf.set(code, sexCodes[s] ?? 0);
  }

  addDistrict(code: number, text: string): void {
    this.districtOf.set(code, this.labels.id(text));
  }

  /**
   * One record, by the codes of its texts (-1: null): `fir` any number shared by the records of
   * one FIR; `previous` the previous person's code or -1.
   */
  addRecord(r: {
    name: number;
    alias: number;
    father: number;
    address: number;
    sex: number;
    district: number;
    age: number | null;
    firYear: number | null;
    fir: number;
    previous: number;
  }): number {
    const i = this.size++;
    if (i * 8 >= this.records.length) this.grow();
    const rec = this.records;
    const o = i * 8;
    const named = r.name >= 0 && this.names.get(r.name, N.first1) >= 0;
    rec[o + R.district] = r.district >= 0 ? this.districtOf.get(r.district, 0) : -1;
    rec[o + R.fir] = r.fir;
    this.previous[i] = r.previous;
    if (!named) {
      rec[o + R.name] = -1;
      rec[o + R.father] = -1;
      rec[o + R.alias] = -1;
      rec[o + R.address] = -1;
      rec[o + R.birthYear] = noYear;
      rec[o + R.sex] = 0;
      return i;
    }
    rec[o + R.name] = r.name;
    // The father's name column when written, else a father found in the name field.
    let father = r.father >= 0 && this.fatherBlank.get(r.father, 0) === 0 ? r.father : this.names.get(r.name, N.father);
    if (father >= 0 && this.fathers.get(this.fatherRow(father), F.first1) < 0) father = -1;
    rec[o + R.father] = father;
    rec[o + R.alias] = this.combinedAlias(
      r.alias >= 0 ? this.aliasFold.get(r.alias, 0) : -1,
      this.names.get(r.name, N.alias),
    );
    rec[o + R.address] = r.address;
    const age = r.age !== null && r.age >= plausibleAge.min && r.age <= plausibleAge.max ? r.age : null;
    rec[o + R.birthYear] = age !== null && r.firYear !== null ? r.firYear - age : noYear;
    rec[o + R.sex] = r.sex >= 0 ? Math.max(0, this.sexOf.get(r.sex, 0)) : 0;
    return i;
  }

  /** The alias words of the column and of the name field, once each ("raju", "raju papu"). */
  private combinedAlias(a: number, b: number): number {
    if (a < 0 && b < 0) return -1;
    const key = (a + 1) * 2 ** 26 + (b + 1);
    let id = this.aliasCombined.get(key);
    if (id === undefined) {
      const parts = [a, b].filter((x) => x >= 0).map((x) => this.strings.text(x));
      id = this.strings.id([...new Set(parts.join(' ').split(' '))].join(' '));
      this.aliasCombined.set(key, id);
    }
    return id;
  }

  private grow(): void {
    const records = new Int32Array(this.records.length * 2);
    records.set(this.records);
    this.records = records;
    const previous = new Int32Array(this.previous.length * 2);
    previous.set(this.previous);
    this.previous = previous;
  }

  // A record's fields and derived forms.

  nameOf(i: number): number {
    return this.records[i * 8 + R.name] as number;
  }

  isNamed(i: number): boolean {
    return (this.records[i * 8 + R.name] as number) >= 0;
  }

  fatherOf(i: number): number {
    return this.records[i * 8 + R.father] as number;
  }

  hasFather(i: number): boolean {
    return (this.records[i * 8 + R.father] as number) >= 0;
  }

  aliasOf(i: number): number {
    return this.records[i * 8 + R.alias] as number;
  }

  addressOf(i: number): number {
    return this.records[i * 8 + R.address] as number;
  }

  birthYearOf(i: number): number {
    return this.records[i * 8 + R.birthYear] as number;
  }

  sexOfRecord(i: number): number {
    return this.records[i * 8 + R.sex] as number;
  }

  districtOfRecord(i: number): number {
    return this.records[i * 8 + R.district] as number;
  }

  firOf(i: number): number {
    return this.records[i * 8 + R.fir] as number;
  }

  firstName(i: number): number {
    return this.names.data[this.nameOf(i) * 8 + N.first1] as number;
  }

  /** Folded last word, or -1. */
  lastName(i: number): number {
    return this.names.data[this.nameOf(i) * 8 + N.last1] as number;
  }

  firstSkeleton(i: number): number {
    return this.names.data[this.nameOf(i) * 8 + N.firstSkeleton] as number;
  }

  /** Skeleton of the last word; that of '' for a one-word name. */
  lastSkeleton(i: number): number {
    return this.names.data[this.nameOf(i) * 8 + N.lastSkeleton] as number;
  }

  /**
   * The father's given names: his name without the surname he shares with the accused (it says
   * nothing more), else his full name; -1 without a father.
   */
  fatherGivenOf(i: number): number {
    const at = this.fatherGivenAt(i);
    return at < 0 ? -1 : (this.fathers.data[at] as number);
  }

  /** Where in `fathers.data` record i's father's given names are (their skeleton 4 after); -1: no father. */
  fatherGivenAt(i: number): number {
    const ref = this.fatherOf(i);
    if (ref < 0) return -1;
    const o = this.fatherRow(ref) * 8;
    const fatherLast = this.fathers.data[o + F.lastSkeleton] as number;
    if (fatherLast >= 0 && this.lastName(i) >= 0 && fatherLast === this.lastSkeleton(i)) return o + F.given;
    return o + F.full;
  }

  fatherFirstSkeleton(i: number): number {
    const ref = this.fatherOf(i);
    return ref < 0 ? -1 : (this.fathers.data[this.fatherRow(ref) * 8 + F.firstSkeleton] as number);
  }

  place(i: number): number {
    const a = this.addressOf(i);
    return a < 0 ? -1 : (this.addresses.data[a * 3 + A.place] as number);
  }

  station(i: number): number {
    const a = this.addressOf(i);
    return a < 0 ? -1 : (this.addresses.data[a * 3 + A.station] as number);
  }

  /** Drops the build-time maps. */
  seal(): void {
    this.aliasCombined.clear();
    this.fatherInName.clear();
  }
}
