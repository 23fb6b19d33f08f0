/**
 * Planted spatial truths on the H3 grid (res 8): hotspot areas (a cell and its ring-1
 * neighbours, inside a rural thana's area) with extra FIRs of one crime group in listed ISO
 * weeks, and three emerging patterns over the last 12 weeks (new, intensifying, diminishing).
 * Areas sit away from thana centres, where the background is sparse, so they stand out.
 */
import { cellArea, cellToLatLng, gridDisk, latLngToCell, UNITS } from 'h3-js';
import type { CrimeGroup } from '../reference/crime-heads.ts';
import { backgroundDensity, h3Resolution, offsetPoint, type StationInfo } from './geo.ts';
import type { Rng } from './random.ts';
import { isoWeek, mondayOf } from './time.ts';

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
}

export interface PlantedFir {
  day: number;
  areaIndex: number;
  week: string;
}

export interface HotspotPlan {
  areas: PlantedArea[];
  /** Planted FIRs grouped by day (ascending days). */
  byDay: Map<number, PlantedFir[]>;
  total: number;
  recentWeeks: string[];
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

export function planHotspots(input: PlanInput): HotspotPlan {
  const { rng, stations, startDay, endDay } = input;
  const firstMonday = mondayOf(startDay) === startDay ? startDay : mondayOf(startDay) + 7;
  const mondays: number[] = [];
  for (let m = firstMonday; m + 6 <= endDay; m += 7) mondays.push(m);
  const recent = mondays.slice(-12);
  // Too little data or time for planted patterns to mean anything: plant none.
  if (mondays.length < 20 || input.firs < minimumFirsForHotspots) {
    return { areas: [], byDay: new Map(), total: 0, recentWeeks: recent.map((m) => isoWeek(m)) };
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
    } else if (area.kind === 'new') {
      area.weeks.push(week(recent[recent.length - 1] as number, Math.max(6, Math.ceil(8 * bg))));
    } else {
      const lo = Math.max(2, Math.ceil(2.5 * bg));
      const hi = Math.max(7, Math.ceil(8 * bg));
      const counts = recent.map((_, i) => Math.round(lo + ((hi - lo) * i) / (recent.length - 1)));
      if (area.kind === 'diminishing') counts.reverse();
      recent.forEach((m, i) => area.weeks.push(week(m, counts[i] as number)));
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

  const byDay = new Map<number, PlantedFir[]>();
  areas.forEach((area, areaIndex) => {
    for (const w of area.weeks) {
      for (let i = 0; i < w.extraFirs; i++) {
        const day = Math.min(endDay, Math.max(startDay, w.mondayDay + rng.int(0, 6)));
        const list = byDay.get(day) ?? [];
        list.push({ day, areaIndex, week: w.week });
        byDay.set(day, list);
      }
    }
  });
  return { areas, byDay, total, recentWeeks: recent.map((m) => isoWeek(m)) };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
