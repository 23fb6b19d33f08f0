/**
 * The CCTNS extract: firs.csv and accused.csv in the layout of schemas/cctns/layout.ts, written
 * day by day in registration order, with the planted truths (repeat offenders, homonyms,
 * hotspots) recorded under ground-truth/ as they are written.
 */
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import type { CrimeGroup } from '../reference/crime-heads.ts';
import { accusedHeaders, firHeaders, firStatuses } from '../schemas/cctns/layout.ts';
import { backgroundPoint, h3Resolution, pointInCell, round6, type StationInfo } from './geo.ts';
import type { HotspotPlan } from './hotspots.ts';
import { makeMohalla, makeVillage } from './names.ts';
import { citationsFor, recipes, recipesOfGroup, type Recipe } from './offences.ts';
import { StreamFile } from './output.ts';
import {
  canonicalName,
  meanAppearances,
  PersonFactory,
  randomName,
  renderPerson,
  RepeatPool,
  repeatSlotProbability,
  type Person,
  type Script,
} from './persons.ts';
import { rtoByDistrict, plateDisplay, upPlate, type Plate } from './plates.ts';
import { WeightedTable, type Rng } from './random.ts';
import { formatActsSections, type Lang } from './sections.ts';
import { briefFacts, placeText, vehicleModels } from './text.ts';
import { dayToYmd, formatCctns, isoWeek, minutesPerDay, parseIsoDay, weekday } from './time.ts';

export interface StolenVehicleEvent {
  plate: Plate;
  model: (typeof vehicleModels)[number];
  ownerName: string;
  station: StationInfo;
  firNumber: string;
  firYear: number;
  reportedAt: number;
  stolenAt: number;
}

export interface StolenVehicleSink {
  add(event: StolenVehicleEvent): void;
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

interface Draft {
  minute: number;
  station: StationInfo;
  recipe: Recipe;
  areaIndex: number;
  week: string;
}

type Status = (typeof firStatuses)[number];

function pickStatus(rng: Rng, recipe: Recipe, accused: number, ageDays: number): Status {
  const [ui, cs, fr, ut] = firStatuses;
  let w: [Status, number][];
  if (recipe.spotArrest) {
    w = ageDays < 15 ? [[ui, 70], [cs, 30]] : ageDays < 60 ? [[ui, 30], [cs, 68], [fr, 2]] : [[ui, 5], [cs, 92], [fr, 3]];
  } else if (accused === 0) {
    w =
      ageDays < 30
        ? [[ui, 95], [fr, 2], [ut, 3]]
        : ageDays < 120
          ? [[ui, 55], [fr, 15], [ut, 25], [cs, 5]]
          : [[ui, 10], [fr, 35], [ut, 45], [cs, 10]];
  } else {
    w =
      ageDays < 30
        ? [[ui, 88], [cs, 10], [fr, 2]]
        : ageDays < 90
          ? [[ui, 55], [cs, 35], [fr, 8], [ut, 2]]
          : ageDays < 365
            ? [[ui, 25], [cs, 58], [fr, 14], [ut, 3]]
            : [[ui, 8], [cs, 70], [fr, 18], [ut, 4]];
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

export async function writeCctns(input: CctnsInput): Promise<CctnsResult> {
  const { rng, outDir, stations, plan, startDay, endDay } = input;
  const endMinute = endDay * minutesPerDay + minutesPerDay - 1;
  const days = endDay - startDay + 1;
  const background = input.firs - plan.total;
  if (background < 0) throw new Error(`planted hotspot FIRs (${plan.total}) exceed the FIR count (${input.firs})`);

  const firFile = await StreamFile.open(join(outDir, 'cctns', 'firs.csv'));
  const accusedFile = await StreamFile.open(join(outDir, 'cctns', 'accused.csv'));
  const personsFile = await StreamFile.open(join(outDir, 'ground-truth', 'accused-persons.csv'));
  const repeatFile = await StreamFile.open(join(outDir, 'ground-truth', 'repeat-offenders.csv'));
  const hotspotFile = await StreamFile.open(join(outDir, 'ground-truth', 'hotspot-firs.csv'));
  firFile.write(firHeaders.join(',') + '\n');
  accusedFile.write(accusedHeaders.join(',') + '\n');
  personsFile.write('district,police_station,fir_number,fir_year,accused_number,person_id\n');
  repeatFile.write('person_id,name_en,name_hi,father_name_en,birth_year,home_district,home_police_station,home_place,alias,appearances\n');
  hotspotFile.write('area_id,district,police_station,fir_number,fir_year,week,h3_cell,latitude,longitude\n');

  const stationTable = new WeightedTable(stations, stations.map((s) => s.station.population));
  const recipeTable = new WeightedTable(recipes, recipes.map((r) => r.weight));
  const groupTables = new Map<CrimeGroup, WeightedTable<Recipe>>();
  for (const area of plan.areas) {
    if (!groupTables.has(area.crimeGroup)) {
      const list = recipesOfGroup(area.crimeGroup);
      groupTables.set(area.crimeGroup, new WeightedTable(list, list.map((r) => r.weight)));
    }
  }
  const stationsByDistrict: StationInfo[][] = input.districtNames.map(() => []);
  for (const s of stations) (stationsByDistrict[s.districtIndex] as StationInfo[]).push(s);
  const districtStationTables = stationsByDistrict.map((list) => new WeightedTable(list, list.map((s) => s.station.population)));

  // Day weights for spreading the background over the range.
  const weights = new Float64Array(days);
  let weightLeft = 0;
  for (let i = 0; i < days; i++) {
    weights[i] = dayWeight(startDay + i, startDay);
    weightLeft += weights[i] as number;
  }

  const factory = new PersonFactory(rng.fork('persons'));
  const pool = new RepeatPool(input.districtNames.length);
  const counters = new Int32Array(stations.length);
  let counterYear = -1;

  // Homonyms: every `homonymEvery`-th new single person is a namesake of a recent one.
  const expectedRows = input.firs * 1.3;
  const homonymTarget = Math.min(500, Math.max(4, Math.round(expectedRows * 0.002)));
  const homonymEvery = Math.max(20, Math.floor((expectedRows * (1 - repeatSlotProbability)) / (homonymTarget + 1)));
  const recentSingles: { person: Person; name: string }[][] = input.districtNames.map(() => []);
  const homonymPairs: HomonymPair[] = [];
  const homonymOf = new Map<Person, { person: Person; name: string }>();
  let singlesCreated = 0;

  const result: CctnsResult = {
    firRows: 0,
    accusedRows: 0,
    firsPerDistrict: Object.fromEntries(input.districtNames.map((d) => [d, 0])),
    ipcFirs: 0,
    bnsFirs: 0,
    firsWithoutCoordinates: 0,
    hindiFirs: 0,
    persons: 0,
    repeatOffenders: 0,
    repeatOffenderRows: 0,
    maxAppearances: 0,
    peakRepeatPool: 0,
    homonymPairs,
    plantedFirs: 0,
    files: [],
  };
  const appearancesByPerson = new Map<string, Person>();
  let vehicleIndex = 0;
  let remaining = background;

  const retire = (person: Person): void => {
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

  for (let i = 0; i < days; i++) {
    const day = startDay + i;
    const { year } = dayToYmd(day);
    if (year !== counterYear) {
      counters.fill(0);
      counterYear = year;
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
    drafts.sort((a, b) => a.minute - b.minute);
    const useBns = day >= bnsFromDay;
    const progress = (i + 1) / days;

    for (const d of drafts) {
      const s = d.station;
      const recipe = d.recipe;
      const firNumber = String(++counters[s.index]).padStart(4, '0');
      const lang: Lang = rng.chance(0.5) ? 'hi' : 'en';
      const script: Script = lang === 'hi' ? 'devanagari' : 'latin';
      const set = useBns && recipe.bnsCitations ? rng.pick(recipe.bnsCitations) : citationsFor(rng.pick(recipe.citations), useBns);
      const actsSections = formatActsSections(rng, set, rng.chance(0.8) ? lang : lang === 'hi' ? 'en' : 'hi');
      if (useBns) result.bnsFirs++;
      else result.ipcFirs++;
      if (lang === 'hi') result.hindiFirs++;

      // Occurrence window.
      const reg = d.minute;
      let from: number | undefined;
      let to: number | undefined;
      if (!rng.chance(0.03)) {
        if (recipe.spotArrest) from = reg - rng.int(20, 180);
        else if (recipe.facts === 'cruelty' || recipe.facts === 'stalking' || recipe.facts === 'gangster') from = reg - rng.int(20, 400) * minutesPerDay;
        else if (recipe.crimeGroup === 'property' || recipe.crimeGroup === 'cyber') from = reg - rng.int(60, 4 * minutesPerDay);
        else from = reg - rng.int(30, 18 * 60);
        if (rng.chance(0.6)) to = Math.min(reg, from + rng.int(0, recipe.facts === 'cruelty' ? 300 * minutesPerDay : 600));
      }

      // Place and point.
      const where = s.urban && rng.chance(0.7) ? makeMohalla(rng) : makeVillage(rng);
      const place = placeText(rng, where, { en: s.nameEn, hi: s.nameHi }, lang);
      let lat = '';
      let lon = '';
      let cell = '';
      if (d.areaIndex >= 0) {
        const area = plan.areas[d.areaIndex];
        if (area) {
          cell = rng.pick(area.cells);
          const [la, lo] = pointInCell(rng, cell);
          lat = la.toFixed(6);
          lon = lo.toFixed(6);
        }
      } else if (!rng.chance(0.05)) {
        const [la, lo] = backgroundPoint(rng, s);
        lat = round6(la).toFixed(6);
        lon = round6(lo).toFixed(6);
      } else {
        result.firsWithoutCoordinates++;
      }

      // Accused persons.
      const accusedCount = rng.weighted([0, 1, 2, 3, 4], recipe.accused);
      const persons: Person[] = [];
      const used = new Set<string>();
      for (let a = 0; a < accusedCount; a++) {
        let person: Person | undefined;
        if (rng.chance(repeatSlotProbability)) {
          const neighbours = input.neighbours[s.districtIndex] ?? [];
          const poolDistrict = neighbours.length > 0 && rng.chance(0.15) ? rng.pick(neighbours) : s.districtIndex;
          const existing = pool.pick(rng, poolDistrict, used);
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
            pool.add(person);
            appearancesByPerson.set(person.personId, person);
          }
        }
        if (!person) {
          singlesCreated++;
          const recent = recentSingles[s.districtIndex] as { person: Person; name: string }[];
          if (singlesCreated % homonymEvery === 0 && recent.length > 0 && homonymPairs.length < homonymTarget) {
            const orig = rng.pick(recent);
            const homeStation = (districtStationTables[s.districtIndex] as WeightedTable<StationInfo>).pick(rng);
            person = factory.createHomonym(orig.person, year, homeStation.index, homeStation.urban);
            homonymOf.set(person, orig);
          } else {
            const homeStation = rng.chance(0.75) ? s : (districtStationTables[s.districtIndex] as WeightedTable<StationInfo>).pick(rng);
            person = factory.create({
              districtIndex: s.districtIndex,
              stationIndex: homeStation.index,
              registrationYear: year,
              urban: homeStation.urban,
            });
          }
        }
        used.add(person.personId);
        persons.push(person);
      }

      const accusedLines: string[][] = [];
      const namesForFacts: string[] = [];
      persons.forEach((person, a) => {
        const home = stations[person.stationIndex] as StationInfo;
        const r = renderPerson(rng, person, home, year);
        const orig = homonymOf.get(person);
        if (orig) {
          const origScript: Script = isDevanagari(orig.name) ? 'devanagari' : 'latin';
          r.name = orig.name;
          r.fatherName = canonicalName(person.father, origScript);
          r.alias = '';
          homonymOf.delete(person);
          {
            homonymPairs.push({
              name: orig.name,
              district: s.districtEn,
              personIds: [orig.person.personId, person.personId],
              fatherNames: [canonicalName(orig.person.father, 'latin'), canonicalName(person.father, 'latin')],
              birthYears: [orig.person.birthYear, person.birthYear],
            });
          }
        } else if (!person.isRepeat) {
          const recent = recentSingles[s.districtIndex] as { person: Person; name: string }[];
          if (recent.length >= 32) recent.splice(rng.int(0, recent.length - 1), 1);
          recent.push({ person, name: r.name });
        }
        let arrested = 'N';
        let arrestedAt = '';
        if (recipe.spotArrest) {
          arrested = 'Y';
          arrestedAt = formatCctns(reg - rng.int(0, 90));
        } else {
          const ageMinutes = endMinute - reg;
          const ageFactor = Math.min(1, ageMinutes / (45 * minutesPerDay));
          if (rng.chance(recipe.arrestRate * ageFactor)) {
            arrested = 'Y';
            const lag = rng.int(60, Math.max(61, Math.min(ageMinutes, 120 * minutesPerDay)));
            arrestedAt = formatCctns(Math.min(endMinute, reg + lag));
          }
        }
        accusedLines.push([
          s.districtEn,
          s.nameEn,
          firNumber,
          String(year),
          String(a + 1),
          r.name,
          r.alias,
          r.fatherName,
          r.sex,
          r.age,
          r.address,
          arrested,
          arrestedAt,
        ]);
        personsFile.row([s.districtEn, s.nameEn, firNumber, year, a + 1, person.personId]);
        namesForFacts.push(canonicalName(person.name, script));
        if (person.isRepeat) {
          pool.used(person);
          if (person.remaining <= 0) {
            retire(person);
            appearancesByPerson.delete(person.personId);
          }
        }
      });
      result.accusedRows += persons.length;

      // Vehicle theft: a stolen vehicle with a registration that the vehicle files carry too.
      let plate: Plate | undefined;
      let model: (typeof vehicleModels)[number] | undefined;
      const complainant = randomName(rng);
      if (recipe.facts === 'vehicle_theft') {
        model = rng.weighted(vehicleModels, [20, 14, 10, 14, 8, 10, 3, 3, 3, 4, 6]);
        const rto = rng.chance(0.85) ? (rtoByDistrict[s.districtId] ?? '65') : rng.pick(Object.values(rtoByDistrict));
        plate = upPlate(rto, vehicleIndex++, true);
        input.vehicles.add({
          plate,
          model,
          ownerName: canonicalName(complainant.name, 'latin'),
          station: s,
          firNumber,
          firYear: year,
          reportedAt: reg,
          stolenAt: from ?? reg - 120,
        });
      }

      const occurredDay = Math.floor((from ?? reg) / minutesPerDay);
      const occurredMinute = (from ?? reg) - occurredDay * minutesPerDay;
      const facts = briefFacts(rng, recipe.facts, {
        lang,
        complainant: canonicalName(complainant.name, script),
        complainantFather: rng.chance(0.8) ? canonicalName(complainant.father, script) : '',
        complainantHome: lang === 'hi' ? where.hi : where.en,
        place,
        date: formatCctns(occurredDay * minutesPerDay).slice(0, 10),
        time: `${String(Math.floor(occurredMinute / 60)).padStart(2, '0')}:${String(occurredMinute % 60).padStart(2, '0')}`,
        accused: namesForFacts,
        ...(plate ? { plate: plateDisplay(rng, plate) } : {}),
        ...(model ? { vehicle: model } : {}),
      });

      const ageDays = (endMinute - reg) / minutesPerDay;
      const status = pickStatus(rng, recipe, accusedCount, ageDays);
      const ageMinutes = endMinute - reg;
      const lastUpdated =
        status === 'Under Investigation'
          ? reg + rng.int(0, Math.max(0, Math.min(ageMinutes, 60 * minutesPerDay)))
          : reg + Math.min(ageMinutes, rng.int(5, 150) * minutesPerDay + rng.int(0, minutesPerDay - 1));

      firFile.row([
        s.districtEn,
        s.nameEn,
        firNumber,
        year,
        formatCctns(reg),
        from === undefined ? '' : formatCctns(from),
        to === undefined ? '' : formatCctns(to),
        actsSections,
        place,
        beatText(rng, lang),
        lat,
        lon,
        status,
        facts,
        formatCctns(Math.min(endMinute, Math.max(reg, lastUpdated))),
      ]);
      for (const line of accusedLines) accusedFile.row(line);
      result.firRows++;
      result.firsPerDistrict[s.districtEn] = (result.firsPerDistrict[s.districtEn] ?? 0) + 1;

      if (d.areaIndex >= 0) {
        const area = plan.areas[d.areaIndex];
        if (area && cell !== '' && latLngToCell(Number(lat), Number(lon), h3Resolution) !== cell) {
          throw new Error(`planted point ${lat},${lon} fell outside cell ${cell}`);
        }
        hotspotFile.row([area?.areaId ?? '', s.districtEn, s.nameEn, firNumber, year, d.week, cell, lat, lon]);
        result.plantedFirs++;
        if (isoWeek(Math.floor(reg / minutesPerDay)) !== d.week) throw new Error('planted FIR outside its week');
      }
      if (firFile.needsFlush) await firFile.flush();
      if (accusedFile.needsFlush) await accusedFile.flush();
      if (personsFile.needsFlush) await personsFile.flush();
      await input.vehicles.maybeFlush();
    }
    await repeatFile.maybeFlush();
    await hotspotFile.maybeFlush();
    input.onProgress?.(result.firRows, input.firs);
  }

  for (const person of appearancesByPerson.values()) retire(person);
  result.persons = factory.created;
  result.peakRepeatPool = pool.peakActive;

  for (const f of [firFile, accusedFile, personsFile, repeatFile, hotspotFile]) await f.close();
  result.files = [
    { path: firFile.path, rows: firFile.rows },
    { path: accusedFile.path, rows: accusedFile.rows },
  ];
  return result;
}
