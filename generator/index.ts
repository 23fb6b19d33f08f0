/**
 * Synthetic data generator for the demo and the tests: a CCTNS extract of the Varanasi range
 * with planted truths (repeat offenders, homonyms, hotspots), WhatsApp tips, social media
 * exports, vehicle data and cyber volunteer group rosters. Deterministic for a seed, streamed
 * to disk (memory stays flat from a few hundred to ten million FIRs).
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { crimeGroups, type CrimeGroup } from '../reference/crime-heads.ts';
import { distanceKm, districts } from '../reference/range.ts';
import { bnsFromDay, writeCctns } from './cctns.ts';
import { buildStations } from './geo.ts';
import { writeGroups } from './groups.ts';
import { planHotspots } from './hotspots.ts';
import { recipes } from './offences.ts';
import { repeatPersonShare } from './persons.ts';
import { Rng } from './random.ts';
import { writeSocial } from './social.ts';
import { isoDay, parseIsoDay } from './time.ts';
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

  const vehicleFiles = await VehicleFiles.open(rngVehicles.fork('stolen'), outDir);
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
  const tips = await writeTips({ rng: rngTips, outDir, firs, startDay, endDay, stations });
  const social = await writeSocial({ rng: rngSocial, outDir, firs, startDay, endDay });
  const groups = await writeGroups({ rng: rngGroups, outDir, endDay, stations, districtNames });

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
        };
      }),
    },
    vehicles: { ...vehicles, files: undefined, plantedStolenReadsPath: 'ground-truth/anpr-stolen-reads.csv' },
    tips: { ...tips, files: undefined },
    social: { ...social, files: undefined },
    groups: { ...groups, file: undefined, thanaMinimum: 200, outpostMinimum: 100 },
  };
  const groundTruthPath = join(outDir, 'ground-truth.json');
  await writeFile(groundTruthPath, JSON.stringify(groundTruth, null, 2) + '\n', 'utf8');

  const files = [...cctns.files, ...vehicles.files, ...tips.files, ...social.files, groups.file].map((f) => ({
    path: f.path,
    rows: f.rows,
  }));
  return { outDir, files, groundTruthPath };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
