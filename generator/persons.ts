/**
 * Accused persons: creation, the bounded pool of repeat offenders, homonym pairs (different
 * people sharing a common name) and rendering of a person as one accused row with the spelling,
 * script, alias, father's name and age variation real records show.
 */
import {
  femaleHinduSuffix,
  femaleMuslimSuffixes,
  hinduFemaleFirst,
  hinduMaleFirst,
  hinduMiddle,
  hinduSurnameWeights,
  hinduSurnames,
  makeMohalla,
  makeVillage,
  misspell,
  mohd,
  muslimFemaleFirst,
  muslimMaleFirst,
  muslimSurnameWeights,
  muslimSurnames,
  nicknames,
  type NamePart,
  type Place,
} from './names.ts';
import type { Rng } from './random.ts';

export type Script = 'latin' | 'devanagari';
export type Sex = 'M' | 'F' | 'T';

export interface PersonName {
  religion: 'hindu' | 'muslim';
  sex: Sex;
  mohd: boolean;
  first: NamePart;
  middle?: NamePart;
  surname?: NamePart;
}

export interface Person {
  personId: string;
  name: PersonName;
  father: PersonName;
  birthYear: number;
  districtIndex: number;
  stationIndex: number;
  home: Place;
  nick?: NamePart;
  isRepeat: boolean;
  /** Appearances still planned (repeat offenders). */
  remaining: number;
  appearances: number;
  /** Names written so far (repeat offenders), to guarantee at least two spellings. */
  writtenNames: string[];
}

/** Station reference as the person renderer needs it. */
export interface StationRef {
  districtIndex: number;
  nameEn: string;
  nameHi: string;
  districtEn: string;
  districtHi: string;
}

function makeName(rng: Rng, sex: Sex, religion: 'hindu' | 'muslim'): PersonName {
  if (religion === 'hindu') {
    if (sex === 'F') {
      const first = rng.pick(hinduFemaleFirst);
      const surname = rng.chance(0.55) ? femaleHinduSuffix : rng.weighted(hinduSurnames, hinduSurnameWeights);
      return { religion, sex, mohd: false, first, surname };
    }
    const first = rng.pick(hinduMaleFirst);
    const middle =
      first.en === 'Ram' || first.en === 'Shiv' || first.en === 'Hari' || first.en === 'Jai'
        ? rng.pick(hinduMiddle.filter((m) => m.en !== 'Kumar'))
        : rng.chance(0.45)
          ? (hinduMiddle[0] as NamePart)
          : rng.chance(0.1)
            ? rng.pick(hinduMiddle)
            : undefined;
    const surname = rng.weighted(hinduSurnames, hinduSurnameWeights);
    return middle
      ? { religion, sex, mohd: false, first, middle, surname }
      : { religion, sex, mohd: false, first, surname };
  }
  if (sex === 'F') {
    return {
      religion,
      sex,
      mohd: false,
      first: rng.pick(muslimFemaleFirst),
      surname: rng.pick(femaleMuslimSuffixes),
    };
  }
  const first = rng.pick(muslimMaleFirst);
  if (rng.chance(0.3)) return { religion, sex, mohd: true, first };
  return {
    religion,
    sex,
    mohd: false,
    first,
    surname: rng.weighted(muslimSurnames, muslimSurnameWeights),
  };
}

function makeFather(rng: Rng, child: PersonName): PersonName {
  const father = makeName(rng, 'M', child.religion);
  // Hindu fathers usually share the family surname.
  if (child.religion === 'hindu' && child.sex === 'M' && child.surname && rng.chance(0.85)) {
    father.surname = child.surname;
  }
  return father;
}

export interface PersonFactoryOptions {
  districtIndex: number;
  stationIndex: number;
  registrationYear: number;
  sex?: Sex;
  urban: boolean;
}

export class PersonFactory {
  private next = 1;

  constructor(private readonly rng: Rng) {}

  get created(): number {
    return this.next - 1;
  }

  private nextId(): string {
    return 'P' + String(this.next++).padStart(8, '0');
  }

  create(options: PersonFactoryOptions): Person {
    const rng = this.rng;
    const sex: Sex = options.sex ?? (rng.chance(0.0005) ? 'T' : rng.chance(0.06) ? 'F' : 'M');
    const religion = rng.chance(0.22) ? 'muslim' : 'hindu';
    const name = makeName(rng, sex === 'T' ? 'M' : sex, religion);
    name.sex = sex;
    const age = Math.round(Math.min(75, Math.max(18, rng.normal(32, 10))));
    const person: Person = {
      personId: this.nextId(),
      name,
      father: makeFather(rng, name),
      birthYear: options.registrationYear - age,
      districtIndex: options.districtIndex,
      stationIndex: options.stationIndex,
      home: options.urban && rng.chance(0.6) ? makeMohalla(rng) : makeVillage(rng),
      isRepeat: false,
      remaining: 0,
      appearances: 0,
      writtenNames: [],
    };
    if (rng.chance(0.35)) person.nick = rng.pick(nicknames);
    return person;
  }

  /** A different person with the same name in the same district: other father, other age. */
  createHomonym(of: Person, registrationYear: number, stationIndex: number, urban: boolean): Person {
    const rng = this.rng;
    let father = makeFather(rng, of.name);
    for (let i = 0; i < 10 && father.first.en === of.father.first.en; i++) {
      father = makeFather(rng, of.name);
    }
    const shift = rng.int(7, 20) * (rng.chance(0.5) ? 1 : -1);
    let birthYear = of.birthYear + shift;
    if (registrationYear - birthYear < 18) birthYear = of.birthYear - Math.abs(shift);
    if (registrationYear - birthYear > 75) birthYear = of.birthYear + Math.abs(shift);
    return {
      personId: this.nextId(),
      name: { ...of.name },
      father,
      birthYear,
      districtIndex: of.districtIndex,
      stationIndex,
      home: urban && rng.chance(0.6) ? makeMohalla(rng) : makeVillage(rng),
      isRepeat: false,
      remaining: 0,
      appearances: 0,
      writtenNames: [],
    };
  }
}

/** Full canonical name in one script. */
export function canonicalName(name: PersonName, script: Script): string {
  const parts: string[] = [];
  const key = script === 'latin' ? 'en' : 'hi';
  if (name.mohd) parts.push(mohd[key]);
  parts.push(name.first[key]);
  if (name.middle) parts.push(name.middle[key]);
  if (name.surname) parts.push(name.surname[key]);
  return parts.join(' ');
}

/** One of the spellings a clerk might write for this name. */
export function variantName(rng: Rng, name: PersonName, script: Script): string {
  const parts: string[] = [];
  if (script === 'devanagari') {
    if (name.mohd) parts.push(rng.chance(0.6) ? 'मो०' : 'मोहम्मद');
    parts.push(name.first.hi);
    if (name.middle) {
      const r = rng.float();
      if (r < 0.5) parts.push(name.middle.hi);
      else if (r < 0.75 && name.middle.en === 'Kumar') parts.push('कु०');
    }
    if (name.surname) parts.push(name.surname.hi);
    return parts.join(' ');
  }
  const mode = rng.weightedPairs<'full' | 'short' | 'abbrev' | 'slip'>([
    ['full', 3],
    ['short', 2],
    ['abbrev', 2],
    ['slip', 3],
  ]);
  if (name.mohd) parts.push(mode === 'full' ? 'Mohd.' : rng.pick(['Mohd.', 'Md.', 'Mohammad', 'Mohd']));
  const slipFirst = mode === 'slip' && (!name.surname || rng.chance(0.4));
  parts.push(slipFirst ? misspell(rng, name.first) : name.first.en);
  if (name.middle) {
    if (mode === 'abbrev' && name.middle.en === 'Kumar') parts.push(rng.pick(['Kr.', 'Kr', 'K.']));
    else if (mode !== 'short') parts.push(name.middle.en);
  }
  if (name.surname) {
    parts.push(mode === 'slip' && !slipFirst ? misspell(rng, name.surname) : name.surname.en);
  }
  return parts.join(' ');
}

export function renderAddress(
  rng: Rng,
  home: Place,
  station: StationRef,
  script: Script,
  spellingVariants: boolean,
): string {
  if (script === 'devanagari') {
    const lead = home.kind === 'village' ? rng.pick(['ग्राम', 'ग्राम', 'मौजा']) : rng.pick(['मोहल्ला', 'मो०']);
    return rng.pick([
      `${lead} ${home.hi}, थाना ${station.nameHi}, जनपद ${station.districtHi}`,
      `${lead} ${home.hi} थाना ${station.nameHi} जिला ${station.districtHi}`,
      `${lead} ${home.hi}, ${station.nameHi}, ${station.districtHi}`,
    ]);
  }
  const place = spellingVariants && home.variants.length > 0 && rng.chance(0.35) ? rng.pick(home.variants) : home.en;
  if (home.kind === 'mohalla') {
    return rng.pick([
      `Mohalla ${place}, ${station.nameEn}, ${station.districtEn}`,
      `Mohalla ${place}, PS ${station.nameEn}, Distt. ${station.districtEn}`,
      `${place}, Thana ${station.nameEn}, ${station.districtEn}`,
    ]);
  }
  return rng.pick([
    `Gram ${place}, Thana ${station.nameEn}, ${station.districtEn}`,
    `Vill. ${place}, PS ${station.nameEn}, Distt. ${station.districtEn}`,
    `R/o ${place}, ${station.nameEn}, ${station.districtEn}`,
    `Village ${place}, P.S. ${station.nameEn}, District ${station.districtEn}`,
  ]);
}

export interface RenderedAccused {
  name: string;
  alias: string;
  fatherName: string;
  sex: Sex;
  age: string;
  address: string;
}

/** One accused row for a person. Repeat offenders get the full range of variation. */
export function renderPerson(
  rng: Rng,
  person: Person,
  homeStation: StationRef,
  registrationYear: number,
): RenderedAccused {
  const repeat = person.isRepeat;
  let script: Script = rng.chance(0.4) ? 'devanagari' : 'latin';
  let name = repeat ? variantName(rng, person.name, script) : canonicalName(person.name, script);
  if (!repeat && script === 'latin' && rng.chance(0.15)) name = variantName(rng, person.name, script);
  if (repeat) {
    // Every repeat offender shows up under at least two spellings.
    if (person.writtenNames.length === 1 && person.writtenNames[0] === name) {
      script = script === 'latin' ? 'devanagari' : 'latin';
      name = variantName(rng, person.name, script);
      if (person.writtenNames[0] === name) name = canonicalName(person.name, script);
    }
    if (person.writtenNames.length < 2) person.writtenNames.push(name);
  }
  let alias = '';
  if (person.nick && rng.chance(repeat ? 0.55 : 0.3)) {
    alias = script === 'latin' ? person.nick.en : person.nick.hi;
  }
  let fatherName = '';
  const f = rng.float();
  if (repeat) {
    if (f < 0.7) fatherName = canonicalName(person.father, script);
    else if (f < 0.85) fatherName = canonicalName(person.father, script === 'latin' ? 'devanagari' : 'latin');
    else if (f < 0.9) fatherName = variantName(rng, person.father, script);
  } else if (f < 0.92) {
    fatherName = canonicalName(person.father, script);
  }
  let age = '';
  if (!rng.chance(0.04)) {
    const jitter = repeat
      ? rng.weightedPairs([
          [0, 5],
          [1, 2],
          [-1, 2],
          [2, 1],
          [-2, 1],
        ])
      : 0;
    age = String(registrationYear - person.birthYear + jitter);
  }
  return {
    name,
    alias,
    fatherName,
    sex: person.name.sex,
    age,
    address: renderAddress(rng, person.home, homeStation, script, repeat),
  };
}

/** Appearance counts of repeat offenders: 2–15 FIRs, most 2–4. */
const appearanceWeights: readonly (readonly [number, number])[] = [
  [2, 30],
  [3, 20],
  [4, 13],
  [5, 9],
  [6, 7],
  [7, 5],
  [8, 4],
  [9, 3],
  [10, 2.5],
  [11, 2],
  [12, 1.5],
  [13, 1.2],
  [14, 1],
  [15, 0.8],
];

export const meanAppearances =
  appearanceWeights.reduce((s, [k, w]) => s + k * w, 0) / appearanceWeights.reduce((s, [, w]) => s + w, 0);

/** Share of distinct accused persons who are repeat offenders. */
export const repeatPersonShare = 0.03;

/** Probability that an accused slot is a repeat offender's appearance (from the share above). */
export const repeatSlotProbability =
  repeatPersonShare / ((1 - repeatPersonShare) / meanAppearances + repeatPersonShare);

/** Active repeat offenders per home district, bounded by their remaining appearances. */
export class RepeatPool {
  private readonly byDistrict: Person[][];
  active = 0;
  peakActive = 0;

  constructor(districtCount: number) {
    this.byDistrict = Array.from({ length: districtCount }, () => []);
  }

  static plannedAppearances(rng: Rng): number {
    return rng.weightedPairs(appearanceWeights);
  }

  add(person: Person): void {
    (this.byDistrict[person.districtIndex] as Person[]).push(person);
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
  }

  size(districtIndex: number): number {
    return (this.byDistrict[districtIndex] as Person[]).length;
  }

  /** A random active person of the district not in `exclude`, or undefined. */
  pick(rng: Rng, districtIndex: number, exclude: ReadonlySet<string>): Person | undefined {
    const list = this.byDistrict[districtIndex] as Person[];
    if (list.length === 0) return undefined;
    for (let attempt = 0; attempt < 4; attempt++) {
      const person = list[rng.int(0, list.length - 1)] as Person;
      if (!exclude.has(person.personId)) return person;
    }
    return undefined;
  }

  /** Record an appearance; drops the person from the pool once their plan is used up. */
  used(person: Person): void {
    person.remaining--;
    person.appearances++;
    if (person.remaining <= 0) {
      const list = this.byDistrict[person.districtIndex] as Person[];
      const i = list.indexOf(person);
      if (i >= 0) {
        list[i] = list[list.length - 1] as Person;
        list.pop();
        this.active--;
      }
    }
  }
}

/** A name and father's name for someone who is not an accused (complainants, informants, owners). */
export function randomName(rng: Rng, sex: Sex = 'M'): { name: PersonName; father: PersonName } {
  const name = makeName(rng, sex === 'T' ? 'M' : sex, rng.chance(0.22) ? 'muslim' : 'hindu');
  return { name, father: makeFather(rng, name) };
}
