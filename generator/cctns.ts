/**
 * The CCTNS extract in the layout of schemas/cctns/layout.ts: firs.csv and accused.csv (plus the
 * victims, arrests, seizures and final-report extracts of the same FIRs), written day by day in
 * registration order. The planted truths (repeat offenders, homonyms, hotspot FIRs) are recorded
 * under ground-truth/ as the rows are written.
 */
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import type { CrimeGroup } from '../reference/crime-heads.ts';
import {
  accusedHeaders,
  arrestHeaders,
  finalReportHeaders,
  firHeaders,
  firStatuses,
  seizureHeaders,
  victimHeaders,
} from '../schemas/cctns/layout.ts';
import type { EventIncident } from './events.ts';
import { backgroundPoint, h3Resolution, pointInCell, round6, type StationInfo } from './geo.ts';
import { plantWeek, solveGraded, type HotspotPlan } from './hotspots.ts';
import { makeMohalla, makeVillage, nicknames } from './names.ts';
import { citationsFor, recipes, recipesOfGroup, type FactsKind, type Recipe } from './offences.ts';
import { StreamFile } from './output.ts';
import {
  canonicalName,
  meanAppearances,
  PersonFactory,
  randomName,
  renderAddress,
  renderPerson,
  RepeatPool,
  repeatSlotProbability,
  type Person,
  type Script,
  type Sex,
} from './persons.ts';
import { plateDisplay, plateText, rtoByDistrict, upPlate, type Plate } from './plates.ts';
import { WeightedTable, type Rng } from './random.ts';
import { recoveryFor, type Seizure } from './recoveries.ts';
import { formatActsSections, type Lang } from './sections.ts';
import { briefFacts, placeText, vehicleModels } from './text.ts';
import { dayToYmd, formatCctns, isoWeek, minutesPerDay, parseIsoDay, weekday } from './time.ts';
import { WeekCells, type WeekStats } from './week-cells.ts';

export interface StolenVehicleEvent {
  plate: Plate;
  model: (typeof vehicleModels)[number];
  ownerName: string;
  station: StationInfo;
  firNumber: string;
  firYear: number;
  reportedAt: number;
  stolenAt: number;
  /** Recovered with the arrest (the FIR's seizure of the vehicle). */
  recoveredAt?: number;
}

/** Receives each stolen vehicle as its FIR is written (the vehicle files); returns its VAHAN ids. */
export interface StolenVehicleSink {
  add(event: StolenVehicleEvent): { chassis: string; engine: string };
  maybeFlush(): Promise<void>;
}

export interface CctnsInput {
  rng: Rng;
  outDir: string;
  firs: number;
  startDay: number;
  endDay: number;
  stations: readonly StationInfo[];
  districtNames: readonly string[];
  neighbours: readonly (readonly number[])[];
  plan: HotspotPlan;
  /** Riot/communal FIRs planted during calendar events (events.ts); tips are the tips writer's. */
  eventFirs: readonly EventIncident[];
  /** Streams of their own for what is decided as the FIRs are written (so the rest does not shift). */
  rngPlant: Rng;
  rngPoints: Rng;
  vehicles: StolenVehicleSink;
  onProgress?: (done: number, total: number) => void;
}

export interface HomonymPair {
  name: string;
  district: string;
  personIds: [string, string];
  fatherNames: [string, string];
  birthYears: [number, number];
}

export interface CctnsResult {
  firRows: number;
  accusedRows: number;
  firsPerDistrict: Record<string, number>;
  firsPerStatus: Record<string, number>;
  ipcFirs: number;
  bnsFirs: number;
  firsWithoutCoordinates: number;
  hindiFirs: number;
  persons: number;
  repeatOffenders: number;
  repeatOffenderRows: number;
  maxAppearances: number;
  peakRepeatPool: number;
  homonymPairs: HomonymPair[];
  plantedFirs: number;
  eventFirs: number;
  stolenVehicles: number;
  files: { path: string; rows: number }[];
}

/** FIRs registered on or after this day cite the BNS. */
export const bnsFromDay = parseIsoDay('2024-07-01');

const hourWeights = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3.5, 5, 6.5, 7, 7, 6.5, 6.5, 6, 6, 6.5, 6.5, 6, 5, 4, 3, 2];
const hours = hourWeights.map((_, h) => h);
/** Monday … Sunday: more FIRs are registered early in the week. */
const weekdayFactor = [1.15, 1.05, 1.0, 1.0, 0.98, 0.95, 0.82];

function dayWeight(day: number, startDay: number): number {
  const { year } = dayToYmd(day);
  const doy = day - parseIsoDay(`${year}-01-01`);
  // Peak in early summer (May–June), trough in winter, slight growth year on year.
  const seasonal = 1 + 0.12 * Math.sin((2 * Math.PI * (doy - 60)) / 365.25);
  const trend = 1 + (0.05 * (day - startDay)) / 365;
  return (weekdayFactor[weekday(day)] as number) * seasonal * trend;
}

function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const mean = n * p;
  if (n < 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.float() < p) k++;
    return k;
  }
  if (mean < 30) return Math.min(n, rng.poisson(mean));
  const k = Math.round(rng.normal(mean, Math.sqrt(mean * (1 - p))));
  return Math.min(n, Math.max(0, k));
}

type Status = (typeof firStatuses)[number];

function pickStatus(rng: Rng, recipe: Recipe, accused: number, ageDays: number): Status {
  const [ui, cs, fr, ut] = firStatuses;
  let w: [Status, number][];
  if (recipe.spotArrest && accused > 0) {
    w =
      ageDays < 15
        ? [
            [ui, 70],
            [cs, 30],
          ]
        : ageDays < 60
          ? [
              [ui, 30],
              [cs, 68],
              [fr, 2],
            ]
          : [
              [ui, 5],
              [cs, 92],
              [fr, 3],
            ];
  } else if (accused === 0) {
    // Nobody named: the case is solved, closed or left untraced, never charge-sheeted here.
    w =
      ageDays < 30
        ? [
            [ui, 95],
            [fr, 2],
            [ut, 3],
          ]
        : ageDays < 120
          ? [
              [ui, 58],
              [fr, 17],
              [ut, 25],
            ]
          : [
              [ui, 12],
              [fr, 40],
              [ut, 48],
            ];
  } else {
    w =
      ageDays < 30
        ? [
            [ui, 88],
            [cs, 10],
            [fr, 2],
          ]
        : ageDays < 90
          ? [
              [ui, 55],
              [cs, 35],
              [fr, 8],
              [ut, 2],
            ]
          : ageDays < 365
            ? [
                [ui, 25],
                [cs, 58],
                [fr, 14],
                [ut, 3],
              ]
            : [
                [ui, 8],
                [cs, 70],
                [fr, 18],
                [ut, 4],
              ];
  }
  return rng.weightedPairs(w);
}

function beatText(rng: Rng, lang: Lang): string {
  if (rng.chance(0.25)) return '';
  const n = rng.int(1, 12);
  if (lang === 'hi') return rng.pick([`बीट ${n}`, `हल्का नं० ${n}`, `बीट संख्या ${n}`]);
  return rng.pick([`Beat ${n}`, `Beat No. ${n}`, `Halka ${n}`]);
}

const isDevanagari = (s: string): boolean => /[\u0900-\u097f]/.test(s);
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Offences without a victim of their own (recoveries, public order, state as complainant). */
const victimless = new Set<FactsKind>([
  'liquor',
  'ganja',
  'smack',
  'tablets',
  'doda',
  'pistol',
  'knife',
  'arms_factory',
  'gambling',
  'disobedience',
  'enmity',
  'cow_smuggling',
  'cow_slaughter',
  'mining',
  'drunken_driving',
  'rash_driving',
  'gangster',
]);
/** Victims whose names are withheld (sexual offences). */
const withheld = new Set<FactsKind>(['rape', 'pocso', 'molestation', 'stalking', 'insult_to_modesty', 'cyber_obscene']);
/** Offences where the complainant is herself the victim. */
const womanComplainant = new Set<FactsKind>([
  'cruelty',
  'molestation',
  'stalking',
  'insult_to_modesty',
  'cyber_obscene',
  'rape',
]);

function rowOf<H extends string>(headers: readonly H[], values: Record<H, string | number>): (string | number)[] {
  return headers.map((h) => values[h]);
}

function officer(rng: Rng, script: Script): string {
  const name = canonicalName(randomName(rng).name, script);
  if (script === 'devanagari') return `${rng.pick(['उ0नि0', 'निरीक्षक', 'है0का0', 'उ0नि0'])} ${name}`;
  return `${rng.pick(['SI', 'Inspector', 'HC', 'SI', 'ASI'])} ${name}`;
}

function courtOf(rng: Rng, group: CrimeGroup, kind: FactsKind, district: string): string {
  if (group === 'ndps') return `Special Judge (NDPS) ${district}`;
  if (kind === 'pocso' || kind === 'rape') return `Special Judge (POCSO Act) ${district}`;
  if (kind === 'sc_st') return `Special Judge (SC/ST Act) ${district}`;
  if (kind === 'gangster') return `Special Judge (Gangsters Act) ${district}`;
  return rng.pick([`CJM ${district}`, `ACJM-${rng.int(1, 3)} ${district}`, `JM-${rng.int(1, 4)} ${district}`]);
}

interface Point {
  lat: string;
  lon: string;
  cell: string;
}

interface Draft {
  minute: number;
  station: StationInfo;
  recipe: Recipe;
  areaIndex: number;
  week: string;
  /** Drawn before the day is written (the graded area's day); null: no coordinates. */
  point?: Point | null;
  /** A graded-area FIR (the plan's graded area). */
  graded?: boolean;
  /** A riot/communal FIR planted during a calendar event. */
  event?: boolean;
}

export async function writeCctns(input: CctnsInput): Promise<CctnsResult> {
  const { rng, outDir, stations, plan, startDay, endDay } = input;
  const endMinute = endDay * minutesPerDay + minutesPerDay - 1;
  const days = endDay - startDay + 1;
  const eventFirsByDay = new Map<number, EventIncident[]>();
  for (const e of input.eventFirs) {
    if (e.day < startDay || e.day > endDay) continue;
    eventFirsByDay.set(e.day, [...(eventFirsByDay.get(e.day) ?? []), e]);
  }
  const eventFirCount = [...eventFirsByDay.values()].reduce((a, l) => a + l.length, 0);
  const background = input.firs - plan.total - eventFirCount;
  if (background < 0)
    throw new Error(`planted FIRs (${plan.total + eventFirCount}) exceed the FIR count (${input.firs})`);
  const recipeByKey = new Map(recipes.map((r) => [r.key, r]));
  // Located FIRs of the last weeks, for tuning the emerging and graded plants on their Gi*.
  const cells = plan.trackFrom === undefined ? undefined : new WeekCells(plan.trackedGroups);
  const recentMondays = new Set(plan.recentMondays);
  const graded = plan.graded;

  /** Where a draft happened: in its planted area's cells, else around its thana (5% unrecorded). */
  const locate = (r: Rng, d: Draft, withCell: boolean): Point | null => {
    const area = d.areaIndex >= 0 ? plan.areas[d.areaIndex] : undefined;
    if (area) {
      const cell = r.pick(area.cells);
      const [la, lo] = pointInCell(r, cell);
      return { lat: la.toFixed(6), lon: lo.toFixed(6), cell };
    }
    if (r.chance(0.05)) return null;
    const [la, lo] = backgroundPoint(r, d.station);
    const lat = round6(la).toFixed(6);
    const lon = round6(lo).toFixed(6);
    return { lat, lon, cell: withCell ? latLngToCell(Number(lat), Number(lon), h3Resolution) : '' };
  };

  const open = (...parts: string[]): Promise<StreamFile> => StreamFile.open(join(outDir, ...parts));
  const firFile = await open('cctns', 'firs.csv');
  const accusedFile = await open('cctns', 'accused.csv');
  const victimFile = await open('cctns', 'victims.csv');
  const arrestFile = await open('cctns', 'arrests.csv');
  const seizureFile = await open('cctns', 'seizures.csv');
  const reportFile = await open('cctns', 'final_reports.csv');
  const personsFile = await open('ground-truth', 'accused-persons.csv');
  const repeatFile = await open('ground-truth', 'repeat-offenders.csv');
  const hotspotFile = await open('ground-truth', 'hotspot-firs.csv');
  firFile.write(firHeaders.join(',') + '\n');
  accusedFile.write(accusedHeaders.join(',') + '\n');
  victimFile.write(victimHeaders.join(',') + '\n');
  arrestFile.write(arrestHeaders.join(',') + '\n');
  seizureFile.write(seizureHeaders.join(',') + '\n');
  reportFile.write(finalReportHeaders.join(',') + '\n');
  personsFile.write('district,police_station,fir_number,fir_year,accused_number,person_id\n');
  repeatFile.write(
    'person_id,name_en,name_hi,father_name_en,birth_year,home_district,home_police_station,home_place,alias,appearances\n',
  );
  hotspotFile.write('area_id,district,police_station,fir_number,fir_year,week,h3_cell,latitude,longitude\n');
  const dataFiles = [firFile, accusedFile, victimFile, arrestFile, seizureFile, reportFile, personsFile];

  const stationTable = new WeightedTable(
    stations,
    stations.map((s) => s.station.population),
  );
  const recipeTable = new WeightedTable(
    recipes,
    recipes.map((r) => r.weight),
  );
  const groupTables = new Map<CrimeGroup, WeightedTable<Recipe>>();
  for (const area of [...plan.areas, ...(graded ? [graded] : [])]) {
    if (!groupTables.has(area.crimeGroup)) {
      const list = recipesOfGroup(area.crimeGroup);
      groupTables.set(
        area.crimeGroup,
        new WeightedTable(
          list,
          list.map((r) => r.weight),
        ),
      );
    }
  }
  const stationsByDistrict: StationInfo[][] = input.districtNames.map(() => []);
  for (const s of stations) (stationsByDistrict[s.districtIndex] as StationInfo[]).push(s);
  const districtStationTables = stationsByDistrict.map(
    (list) =>
      new WeightedTable(
        list,
        list.map((s) => s.station.population),
      ),
  );

  // Day weights for spreading the background over the range.
  const weights = new Float64Array(days);
  let weightLeft = 0;
  for (let i = 0; i < days; i++) {
    weights[i] = dayWeight(startDay + i, startDay);
    weightLeft += weights[i] as number;
  }

  const factory = new PersonFactory(rng.fork('persons'));
  const pool = new RepeatPool(input.districtNames.length);
  const activeRepeat = new Set<Person>();
  const counters = new Int32Array(stations.length);
  const reportCounters = new Int32Array(stations.length);
  let counterYear = -1;

  // Homonyms: every `homonymEvery`-th new single person is a namesake of a recent one.
  const expectedRows = input.firs * 1.3;
  const homonymTarget = Math.min(500, Math.max(4, Math.round(expectedRows * 0.002)));
  const homonymEvery = Math.max(20, Math.floor((expectedRows * (1 - repeatSlotProbability)) / (homonymTarget + 1)));
  const recentSingles: { person: Person; name: string }[][] = input.districtNames.map(() => []);
  const homonymOf = new Map<Person, { person: Person; name: string }>();
  let singlesCreated = 0;

  const result: CctnsResult = {
    firRows: 0,
    accusedRows: 0,
    firsPerDistrict: Object.fromEntries(input.districtNames.map((d) => [d, 0])),
    firsPerStatus: Object.fromEntries(firStatuses.map((s) => [s, 0])),
    ipcFirs: 0,
    bnsFirs: 0,
    firsWithoutCoordinates: 0,
    hindiFirs: 0,
    persons: 0,
    repeatOffenders: 0,
    repeatOffenderRows: 0,
    maxAppearances: 0,
    peakRepeatPool: 0,
    homonymPairs: [],
    plantedFirs: 0,
    eventFirs: 0,
    stolenVehicles: 0,
    files: [],
  };
  let vehicleIndex = 0;
  let remaining = background;

  const retire = (person: Person): void => {
    activeRepeat.delete(person);
    if (person.appearances < 2) return;
    const home = stations[person.stationIndex] as StationInfo;
    repeatFile.row([
      person.personId,
      canonicalName(person.name, 'latin'),
      canonicalName(person.name, 'devanagari'),
      canonicalName(person.father, 'latin'),
      person.birthYear,
      home.districtEn,
      home.nameEn,
      person.home.en,
      person.nick?.en ?? '',
      person.appearances,
    ]);
    result.repeatOffenders++;
    result.repeatOffenderRows += person.appearances;
    if (person.appearances > result.maxAppearances) result.maxAppearances = person.appearances;
  };

  /** The accused persons of one FIR: repeat offenders from the pool, homonyms, or new people. */
  const choosePersons = (s: StationInfo, year: number, count: number, progress: number): Person[] => {
    const persons: Person[] = [];
    const used = new Set<string>();
    for (let a = 0; a < count; a++) {
      let person: Person | undefined;
      if (rng.chance(repeatSlotProbability)) {
        const neighbours = input.neighbours[s.districtIndex] ?? [];
        const poolDistrict = neighbours.length > 0 && rng.chance(0.15) ? rng.pick(neighbours) : s.districtIndex;
        const existing = pool.pick(rng, poolDistrict, used);
        // Fewer new repeat offenders near the end, so planned appearances get used up.
        const taper = progress < 0.85 ? 1 : Math.max(0, (1 - progress) / 0.15);
        if (existing && !rng.chance(taper / meanAppearances)) {
          person = existing;
        } else if (progress < 0.97) {
          person = factory.create({
            districtIndex: s.districtIndex,
            stationIndex: s.index,
            registrationYear: year,
            urban: s.urban,
          });
          person.isRepeat = true;
          person.remaining = RepeatPool.plannedAppearances(rng);
          // Habitual offenders are usually known by a nickname too.
          if (!person.nick && rng.chance(0.6)) person.nick = rng.pick(nicknames);
          pool.add(person);
          activeRepeat.add(person);
        }
      }
      if (!person) {
        singlesCreated++;
        const recent = recentSingles[s.districtIndex] as { person: Person; name: string }[];
        const table = districtStationTables[s.districtIndex] as WeightedTable<StationInfo>;
        if (singlesCreated % homonymEvery === 0 && recent.length > 0 && result.homonymPairs.length < homonymTarget) {
          const orig = rng.pick(recent);
          const home = table.pick(rng);
          person = factory.createHomonym(orig.person, year, home.index, home.urban);
          homonymOf.set(person, orig);
        } else {
          const home = rng.chance(0.75) ? s : table.pick(rng);
          person = factory.create({
            districtIndex: s.districtIndex,
            stationIndex: home.index,
            registrationYear: year,
            urban: home.urban,
          });
        }
      }
      used.add(person.personId);
      persons.push(person);
    }
    return persons;
  };

  for (let i = 0; i < days; i++) {
    const day = startDay + i;
    const { year } = dayToYmd(day);
    if (year !== counterYear) {
      counters.fill(0);
      counterYear = year;
    }
    const tracking = cells !== undefined && plan.trackFrom !== undefined && day >= plan.trackFrom;
    if (tracking && weekday(day) === 0) {
      cells.startWeek(day);
      if (recentMondays.has(day)) {
        const stats = new Map<string, WeekStats>(plan.trackedGroups.map((g) => [g, cells.previousStats(g)] as const));
        const delta = plantWeek(plan, day, input.rngPlant, stats, endDay);
        if (delta > remaining) throw new Error(`planted FIRs exceed the FIR count (${input.firs})`);
        remaining -= delta;
      }
    }
    const w = weights[i] as number;
    const n = i === days - 1 ? remaining : binomial(rng, remaining, w / weightLeft);
    weightLeft -= w;
    remaining -= n;

    const drafts: Draft[] = [];
    for (let k = 0; k < n; k++) {
      drafts.push({
        minute: day * minutesPerDay + rng.weighted(hours, hourWeights) * 60 + rng.int(0, 59),
        station: stationTable.pick(rng),
        recipe: recipeTable.pick(rng),
        areaIndex: -1,
        week: '',
      });
    }
    for (const planted of plan.byDay.get(day) ?? []) {
      const area = plan.areas[planted.areaIndex];
      if (!area) continue;
      drafts.push({
        minute: day * minutesPerDay + rng.weighted(hours, hourWeights) * 60 + rng.int(0, 59),
        station: stations[area.stationIndex] as StationInfo,
        recipe: (groupTables.get(area.crimeGroup) as WeightedTable<Recipe>).pick(rng),
        areaIndex: planted.areaIndex,
        week: planted.week,
      });
    }
    for (const e of eventFirsByDay.get(day) ?? []) {
      const recipe = recipeByKey.get(e.what);
      if (!recipe) throw new Error(`events: no offence recipe ${e.what}`);
      drafts.push({
        minute: day * minutesPerDay + rng.weighted(hours, hourWeights) * 60 + rng.int(0, 59),
        station: stations[e.stationIndex] as StationInfo,
        recipe,
        areaIndex: -1,
        week: '',
        event: true,
      });
    }
    if (graded && cells && day === graded.mondayDay + 6) {
      // The graded area's day: every other FIR of the week is placed first, then its counts are
      // solved; the reserve it does not use becomes ordinary background FIRs (a pool drawn first).
      const r = input.rngPoints;
      const extra = new Map<number, number>();
      for (const d of drafts) {
        d.point = locate(r, d, true);
        if (d.point) {
          const id = cells.index.id(d.point.cell);
          extra.set(id, (extra.get(id) ?? 0) + 1);
        }
      }
      const pool: Draft[] = [];
      for (let k = 0; k < graded.reserve; k++) {
        const d: Draft = {
          minute: day * minutesPerDay + r.weighted(hours, hourWeights) * 60 + r.int(0, 59),
          station: stationTable.pick(r),
          recipe: recipeTable.pick(r),
          areaIndex: -1,
          week: '',
        };
        d.point = locate(r, d, true);
        pool.push(d);
      }
      const outcome = solveGraded(
        cells,
        cells.week('all', 'current', extra),
        pool.map((d) => (d.point ? cells.index.id(d.point.cell) : null)),
        graded,
      );
      graded.outcome = outcome;
      drafts.push(...pool.slice(0, outcome.backgroundFirs));
      const station = stations[graded.stationIndex] as StationInfo;
      const table = groupTables.get(graded.crimeGroup) as WeightedTable<Recipe>;
      graded.centers.forEach((cell, k) => {
        for (let j = 0; j < (outcome.extraFirs[k] as number); j++) {
          const [la, lo] = pointInCell(r, cell);
          drafts.push({
            minute: day * minutesPerDay + r.weighted(hours, hourWeights) * 60 + r.int(0, 59),
            station,
            recipe: table.pick(r),
            areaIndex: -1,
            week: graded.week,
            point: { lat: la.toFixed(6), lon: lo.toFixed(6), cell },
            graded: true,
          });
        }
      });
    }
    drafts.sort((a, b) => a.minute - b.minute);
    const useBns = day >= bnsFromDay;
    const progress = (i + 1) / days;

    for (const d of drafts) {
      const s = d.station;
      const recipe = d.recipe;
      const kind = recipe.facts;
      const reg = d.minute;
      const ageMinutes = endMinute - reg;
      const firNumber = String(++counters[s.index]).padStart(4, '0');
      const firRef = {
        district: s.districtEn,
        police_station: s.nameEn,
        fir_number: firNumber,
        fir_year: year,
        registered_at: formatCctns(reg),
      };
      const lang: Lang = rng.chance(0.5) ? 'hi' : 'en';
      const script: Script = lang === 'hi' ? 'devanagari' : 'latin';
      const set =
        useBns && recipe.bnsCitations
          ? rng.pick(recipe.bnsCitations)
          : citationsFor(rng.pick(recipe.citations), useBns);
      const actsSections = formatActsSections(rng, set, rng.chance(0.8) ? lang : lang === 'hi' ? 'en' : 'hi');
      if (useBns) result.bnsFirs++;
      else result.ipcFirs++;
      if (lang === 'hi') result.hindiFirs++;

      // Occurrence window (before registration).
      let from: number | undefined;
      let to: number | undefined;
      if (!rng.chance(0.03)) {
        if (recipe.spotArrest) from = reg - rng.int(20, 180);
        else if (kind === 'cruelty' || kind === 'stalking' || kind === 'gangster')
          from = reg - rng.int(20, 400) * minutesPerDay;
        else if (recipe.crimeGroup === 'property' || recipe.crimeGroup === 'cyber')
          from = reg - rng.int(60, 4 * minutesPerDay);
        else from = reg - rng.int(30, 18 * 60);
        if (rng.chance(0.6)) to = Math.min(reg, from + rng.int(0, kind === 'cruelty' ? 300 * minutesPerDay : 600));
      }

      // Place and point: planted FIRs inside their cells, others scattered around the thana.
      const where = s.urban && rng.chance(0.7) ? makeMohalla(rng) : makeVillage(rng);
      const place = placeText(rng, where, { en: s.nameEn, hi: s.nameHi }, lang, recipe.spotArrest);
      const area = d.areaIndex >= 0 ? plan.areas[d.areaIndex] : undefined;
      const point = d.point !== undefined ? d.point : locate(rng, d, tracking);
      const lat = point?.lat ?? '';
      const lon = point?.lon ?? '';
      const cell = point?.cell ?? '';
      if (!point) result.firsWithoutCoordinates++;
      else if (tracking) cells?.add(recipe.crimeGroup, cell);
      if ((area || d.graded) && latLngToCell(Number(lat), Number(lon), h3Resolution) !== cell)
        throw new Error(`planted point ${lat},${lon} is outside cell ${cell}`);

      const accusedCount = rng.weighted([0, 1, 2, 3, 4], recipe.accused);
      const persons = choosePersons(s, year, accusedCount, progress);
      const status = pickStatus(rng, recipe, accusedCount, ageMinutes / minutesPerDay);
      const lastUpdated = Math.min(
        endMinute,
        status === 'Under Investigation'
          ? reg + rng.int(0, Math.max(0, Math.min(ageMinutes, 60 * minutesPerDay)))
          : reg + Math.min(ageMinutes, rng.int(5, 150) * minutesPerDay + rng.int(0, minutesPerDay - 1)),
      );

      // Accused rows, arrests and the ground truth of who is who.
      const namesForFacts: string[] = [];
      const arrestTimes: number[] = [];
      persons.forEach((person, a) => {
        const home = stations[person.stationIndex] as StationInfo;
        const r = renderPerson(rng, person, home, year);
        const orig = homonymOf.get(person);
        if (orig) {
          // Same name as written for the other person, but another father and age.
          r.name = orig.name;
          r.fatherName = canonicalName(person.father, isDevanagari(orig.name) ? 'devanagari' : 'latin');
          r.alias = '';
          homonymOf.delete(person);
          result.homonymPairs.push({
            name: orig.name,
            district: s.districtEn,
            personIds: [orig.person.personId, person.personId],
            fatherNames: [canonicalName(orig.person.father, 'latin'), canonicalName(person.father, 'latin')],
            birthYears: [orig.person.birthYear, person.birthYear],
          });
        } else if (!person.isRepeat) {
          const recent = recentSingles[s.districtIndex] as { person: Person; name: string }[];
          if (recent.length >= 32) recent.splice(rng.int(0, recent.length - 1), 1);
          recent.push({ person, name: r.name });
        }
        let arrestedAt: number | undefined;
        if (recipe.spotArrest) arrestedAt = reg - rng.int(0, 90);
        else if (rng.chance(recipe.arrestRate * Math.min(1, ageMinutes / (45 * minutesPerDay)))) {
          arrestedAt = Math.min(endMinute, reg + rng.int(60, Math.max(61, Math.min(ageMinutes, 120 * minutesPerDay))));
        }
        accusedFile.row(
          rowOf(accusedHeaders, {
            ...firRef,
            accused_number: a + 1,
            name: r.name,
            alias: r.alias,
            father_name: r.fatherName,
            sex: r.sex,
            age: r.age,
            address: r.address,
            is_arrested: arrestedAt === undefined ? 'N' : 'Y',
            arrested_at: arrestedAt === undefined ? '' : formatCctns(arrestedAt),
          }),
        );
        if (arrestedAt !== undefined) {
          arrestTimes.push(arrestedAt);
          const arrestScript: Script = isDevanagari(r.name) ? 'devanagari' : 'latin';
          arrestFile.row(
            rowOf(arrestHeaders, {
              ...firRef,
              accused_number: a + 1,
              name: r.name,
              arrested_at: formatCctns(arrestedAt),
              arrest_place: recipe.spotArrest
                ? place
                : arrestScript === 'devanagari'
                  ? rng.pick(['मुखबिर की सूचना पर बस स्टैंड के पास से', 'घर से', 'रेलवे स्टेशन से', 'तिराहे से'])
                  : rng.pick([
                      'near the bus stand on a tip-off',
                      'from his house',
                      'at the railway station',
                      'at the crossing',
                    ]),
              arresting_officer: rng.chance(0.85) ? officer(rng, arrestScript) : '',
            }),
          );
        }
        personsFile.row([s.districtEn, s.nameEn, firNumber, year, a + 1, person.personId]);
        namesForFacts.push(canonicalName(person.name, script));
        if (person.isRepeat) {
          pool.used(person);
          if (person.remaining <= 0) retire(person);
        }
      });
      result.accusedRows += persons.length;

      // Complainant, stolen vehicle, recoveries.
      const complainantSex: Sex = womanComplainant.has(kind) ? 'F' : rng.chance(0.12) ? 'F' : 'M';
      const complainant = randomName(rng, complainantSex);
      const rto = rtoByDistrict[s.districtId] ?? '65';
      const recovery = recoveryFor(rng, kind, rto);
      const seizures: Seizure[] = [...recovery.seizures];
      let plate: Plate | undefined;
      let model: (typeof vehicleModels)[number] | undefined;
      if (kind === 'vehicle_theft') {
        model = rng.weighted(vehicleModels, [20, 14, 10, 14, 8, 10, 3, 3, 3, 4, 6]);
        plate = upPlate(rng.chance(0.85) ? rto : rng.pick(Object.values(rtoByDistrict)), vehicleIndex++, true);
        const ids = input.vehicles.add({
          plate,
          model,
          ownerName: canonicalName(complainant.name, 'latin').toUpperCase(),
          station: s,
          firNumber,
          firYear: year,
          reportedAt: reg,
          stolenAt: from ?? reg - 120,
          ...(status === 'Charge Sheet Filed' && arrestTimes.length > 0
            ? { recoveredAt: Math.min(endMinute, Math.min(...arrestTimes)) }
            : {}),
        });
        result.stolenVehicles++;
        if (status === 'Charge Sheet Filed' && arrestTimes.length > 0) {
          seizures.push({
            propertyType: 'Vehicle',
            description: { en: `recovered stolen ${model.en}`, hi: `बरामद चोरी की ${model.hi}` },
            quantity: '1',
            unit: 'number',
            valueInr: '',
            registrationNumber: plateText(plate),
            chassisNumber: ids.chassis,
            engineNumber: ids.engine,
          });
        }
      }
      const seizedAt = arrestTimes.length > 0 ? Math.min(...arrestTimes) : reg - rng.int(0, 60);
      seizures.forEach((z, k) => {
        seizureFile.row(
          rowOf(seizureHeaders, {
            ...firRef,
            seizure_number: k + 1,
            property_type: z.propertyType,
            description: lang === 'hi' ? z.description.hi : z.description.en,
            quantity: z.quantity,
            unit: z.unit,
            value_inr: z.valueInr,
            registration_number: z.registrationNumber,
            chassis_number: z.chassisNumber,
            engine_number: z.engineNumber,
            seized_at: formatCctns(Math.min(endMinute, seizedAt)),
          }),
        );
      });

      // Victims.
      if (!victimless.has(kind)) {
        const victims = ['hurt', 'riot', 'grievous_hurt', 'accident_hurt'].includes(kind) && rng.chance(0.3) ? 2 : 1;
        const women = recipe.crimeGroup === 'crimes_against_women';
        for (let v = 0; v < victims; v++) {
          const own =
            v === 0 &&
            (womanComplainant.has(kind) ||
              recipe.crimeGroup === 'property' ||
              recipe.crimeGroup === 'cyber' ||
              kind === 'hurt' ||
              kind === 'intimidation');
          const sex: Sex = women || (own && complainantSex === 'F') ? 'F' : rng.chance(0.15) ? 'F' : 'M';
          const who = own ? complainant.name : randomName(rng, sex).name;
          const age =
            kind === 'kidnapping' || kind === 'kidnapping_of_woman'
              ? recovery.qty
              : kind === 'pocso'
                ? rng.int(8, 17)
                : kind === 'cruelty' || kind === 'dowry_death'
                  ? rng.int(19, 35)
                  : rng.int(18, 70);
          victimFile.row(
            rowOf(victimHeaders, {
              ...firRef,
              victim_number: v + 1,
              name: withheld.has(kind)
                ? ''
                : kind === 'assault_on_police'
                  ? `${lang === 'hi' ? 'आरक्षी' : 'Ct.'} ${canonicalName(who, script)}`
                  : canonicalName(who, script),
              sex,
              age: rng.chance(0.05) ? '' : age,
              address: renderAddress(rng, where, s, script, false),
            }),
          );
        }
      }

      // Final report once the investigation is over.
      if (status !== 'Under Investigation') {
        const filedYear = dayToYmd(Math.floor(lastUpdated / minutesPerDay)).year;
        const type =
          status === 'Charge Sheet Filed'
            ? 'Charge Sheet'
            : status === 'Final Report Filed'
              ? 'Final Report'
              : 'Untraced';
        reportFile.row(
          rowOf(finalReportHeaders, {
            ...firRef,
            report_number: `${type === 'Charge Sheet' ? 'CS' : type === 'Final Report' ? 'FR' : 'UT'}-${++reportCounters[s.index]}/${filedYear}`,
            report_type:
              lang === 'hi' && type !== 'Untraced' && rng.chance(0.3)
                ? type === 'Charge Sheet'
                  ? 'आरोप पत्र'
                  : 'अंतिम रिपोर्ट'
                : type,
            filed_at: formatCctns(lastUpdated),
            court:
              type === 'Charge Sheet' || rng.chance(0.6) ? courtOf(rng, recipe.crimeGroup, kind, s.districtEn) : '',
            accused_charged: type === 'Charge Sheet' ? Math.max(1, persons.length - (rng.chance(0.15) ? 1 : 0)) : '',
          }),
        );
      }

      const occurredMinute = from ?? reg;
      const occurredDay = Math.floor(occurredMinute / minutesPerDay);
      const facts = briefFacts(rng, kind, {
        lang,
        complainant: canonicalName(complainant.name, script),
        complainantFather: rng.chance(0.8) ? canonicalName(complainant.father, script) : '',
        complainantHome: lang === 'hi' ? where.hi : where.en,
        place,
        date: formatCctns(occurredDay * minutesPerDay).slice(0, 10),
        time: hhmm(occurredMinute - occurredDay * minutesPerDay),
        accused: namesForFacts,
        qty: recovery.qty,
        ...(plate ? { plate: plateDisplay(rng, plate) } : {}),
        ...(model ? { vehicle: model } : {}),
      });

      firFile.row(
        rowOf(firHeaders, {
          ...firRef,
          occurred_from: from === undefined ? '' : formatCctns(from),
          occurred_to: to === undefined ? '' : formatCctns(to),
          acts_sections: actsSections,
          place,
          beat: beatText(rng, lang),
          latitude: lat,
          longitude: lon,
          status,
          brief_facts: facts,
          last_updated_at: formatCctns(Math.max(reg, lastUpdated)),
        }),
      );
      result.firRows++;
      result.firsPerDistrict[s.districtEn] = (result.firsPerDistrict[s.districtEn] ?? 0) + 1;
      result.firsPerStatus[status] = (result.firsPerStatus[status] ?? 0) + 1;

      if (area || d.graded) {
        if (isoWeek(Math.floor(reg / minutesPerDay)) !== d.week)
          throw new Error('internal: planted FIR outside its week');
        const areaId = area ? area.areaId : (graded?.areaId ?? '');
        hotspotFile.row([areaId, s.districtEn, s.nameEn, firNumber, year, d.week, cell, lat, lon]);
        result.plantedFirs++;
      }
      if (d.event) result.eventFirs++;
      for (const f of dataFiles) if (f.needsFlush) await f.flush();
      await input.vehicles.maybeFlush();
    }
    await repeatFile.maybeFlush();
    await hotspotFile.maybeFlush();
    input.onProgress?.(result.firRows, input.firs);
  }

  for (const person of [...activeRepeat]) retire(person);
  result.persons = factory.created;
  result.peakRepeatPool = pool.peakActive;

  for (const f of [...dataFiles, repeatFile, hotspotFile]) await f.close();
  result.files = [firFile, accusedFile, victimFile, arrestFile, seizureFile, reportFile].map((f) => ({
    path: f.path,
    rows: f.rows,
  }));
  return result;
}
