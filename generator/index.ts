/**
 * Synthetic data generator for the demo and the tests: a CCTNS extract of the Varanasi range
 * with planted truths (repeat offenders, homonyms, hotspots), WhatsApp tips, social media
 * exports, vehicle data and cyber volunteer group rosters. Deterministic for a seed, streamed
 * to disk (memory stays flat from a few hundred to ten million FIRs).
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { gridDisk } from 'h3-js';
import { join } from 'node:path';
import { crimeGroups, type CrimeGroup } from '../reference/crime-heads.ts';
import { distanceKm, districts } from '../reference/range.ts';
import { bnsFromDay, writeCctns } from './cctns.ts';
import { planEvents, writeEvents } from './events.ts';
import { buildStations, type StationInfo } from './geo.ts';
import { writeGroups } from './groups.ts';
import { gradedBlobs, gradedTargetBins, minimumWeeklyFirsForGraded, planHotspots } from './hotspots.ts';
import { recipes } from './offences.ts';
import { repeatPersonShare } from './persons.ts';
import { Rng } from './random.ts';
import { writeSocial } from './social.ts';
import { isoDay, isoWeek, parseIsoDay, weekday } from './time.ts';
import { writeTips } from './tips.ts';
import { finishVehicles, VehicleFiles } from './vehicles.ts';

export interface GenerateOptions {
  outDir: string;
  /** Scale: number of FIRs, from a few hundred to 10,000,000 (hotspots are planted from 200). */
  firs: number;
  seed: number;
  /** ISO date, default '2023-01-01'. */
  start?: string;
  /** ISO date (inclusive), default '2025-06-29'. */
  end?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  outDir: string;
  files: { path: string; rows: number }[];
  groundTruthPath: string;
}

export const minimumFirs = 1;

/** Districts whose headquarters are within 95 km of each other count as neighbours. */
function neighbourDistricts(): number[][] {
  return districts.map((d, i) =>
    districts
      .map((o, j) => ({ j, km: distanceKm(d.latitude, d.longitude, o.latitude, o.longitude) }))
      .filter(({ j, km }) => j !== i && km < 95)
      .map(({ j }) => j),
  );
}

export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  const { outDir, seed } = options;
  const firs = Math.floor(options.firs);
  if (!Number.isFinite(firs) || firs < minimumFirs)
    throw new Error(`firs must be at least ${minimumFirs}, got ${options.firs}`);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a number, got ${seed}`);
  const start = options.start ?? '2023-01-01';
  const end = options.end ?? '2025-06-29';
  const startDay = parseIsoDay(start);
  const endDay = parseIsoDay(end);
  if (endDay <= startDay) throw new Error(`end (${end}) must be after start (${start})`);
  await mkdir(outDir, { recursive: true });

  // Independent streams per part, taken in a fixed order.
  const root = new Rng(seed, 'crimelake-generator');
  const rngPlan = root.fork('hotspots');
  const rngCctns = root.fork('cctns');
  const rngVehicles = root.fork('vehicles');
  const rngTips = root.fork('tips');
  const rngSocial = root.fork('social');
  const rngGroups = root.fork('groups');
  // Parts added later draw from streams of their own, so the parts above keep their data.
  const rngEvents = root.fork('events');
  const rngPlant = root.fork('plant');
  const rngPoints = root.fork('points');
  const rngRecovery = root.fork('recovery');
  const rngIdentity = root.fork('identity');
  const rngPlaces = root.fork('places');

  const stations = buildStations();
  const districtNames = districts.map((d) => d.nameEn);
  const neighbours = neighbourDistricts();
  const totalPopulation = stations.reduce((s, x) => s + x.station.population, 0);
  const totalWeight = recipes.reduce((s, r) => s + r.weight, 0);
  const groupShare = new Map<CrimeGroup, number>(crimeGroups.map((g) => [g, 0]));
  for (const r of recipes) groupShare.set(r.crimeGroup, (groupShare.get(r.crimeGroup) ?? 0) + r.weight / totalWeight);

  const plan = planHotspots({
    rng: rngPlan,
    stations,
    stationShare: stations.map((s) => s.station.population / totalPopulation),
    groupShare,
    startDay,
    endDay,
    firs,
  });

  // The events calendar, incidents during its events, and the sensitivity scenario of the latest complete week.
  const lastSunday = endDay - ((weekday(endDay) + 1) % 7);
  const targetMonday = lastSunday - 6 >= startDay ? lastSunday - 6 : undefined;
  const events = planEvents({
    rng: rngEvents,
    stations,
    startDay,
    endDay,
    targetMonday,
    avoid: new Set([...plan.areas.map((a) => a.stationIndex), ...(plan.graded ? [plan.graded.stationIndex] : [])]),
  });
  const eventsFile = await writeEvents(outDir, stations, events);

  const vehicleFiles = await VehicleFiles.open(rngVehicles.fork('stolen'), outDir, rngRecovery, endDay);
  const cctns = await writeCctns({
    rng: rngCctns,
    outDir,
    firs,
    startDay,
    endDay,
    stations,
    districtNames,
    neighbours,
    plan,
    eventFirs: events.incidents.filter((e) => e.source === 'fir'),
    rngPlant,
    rngPoints,
    vehicles: vehicleFiles,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const vehicles = await finishVehicles({
    rng: rngVehicles,
    outDir,
    files: vehicleFiles,
    firs,
    startDay,
    endDay,
    stations,
    districtIds: districts.map((d) => d.districtId),
    neighbours,
  });
  const tips = await writeTips({
    rng: rngTips,
    rngIdentity,
    outDir,
    firs,
    startDay,
    endDay,
    stations,
    planted: events.incidents.filter((e) => e.source === 'tip'),
  });
  const scenario = events.scenario;
  const social = await writeSocial({
    rng: rngSocial,
    rngPlaces,
    outDir,
    firs,
    startDay,
    endDay,
    stations,
    rumoursAbout: scenario
      ? {
          station: stations[scenario.stationIndex] as StationInfo,
          count: scenario.rumours,
          fromDay: scenario.weekMonday - 7,
        }
      : undefined,
  });
  const groups = await writeGroups({ rng: rngGroups, outDir, endDay, stations, districtNames });

  function gradedTruth() {
    const g = plan.graded;
    if (!g?.outcome) {
      return {
        planted: false,
        note: `not planted: ${Math.round(plan.weeklyFirs)} FIRs a week; Gi* z-scores are too coarse for 90% and 95% bins below about ${minimumWeeklyFirsForGraded} FIRs a week`,
      };
    }
    const s = stations[g.stationIndex];
    const o = g.outcome;
    return {
      planted: true,
      achieved: o.achieved,
      note: 'crime group all, the latest complete week: each blob is a centre cell with the extra FIRs and its ring (whose cells share its bin unless background FIRs are near); bin is the centre cell bin in hotspot_cells (crime_group all) that week, computed by the generator as the transforms do (defaults: res 8, k 1, 12 weeks, at least 2 incidents); the reserve it did not need was registered as background FIRs that day',
      areaId: g.areaId,
      crimeGroup: g.crimeGroup,
      district: s?.districtEn ?? '',
      policeStation: s?.nameEn ?? '',
      week: g.week,
      blobs: gradedBlobs.map((b, i) => ({
        blob: b,
        centerCell: g.centers[i],
        cells: gridDisk(g.centers[i] as string, 1).sort(),
        extraFirs: o.extraFirs[i],
        targetBin: gradedTargetBins[b],
        bin: o.bins[i],
      })),
      reserveRegisteredAsBackground: o.backgroundFirs,
      weekHotCellsByBin: { 1: o.hotCells[0], 2: o.hotCells[1], 3: o.hotCells[2] },
    };
  }

  const groundTruth = {
    generator: { seed, firs, start, end, bnsFrom: isoDay(bnsFromDay), timezone: 'Asia/Kolkata' },
    counts: {
      firs: cctns.firRows,
      accusedRows: cctns.accusedRows,
      firsPerDistrict: cctns.firsPerDistrict,
      ipcFirs: cctns.ipcFirs,
      bnsFirs: cctns.bnsFirs,
      hindiFirs: cctns.hindiFirs,
      firsWithoutCoordinates: cctns.firsWithoutCoordinates,
      persons: cctns.persons,
      eventFirs: cctns.eventFirs,
    },
    persons: {
      accusedPersonsPath: 'ground-truth/accused-persons.csv',
      repeatOffendersPath: 'ground-truth/repeat-offenders.csv',
      note: 'person_id identifies a real person; repeat offenders are person_ids with 2 or more accused rows. Every other accused row is a distinct person.',
      targetRepeatPersonShare: repeatPersonShare,
      repeatOffenders: cctns.repeatOffenders,
      repeatOffenderRows: cctns.repeatOffenderRows,
      repeatPersonShare: cctns.persons > 0 ? round4(cctns.repeatOffenders / cctns.persons) : 0,
      maxAppearances: cctns.maxAppearances,
      homonymPairs: cctns.homonymPairs,
    },
    hotspots: {
      h3Resolution: 8,
      weeks: 'ISO weeks in Asia/Kolkata',
      recentWeeks: plan.recentWeeks,
      plantedFirs: cctns.plantedFirs,
      plantedFirsPath: 'ground-truth/hotspot-firs.csv',
      areas: plan.areas.map((a) => {
        const s = stations[a.stationIndex];
        return {
          areaId: a.areaId,
          kind: a.kind,
          crimeGroup: a.crimeGroup,
          district: s?.districtEn ?? '',
          policeStation: s?.nameEn ?? '',
          centerCell: a.centerCell,
          cells: a.cells,
          weeks: a.weeks.map((w) => ({ week: w.week, extraFirs: w.extraFirs })),
          totalExtraFirs: a.weeks.reduce((t, w) => t + w.extraFirs, 0),
          expectedBackgroundFirsPerWeek: a.expectedBackgroundPerWeek,
          expectedBackgroundSameGroupFirsPerWeek: a.expectedBackgroundSameGroupPerWeek,
          ...(a.targetZ ? { targetGiZ: a.targetZ } : {}),
        };
      }),
      graded: gradedTruth(),
    },
    events: {
      path: 'events/events.csv',
      rows: eventsFile.rows,
      note: 'festivals, processions and polls by district/thana scope, a year before the period to the weeks after it; the same event last year has the same name and place',
      firstDate: isoDay(Math.min(...events.events.map((e) => e.startDay))),
      lastDate: isoDay(Math.max(...events.events.map((e) => e.endDay))),
      plantedIncidents: events.incidents.map((e) => ({
        date: isoDay(e.day),
        district: stations[e.stationIndex]?.districtEn ?? '',
        policeStation: stations[e.stationIndex]?.nameEn ?? '',
        source: e.source,
        what: e.what,
        event:
          events.events.find((x) => x.stationIndex === e.stationIndex && e.day >= x.startDay && e.day <= x.endDay)
            ?.name ?? null,
      })),
      sensitivityScenario: scenario
        ? {
            note: 'hyper-sensitive in week: communal-risk tips in the week and the one before, a festival of the thana in the next two weeks, rumours naming the thana, and riot/communal incidents during the same festival last year when the period reaches back to it',
            week: isoWeek(scenario.weekMonday),
            district: stations[scenario.stationIndex]?.districtEn ?? '',
            policeStation: stations[scenario.stationIndex]?.nameEn ?? '',
            event: scenario.event.name,
            eventStart: isoDay(scenario.event.startDay),
            lastYearStart: scenario.lastYear ? isoDay(scenario.lastYear.startDay) : null,
            lastYearEnd: scenario.lastYear ? isoDay(scenario.lastYear.endDay) : null,
            communalTips: scenario.communalTips,
            incidentsLastYear: scenario.incidentsLastYear,
            rumours: social.rumoursAbout,
          }
        : null,
    },
    vehicles: { ...vehicles, files: undefined, plantedStolenReadsPath: 'ground-truth/anpr-stolen-reads.csv' },
    tips: {
      ...tips,
      files: undefined,
      identityNote:
        'informants are distinct senders: a number, a WhatsApp user id (IN.…) beside it, or the user id alone (no wa_id/from); tip_messages has identity.informants distinct sender pseudonyms',
    },
    social: { ...social, files: undefined },
    groups: { ...groups, file: undefined, thanaMinimum: 200, outpostMinimum: 100 },
  };
  const groundTruthPath = join(outDir, 'ground-truth.json');
  await writeFile(groundTruthPath, JSON.stringify(groundTruth, null, 2) + '\n', 'utf8');

  const files = [...cctns.files, ...vehicles.files, ...tips.files, ...social.files, groups.file, eventsFile].map(
    (f) => ({
      path: f.path,
      rows: f.rows,
    }),
  );
  return { outDir, files, groundTruthPath };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
