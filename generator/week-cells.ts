/**
 * Located FIRs per H3 cell, ISO week and crime group over the last weeks of the period, and the
 * Gi* of a week computed exactly as `hotspot_cells` computes it (transforms/marts/
 * emerging_hotspots.md: study area = cells with an incident of the group in the 12 weeks ending
 * with the week plus their 1-ring; binary weights; Benjamini-Hochberg; a hot bin needs 2
 * incidents in the neighbourhood). The generator tunes its planted emerging and graded hotspots
 * on it, so they read as planned at any scale. Memory: a map per crime group of the cells seen
 * in the tracked weeks, and two weeks of counts.
 */
import { gridDisk } from 'h3-js';
import { confidenceBin } from '../transforms/stats/fdr.ts';
import { giStarFromSums } from '../transforms/stats/gi-star.ts';
import { twoSidedP } from '../transforms/stats/normal.ts';

/** The transforms' defaults (lake/config.ts): the 1-ring, 12 weeks, 2 incidents for a hot bin. */
export const hotspotK = 1;
export const hotspotWeeks = 12;
export const hotspotMinCount = 2;

/** H3 cells as dense ids, with their k-ring discs computed once. */
export class CellIndex {
  private readonly ids = new Map<string, number>();
  readonly cells: string[] = [];
  private readonly discs: (Int32Array | undefined)[] = [];

  id(cell: string): number {
    let i = this.ids.get(cell);
    if (i === undefined) {
      i = this.cells.length;
      this.ids.set(cell, i);
      this.cells.push(cell);
    }
    return i;
  }

  disc(id: number): Int32Array {
    let d = this.discs[id];
    if (!d) {
      d = Int32Array.from(gridDisk(this.cells[id] as string, hotspotK), (c) => this.id(c));
      this.discs[id] = d;
    }
    return d;
  }
}

interface GroupCells {
  /** Cell id → Monday (day number) of the last week with an incident there. */
  lastSeen: Map<number, number>;
  current: Map<number, number>;
  previous: Map<number, number>;
}

/** n, Σx, Σx² of a week's study area, and its mean and standard deviation. */
export interface WeekStats {
  n: number;
  sum: number;
  sumSq: number;
  mean: number;
  sd: number;
}

/** A week's Gi* as counts of cells by neighbourhood sum: the base that planted cells are added to. */
export interface WeekGi {
  stats: WeekStats;
  /** Neighbourhood sum L of every study-area cell with L > 0. */
  localSum: Map<number, number>;
  /** Cells of the study area. */
  members: Set<number>;
  counts: ReadonlyMap<number, number>;
  /** Study-area cells by key L·16 + W (W: the disc size). */
  histogram: Map<number, number>;
}

/** The bin of each (L, W) of a week, and how many cells are in each hot bin. */
export interface Bins {
  binOf(localSum: number, weight: number): number;
  hotCells: [number, number, number];
}

export class WeekCells {
  readonly index = new CellIndex();
  private readonly groups = new Map<string, GroupCells>();
  private monday = Number.NEGATIVE_INFINITY;

  constructor(groups: readonly string[]) {
    for (const g of ['all', ...groups])
      this.groups.set(g, { lastSeen: new Map(), current: new Map(), previous: new Map() });
  }

  /** Start the week of `monday` (weeks come in order; a skipped week leaves an empty previous one). */
  startWeek(monday: number): void {
    if (monday === this.monday) return;
    for (const g of this.groups.values()) {
      g.previous = monday === this.monday + 7 ? g.current : new Map();
      g.current = new Map();
    }
    this.monday = monday;
  }

  /** A located FIR of the current week: counted in 'all' and in its group when that is tracked. */
  add(group: string, cell: string): void {
    const id = this.index.id(cell);
    for (const name of group === 'all' ? ['all'] : ['all', group]) {
      const g = this.groups.get(name);
      if (!g) continue;
      g.current.set(id, (g.current.get(id) ?? 0) + 1);
      g.lastSeen.set(id, this.monday);
    }
  }

  private group(name: string): GroupCells {
    const g = this.groups.get(name);
    if (!g) throw new Error(`week-cells: crime group ${name} is not tracked`);
    return g;
  }

  /** n, Σx, Σx² of the previous week's study area (at the start of a week). */
  previousStats(name: string): WeekStats {
    const g = this.group(name);
    const monday = this.monday - 7;
    const from = monday - 7 * (hotspotWeeks - 1);
    const members = new Set<number>();
    for (const [c, seen] of g.lastSeen)
      if (seen >= from && seen <= monday) for (const d of this.index.disc(c)) members.add(d);
    let sum = 0;
    let sumSq = 0;
    for (const v of g.previous.values()) {
      sum += v;
      sumSq += v * v;
    }
    const n = members.size;
    const mean = n > 0 ? sum / n : 0;
    const variance = n > 0 ? sumSq / n - mean * mean : 0;
    return { n, sum, sumSq, mean, sd: variance > 0 ? Math.sqrt(variance) : 0 };
  }

  /**
   * The Gi* base of the previous week (`which = 'previous'`, at the start of a week) or of the
   * current one, with `extra` incidents (cell id → count) not yet added.
   */
  week(name: string, which: 'previous' | 'current', extra?: ReadonlyMap<number, number>): WeekGi {
    const g = this.group(name);
    const monday = which === 'current' ? this.monday : this.monday - 7;
    const counts = new Map(which === 'current' ? g.current : g.previous);
    for (const [c, v] of extra ?? []) counts.set(c, (counts.get(c) ?? 0) + v);
    const from = monday - 7 * (hotspotWeeks - 1);
    const members = new Set<number>();
    const addDisc = (c: number) => {
      for (const d of this.index.disc(c)) members.add(d);
    };
    for (const [c, seen] of g.lastSeen) if (seen >= from && seen <= monday) addDisc(c);
    for (const c of counts.keys()) addDisc(c);
    const localSum = new Map<number, number>();
    let sum = 0;
    let sumSq = 0;
    for (const [c, v] of counts) {
      sum += v;
      sumSq += v * v;
      for (const d of this.index.disc(c)) localSum.set(d, (localSum.get(d) ?? 0) + v);
    }
    const histogram = new Map<number, number>();
    for (const m of members) {
      const key = (localSum.get(m) ?? 0) * 16 + this.index.disc(m).length;
      histogram.set(key, (histogram.get(key) ?? 0) + 1);
    }
    const n = members.size;
    const mean = n > 0 ? sum / n : 0;
    const variance = n > 0 ? sumSq / n - mean * mean : 0;
    return {
      stats: { n, sum, sumSq, mean, sd: variance > 0 ? Math.sqrt(variance) : 0 },
      localSum,
      members,
      counts,
      histogram,
    };
  }

  /**
   * The bins of the week with `plant` (cell id → incidents) added to the base: the cells the
   * planted incidents reach change their neighbourhood sums (and join the study area).
   */
  binsWith(base: WeekGi, plant: ReadonlyMap<number, number>): Bins {
    const histogram = new Map(base.histogram);
    let { n, sum, sumSq } = base.stats;
    const touched = new Map<number, number>();
    for (const [c, v] of plant) {
      if (v <= 0) continue;
      const before = base.counts.get(c) ?? 0;
      sum += v;
      sumSq += (before + v) * (before + v) - before * before;
      for (const d of this.index.disc(c)) touched.set(d, (touched.get(d) ?? 0) + v);
    }
    for (const [d, add] of touched) {
      const w = this.index.disc(d).length;
      const old = base.localSum.get(d) ?? 0;
      if (base.members.has(d)) {
        const k = old * 16 + w;
        histogram.set(k, (histogram.get(k) ?? 0) - 1);
      } else n++;
      const k = (old + add) * 16 + w;
      histogram.set(k, (histogram.get(k) ?? 0) + 1);
    }
    // Every cell a planted cell's disc adds to the study area is touched by it (discs are symmetric).
    const keys = [...histogram.entries()].filter(([, count]) => count > 0);
    const { z } = giStarFromSums({
      localSum: keys.map(([k]) => Math.floor(k / 16)),
      weight: keys.map(([k]) => k % 16),
      n,
      sum,
      sumSq,
    });
    // Benjamini-Hochberg over the cells, grouped by p-value (ties share the rank of their last member).
    const rows = keys.map(([k, count], i) => ({ key: k, count, z: z[i] as number, p: twoSidedP(z[i] as number) }));
    rows.sort((a, b) => a.p - b.p);
    const byP: { p: number; rank: number; keys: typeof rows }[] = [];
    let rank = 0;
    for (const r of rows) {
      rank += r.count;
      const last = byP[byP.length - 1];
      if (last && last.p === r.p) {
        last.rank = rank;
        last.keys.push(r);
      } else byP.push({ p: r.p, rank, keys: [r] });
    }
    const binByKey = new Map<number, number>();
    let running = 1;
    const hotCells: [number, number, number] = [0, 0, 0];
    for (let i = byP.length - 1; i >= 0; i--) {
      const group = byP[i] as (typeof byP)[number];
      running = Math.min(running, (n * group.p) / group.rank);
      for (const r of group.keys) {
        const l = Math.floor(r.key / 16);
        const bin = r.z > 0 && l < hotspotMinCount ? 0 : confidenceBin(r.z, running);
        binByKey.set(r.key, bin);
        if (bin > 0) hotCells[bin - 1] += r.count;
      }
    }
    return { binOf: (l, w) => binByKey.get(l * 16 + w) ?? 0, hotCells };
  }

  /** Neighbourhood sum of a cell in the base plus a plant. */
  localSumWith(base: WeekGi, plant: ReadonlyMap<number, number>, cell: number): number {
    let l = base.localSum.get(cell) ?? 0;
    for (const d of this.index.disc(cell)) l += plant.get(d) ?? 0;
    return l;
  }
}
