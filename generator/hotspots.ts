/**
 * Planted spatial truths on the H3 grid (res 8): hotspot areas (a cell and its ring-1
 * neighbours, inside a rural thana's area) with extra FIRs of one crime group in listed ISO
 * weeks, three emerging patterns over the last 12 weeks (new, intensifying, diminishing), and a
 * graded area in the latest complete week whose cells are hot at 99%, 95% and 90%.
 * Areas sit away from thana centres, where the background is sparse, so they stand out.
 *
 * The emerging and graded plants are sized while the FIRs are written, from the Gi* of the
 * generated weeks themselves (week-cells.ts), so they read the same at 10³ and 10⁷ FIRs: the
 * emerging areas aim at a Gi* z-score per week (every week clearly hot: the diminishing area
 * falls from z ≈ 14 to z ≈ 6.5, never to "not significant"), the graded area is solved exactly.
 */
import { cellArea, cellToLatLng, gridDisk, gridDistance, gridRingUnsafe, latLngToCell, UNITS } from 'h3-js';
import type { CrimeGroup } from '../reference/crime-heads.ts';
import { backgroundDensity, h3Resolution, offsetPoint, type StationInfo } from './geo.ts';
import type { Rng } from './random.ts';
import { isoWeek, mondayOf } from './time.ts';
import { hotspotMinCount, hotspotWeeks, type WeekCells, type WeekGi, type WeekStats } from './week-cells.ts';

export type AreaKind = 'hotspot' | 'new' | 'intensifying' | 'diminishing';

export interface PlantedWeek {
  week: string;
  mondayDay: number;
  extraFirs: number;
}

export interface PlantedArea {
  areaId: string;
  kind: AreaKind;
  crimeGroup: CrimeGroup;
  stationIndex: number;
  centerCell: string;
  cells: string[];
  weeks: PlantedWeek[];
  /** Expected background FIRs per week in the area (all crime groups / this group). */
  expectedBackgroundPerWeek: number;
  expectedBackgroundSameGroupPerWeek: number;
  /** Emerging areas: the Gi* z-score of the centre each recent week is planted for (weeks in order). */
  targetZ?: number[];
}

/** Blobs of the graded area: a core and two satellites three cells away, each a cell and its ring. */
export type GradedBlob = 'core' | 'satellite95' | 'satellite90';
export const gradedBlobs: readonly GradedBlob[] = ['core', 'satellite95', 'satellite90'];
/** The hot bin each blob's cells are planted to reach in crime group 'all' (3: 99%, 2: 95%, 1: 90%). */
export const gradedTargetBins: Record<GradedBlob, number> = { core: 3, satellite95: 2, satellite90: 1 };

export interface GradedArea {
  areaId: string;
  crimeGroup: CrimeGroup;
  stationIndex: number;
  mondayDay: number;
  week: string;
  /** Centre cell of each blob (core, satellite95, satellite90). */
  centers: [string, string, string];
  /** FIRs held back from the background for it. */
  reserve: number;
  /** Filled in when the week has been generated. */
  outcome?: GradedOutcome;
}

export interface GradedOutcome {
  /** FIRs planted in each blob's centre cell. */
  extraFirs: [number, number, number];
  /** Reserved FIRs not needed: registered the same day as background FIRs of the range. */
  backgroundFirs: number;
  /** The bin of each blob's centre cell in 'all' that week (as hotspot_cells will compute it). */
  bins: [number, number, number];
  /** Cells of the week in hot bins 1, 2 and 3 (all crime groups). */
  hotCells: [number, number, number];
  achieved: boolean;
}

export interface PlantedFir {
  day: number;
  areaIndex: number;
  week: string;
}

export interface HotspotPlan {
  areas: PlantedArea[];
  /** Planted FIRs grouped by day; the recent weeks are added as they begin (plantWeek). */
  byDay: Map<number, PlantedFir[]>;
  /** FIRs held back from the background: fixed plants, the recent weeks' estimates, the graded reserve. */
  total: number;
  recentWeeks: string[];
  recentMondays: number[];
  /** First Monday whose located FIRs the generator tracks (undefined: nothing planted). */
  trackFrom: number | undefined;
  graded: GradedArea | undefined;
  /** Expected FIRs per week (all of the range). */
  weeklyFirs: number;
  /** Crime groups of the emerging areas (their weeks are tuned on them). */
  trackedGroups: CrimeGroup[];
}

export interface PlanInput {
  rng: Rng;
  stations: readonly StationInfo[];
  /** Share of background FIRs registered at each station. */
  stationShare: readonly number[];
  /** Share of background FIRs in each crime group. */
  groupShare: ReadonlyMap<CrimeGroup, number>;
  startDay: number;
  endDay: number;
  firs: number;
}

const hotspotGroups: CrimeGroup[] = ['property', 'violent', 'property', 'excise', 'violent', 'crimes_against_women'];
const emergingGroups: Record<Exclude<AreaKind, 'hotspot'>, CrimeGroup> = {
  new: 'property',
  intensifying: 'violent',
  diminishing: 'property',
};

/** Below this many FIRs (or 20 full weeks) no hotspots are planted. */
export const minimumFirsForHotspots = 200;

/** Largest share of all FIRs that planted FIRs may take (small runs are scaled down to it). */
const maxPlantedShare = 0.35;

/** Crime group of the graded area (illicit liquor raids; no emerging area uses it). */
const gradedGroup: CrimeGroup = 'excise';
/** Below this many FIRs a week, Gi* z-scores are too coarse for 90% and 95% bins beside 99% ones. */
export const minimumWeeklyFirsForGraded = 1200;
/** Share of the week's FIRs held back for the graded area. */
const gradedShare = 0.06;
const minimumGradedReserve = 60;

/** Most blob counts the graded search tries (each a Gi* of the whole week). */
const maxGradedEvaluations = 40_000;

/** Gi* z-scores the emerging areas are planted for: first and last recent week. */
const emergingZ: Record<Exclude<AreaKind, 'hotspot'>, [number, number]> = {
  new: [9, 9],
  intensifying: [6, 14],
  diminishing: [14, 6.5],
};

export function planHotspots(input: PlanInput): HotspotPlan {
  const { rng, stations, startDay, endDay } = input;
  const firstMonday = mondayOf(startDay) === startDay ? startDay : mondayOf(startDay) + 7;
  const mondays: number[] = [];
  for (let m = firstMonday; m + 6 <= endDay; m += 7) mondays.push(m);
  const recent = mondays.slice(-12);
  // Too little data or time for planted patterns to mean anything: plant none.
  const weeklyFirs = (input.firs * 7) / Math.max(7, endDay - startDay + 1);
  if (mondays.length < 20 || input.firs < minimumFirsForHotspots) {
    return {
      areas: [],
      byDay: new Map(),
      total: 0,
      recentWeeks: recent.map((m) => isoWeek(m)),
      recentMondays: recent,
      trackFrom: undefined,
      graded: undefined,
      weeklyFirs,
      trackedGroups: [],
    };
  }
  const earlier = mondays.slice(0, -12);
  const weeks = mondays.length;

  // Rural thanas, spread over districts.
  const candidates = stations.filter((s) => s.nearestKm >= 6);
  rng.shuffle(candidates);
  const kinds: AreaKind[] = [
    'hotspot',
    'hotspot',
    'hotspot',
    'hotspot',
    'hotspot',
    'hotspot',
    'new',
    'intensifying',
    'diminishing',
  ];
  const taken = new Set<string>();
  const usedStations = new Set<number>();
  const areas: PlantedArea[] = [];
  let hotspotNo = 0;
  for (const kind of kinds) {
    const crimeGroup =
      kind === 'hotspot' ? (hotspotGroups[hotspotNo++ % hotspotGroups.length] as CrimeGroup) : emergingGroups[kind];
    // Prefer a district not used yet, then any unused thana.
    const usedDistricts = new Set(areas.map((a) => (stations[a.stationIndex] as StationInfo).districtIndex));
    const ordered = [
      ...candidates.filter((s) => !usedStations.has(s.index) && !usedDistricts.has(s.districtIndex)),
      ...candidates.filter((s) => !usedStations.has(s.index)),
    ];
    let placed: PlantedArea | undefined;
    for (const s of ordered) {
      for (let attempt = 0; attempt < 8 && !placed; attempt++) {
        const distance = Math.min(Math.max(2 * s.sigmaKm, 2.5), 0.45 * s.nearestKm);
        const angle = 2 * Math.PI * rng.float();
        const [lat, lon] = offsetPoint(
          s.station.latitude,
          s.station.longitude,
          distance * Math.cos(angle),
          distance * Math.sin(angle),
        );
        const center = latLngToCell(lat, lon, h3Resolution);
        const halo = gridDisk(center, 4);
        if (halo.some((c) => taken.has(c))) continue;
        for (const c of halo) taken.add(c);
        const cells = gridDisk(center, 1).sort();
        let share = 0;
        for (const c of cells) {
          const [clat, clon] = cellToLatLng(c);
          share += backgroundDensity(s, clat, clon) * cellArea(c, UNITS.km2);
        }
        const bgAll = (input.firs * (input.stationShare[s.index] as number) * share) / weeks;
        placed = {
          areaId: `${kind === 'hotspot' ? 'H' : kind.slice(0, 3).toUpperCase()}${areas.length + 1}`,
          kind,
          crimeGroup,
          stationIndex: s.index,
          centerCell: center,
          cells,
          weeks: [],
          expectedBackgroundPerWeek: round3(bgAll),
          expectedBackgroundSameGroupPerWeek: round3(bgAll * (input.groupShare.get(crimeGroup) ?? 0)),
        };
      }
      if (placed) break;
    }
    if (!placed) throw new Error(`could not place a ${kind} hotspot area`);
    usedStations.add(placed.stationIndex);
    areas.push(placed);
  }

  // Weeks and extra counts.
  for (const area of areas) {
    const bg = area.expectedBackgroundPerWeek;
    const week = (monday: number, extraFirs: number): PlantedWeek => ({
      week: isoWeek(monday),
      mondayDay: monday,
      extraFirs,
    });
    if (area.kind === 'hotspot') {
      const base = Math.max(3, Math.ceil(5 * bg));
      const runs = rng.chance(0.5) ? 1 : 2;
      const chosen = new Set<number>();
      for (let r = 0; r < runs; r++) {
        const length = rng.int(2, 3);
        const startIdx = rng.int(0, Math.max(0, earlier.length - length));
        for (let i = 0; i < length; i++) {
          const m = earlier[startIdx + i];
          if (m !== undefined) chosen.add(m);
        }
      }
      for (const m of [...chosen].sort((a, b) => a - b)) {
        area.weeks.push(week(m, base + rng.int(0, Math.max(1, Math.round(base * 0.3)))));
      }
    } else {
      // Estimates (what the background gives up for them); the counts are set as each week begins.
      const [z0, z1] = emergingZ[area.kind];
      const weeks = area.kind === 'new' ? recent.slice(-1) : recent;
      area.targetZ = weeks.map((_, i) => round3(weeks.length === 1 ? z1 : z0 + ((z1 - z0) * i) / (weeks.length - 1)));
      const lo = Math.max(hotspotMinCount, Math.ceil(2.5 * bg));
      const hi = Math.max(7, Math.ceil(8 * bg));
      weeks.forEach((m, i) => {
        const share = (area.targetZ?.[i] ?? z1) / 14;
        area.weeks.push(week(m, Math.round(lo + (hi - lo) * share)));
      });
    }
  }

  // Small runs: scale down so planted FIRs stay a minority (order of counts is kept).
  let total = areas.reduce((s, a) => s + a.weeks.reduce((t, w) => t + w.extraFirs, 0), 0);
  const cap = Math.floor(input.firs * maxPlantedShare);
  if (total > cap) {
    const f = cap / total;
    for (const a of areas) for (const w of a.weeks) w.extraFirs = Math.max(1, Math.floor(w.extraFirs * f));
    total = areas.reduce((s, a) => s + a.weeks.reduce((t, w) => t + w.extraFirs, 0), 0);
  }

  // Fixed plants by day; the recent weeks of the emerging areas are planted as they begin.
  const byDay = new Map<number, PlantedFir[]>();
  areas.forEach((area, areaIndex) => {
    if (area.kind !== 'hotspot') return;
    for (const w of area.weeks) {
      for (let i = 0; i < w.extraFirs; i++) {
        const day = Math.min(endDay, Math.max(startDay, w.mondayDay + rng.int(0, 6)));
        const list = byDay.get(day) ?? [];
        list.push({ day, areaIndex, week: w.week });
        byDay.set(day, list);
      }
    }
  });

  // The graded area, in the latest complete week, when weeks are dense enough for 90% and 95% bins.
  const lastMonday = recent[recent.length - 1] as number;
  let graded: GradedArea | undefined;
  if (weeklyFirs >= minimumWeeklyFirsForGraded) {
    const reserve = Math.min(400, Math.max(minimumGradedReserve, Math.round(gradedShare * weeklyFirs)));
    graded = placeGraded(rng.fork('graded'), candidates, usedStations, taken, lastMonday, reserve);
    if (graded) {
      graded.areaId = `G${areas.length + 1}`;
      total += reserve;
    }
  }
  return {
    areas,
    byDay,
    total,
    recentWeeks: recent.map((m) => isoWeek(m)),
    recentMondays: recent,
    // Emerging weeks are tuned on the Gi* of the week before, over its 12-week window.
    trackFrom: (recent[0] as number) - 7 * hotspotWeeks,
    graded,
    weeklyFirs,
    trackedGroups: [...new Set(areas.filter((a) => a.kind !== 'hotspot').map((a) => a.crimeGroup))],
  };
}

/** A rural spot for the graded area: its three blobs and a margin clear of every other area. */
function placeGraded(
  rng: Rng,
  candidates: readonly StationInfo[],
  usedStations: ReadonlySet<number>,
  taken: Set<string>,
  monday: number,
  reserve: number,
): GradedArea | undefined {
  const free = candidates.filter((s) => !usedStations.has(s.index));
  for (const s of [...free, ...candidates]) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const distance = Math.min(Math.max(2.5 * s.sigmaKm, 3), 0.45 * s.nearestKm);
      const angle = 2 * Math.PI * rng.float();
      const [lat, lon] = offsetPoint(
        s.station.latitude,
        s.station.longitude,
        distance * Math.cos(angle),
        distance * Math.sin(angle),
      );
      const core = latLngToCell(lat, lon, h3Resolution);
      const halo = gridDisk(core, 6);
      if (halo.some((c) => taken.has(c))) continue;
      // Satellites three steps away on opposite sides: their discs touch neither the core's nor each other's.
      const ring = gridRingUnsafe(core, 3);
      const first = ring[rng.int(0, ring.length - 1)] as string;
      const second = ring.reduce((best, c) => (gridDistance(first, c) > gridDistance(first, best) ? c : best), first);
      for (const c of halo) taken.add(c);
      return {
        areaId: '',
        crimeGroup: gradedGroup,
        stationIndex: s.index,
        mondayDay: monday,
        week: isoWeek(monday),
        centers: [core, first, second],
        reserve,
      };
    }
  }
  return undefined;
}

/**
 * FIRs of the emerging areas for the week beginning `monday`, from the Gi* of the week before
 * (`stats` per crime group): each area's count is what brings its centre to the week's target
 * z-score, with the other plants of its group that week taken into account. Counts only rise
 * (intensifying) or fall (diminishing). Adds the FIRs to `plan.byDay` and returns how many more
 * FIRs than estimated they are (the background gives them up).
 */
export function plantWeek(
  plan: HotspotPlan,
  monday: number,
  rng: Rng,
  stats: ReadonlyMap<string, WeekStats>,
  endDay: number,
): number {
  const due = plan.areas
    .map((area, areaIndex) => ({ area, areaIndex, w: area.weeks.findIndex((x) => x.mondayDay === monday) }))
    .filter((x) => x.area.kind !== 'hotspot' && x.w >= 0);
  let delta = 0;
  for (const group of new Set(due.map((x) => x.area.crimeGroup))) {
    const mine = due.filter((x) => x.area.crimeGroup === group);
    const st = stats.get(group);
    if (!st || st.n < 2) continue;
    // The week before's background: its own plants of these areas taken out.
    let sum = st.sum;
    let sumSq = st.sumSq;
    for (const { area, w } of mine) {
      const before = area.weeks[w - 1]?.extraFirs ?? 0;
      sum -= before;
      sumSq -= before + (before * (before - 1)) / 7;
    }
    sum = Math.max(0, sum);
    sumSq = Math.max(sum, sumSq);
    const n = st.n;
    const spread = Math.sqrt((7 * n - 49) / (n - 1));
    const counts = mine.map(() => hotspotMinCount);
    for (let iter = 0; iter < 8; iter++) {
      const t = sum + counts.reduce((a, b) => a + b, 0);
      const q = sumSq + counts.reduce((a, c) => a + c + (c * (c - 1)) / 7, 0);
      const mean = t / n;
      const sd = Math.sqrt(Math.max(1e-12, q / n - mean * mean));
      mine.forEach(({ area, w }, i) => {
        const target = area.targetZ?.[w] ?? 9;
        const need = target * sd * spread + 7 * mean - area.expectedBackgroundSameGroupPerWeek;
        counts[i] = Math.max(hotspotMinCount, Math.ceil(need));
      });
    }
    mine.forEach(({ area, areaIndex, w }, i) => {
      // However sparse the weeks, the counts themselves rise or fall by at least 3 over the window.
      const last = area.weeks.length - 1;
      const ramp = last === 0 ? 0 : Math.round((3 * (area.kind === 'intensifying' ? w : last - w)) / last);
      const floor = hotspotMinCount + ramp;
      let c = Math.max(floor, Math.min(counts[i] as number, Math.round(plan.weeklyFirs * 0.2)));
      const before = area.weeks[w - 1]?.extraFirs;
      if (before !== undefined && area.kind === 'intensifying') c = Math.max(c, before);
      if (before !== undefined && area.kind === 'diminishing') c = Math.min(c, before);
      const week = area.weeks[w] as PlantedWeek;
      delta += c - week.extraFirs;
      week.extraFirs = c;
      for (let k = 0; k < c; k++) {
        const day = Math.min(endDay, monday + rng.int(0, 6));
        const list = plan.byDay.get(day) ?? [];
        list.push({ day, areaIndex, week: week.week });
        plan.byDay.set(day, list);
      }
    });
  }
  return delta;
}

/**
 * Counts for the graded area's three blobs so that, with every other FIR of its week in place,
 * the core reaches bin 3 and the satellites bins 2 and 1 in crime group 'all'. What the graded
 * area does not use of its reserve is registered as ordinary background FIRs: `pool` holds the
 * cells of those FIRs (null: no coordinates), and a plant of `total` FIRs comes with the first
 * `reserve − total` of them. The smallest plants are tried first. When nothing fits, no graded
 * FIRs are planted (the whole reserve is background).
 */
export function solveGraded(
  cells: WeekCells,
  base: WeekGi,
  pool: readonly (number | null)[],
  graded: GradedArea,
): GradedOutcome {
  const ids = graded.centers.map((c) => cells.index.id(c)) as [number, number, number];
  const targets = gradedBlobs.map((b) => gradedTargetBins[b]);
  const min = hotspotMinCount;
  const withPool = (background: number, blobs: readonly number[]) => {
    const plant = new Map<number, number>();
    for (const c of pool.slice(0, background)) if (c !== null) plant.set(c, (plant.get(c) ?? 0) + 1);
    blobs.forEach((v, i) => plant.set(ids[i] as number, (plant.get(ids[i] as number) ?? 0) + v));
    return plant;
  };
  const evaluate = (plant: Map<number, number>) => {
    const bins = cells.binsWith(base, plant);
    const own = ids.map((id) => bins.binOf(cells.localSumWith(base, plant, id), cells.index.disc(id).length));
    return { own: own as [number, number, number], hotCells: bins.hotCells };
  };
  let budget = maxGradedEvaluations;
  for (let total = 3 * min; total <= graded.reserve && budget > 0; total++) {
    for (let c = min; 3 * c <= total && budget > 0; c++) {
      for (let b = c; b <= (total - c) / 2 && budget-- > 0; b++) {
        const blobs = [total - b - c, b, c] as [number, number, number];
        const r = evaluate(withPool(graded.reserve - total, blobs));
        if (r.own.every((bin, i) => bin === targets[i])) {
          return { extraFirs: blobs, backgroundFirs: graded.reserve - total, ...r, bins: r.own, achieved: true };
        }
      }
    }
  }
  const r = evaluate(withPool(graded.reserve, [0, 0, 0]));
  return { extraFirs: [0, 0, 0], backgroundFirs: graded.reserve, bins: r.own, hotCells: r.hotCells, achieved: false };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
