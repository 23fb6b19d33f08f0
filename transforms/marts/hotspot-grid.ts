import { gridDisk } from 'h3-js';
import { benjaminiHochberg, confidenceBin } from '../stats/fdr.ts';
import { giStarFromSums } from '../stats/gi-star.ts';
import { twoSidedP } from '../stats/normal.ts';

/**
 * H3 cells as dense integer ids with their k-ring discs (from h3-js, computed once per cell),
 * and the Gi* of one week over a study area: the arithmetic behind `hotspot_cells` and
 * `emerging_hotspots` (rules: emerging_hotspots.md).
 */
export class CellGrid {
  private readonly ids = new Map<string, number>();
  readonly cells: string[] = [];
  private readonly discs: (Int32Array | undefined)[] = [];
  /** Per cell id: the stamp of the study area it was last placed in, and its position there. */
  private areaStamp = new Int32Array(1 << 12);
  private areaPosition = new Int32Array(1 << 12);
  private stamp = 0;

  constructor(readonly k: number) {}

  get size(): number {
    return this.cells.length;
  }

  id(cell: string): number {
    let i = this.ids.get(cell);
    if (i === undefined) {
      i = this.cells.length;
      this.ids.set(cell, i);
      this.cells.push(cell);
      if (i >= this.areaStamp.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.areaStamp = grow(this.areaStamp);
        this.areaPosition = grow(this.areaPosition);
      }
    }
    return i;
  }

  /** The cell and its neighbours up to k steps away. */
  disc(id: number): Int32Array {
    let d = this.discs[id];
    if (!d) {
      d = Int32Array.from(gridDisk(this.cells[id]!, this.k), (c) => this.id(c));
      this.discs[id] = d;
    }
    return d;
  }

  /**
   * The study area of incidents in the given cells: those cells and their k-rings. Its positions
   * stay readable through `positionIn` until the next study area is made.
   */
  studyArea(incidentCells: Iterable<number>): StudyArea {
    const stamp = ++this.stamp;
    const members: number[] = [];
    for (const c of incidentCells) {
      for (const n of this.disc(c)) {
        if (this.areaStamp[n] !== stamp) {
          this.areaStamp[n] = stamp;
          this.areaPosition[n] = members.length;
          members.push(n);
        }
      }
    }
    const cells = Int32Array.from(members);
    // Every neighbourhood is the whole disc of the cell (neighbours outside the area count 0).
    const size = Int32Array.from(cells, (c) => this.disc(c).length);
    return { cells, size, stamp };
  }

  /** Position of a cell in the current study area, or −1. */
  positionIn(area: StudyArea, id: number): number {
    if (area.stamp !== this.stamp) throw new Error('CellGrid: a newer study area replaced this one');
    return this.areaStamp[id] === area.stamp ? this.areaPosition[id]! : -1;
  }
}

/** A study area: every cell with an incident in the window plus its k-ring (cell ids), with the size of each cell's disc. */
export interface StudyArea {
  cells: Int32Array;
  size: Int32Array;
  stamp: number;
}

/**
 * Gi* of every cell of the area for one week's counts, with p-values, FDR q-values and bins. A hot
 * bin also needs `minCount` incidents in the neighbourhood (a lone incident in sparse counts is
 * "significant" under the normal approximation); cold bins need none.
 */
export interface Slice {
  count: Float64Array;
  localSum: Float64Array;
  weight: Int32Array;
  z: Float64Array;
  p: Float64Array;
  q: Float64Array;
  bin: Int8Array;
  areaIncidents: number;
}

export function slice(
  grid: CellGrid,
  area: StudyArea,
  counts: ReadonlyMap<number, number> | undefined,
  minCount = 1,
): Slice {
  const n = area.cells.length;
  const count = new Float64Array(n);
  const localSum = new Float64Array(n);
  let sum = 0;
  let sumSq = 0;
  for (const [c, v] of counts ?? []) {
    const i = grid.positionIn(area, c);
    if (i < 0) throw new Error(`slice: cell ${grid.cells[c]} has incidents but is outside the study area`);
    count[i] = v;
    sum += v;
    sumSq += v * v;
    // Discs are symmetric: c is in the neighbourhood of every cell of its own disc.
    for (const d of grid.disc(c)) localSum[grid.positionIn(area, d)]! += v;
  }
  const { z } = giStarFromSums({ localSum, weight: area.size, n, sum, sumSq });
  // Most cells share a few values of z (a handful of neighbourhood counts and sizes).
  const pOf = new Map<number, number>();
  const p = Float64Array.from(z, (v) => {
    let pv = pOf.get(v);
    if (pv === undefined) pOf.set(v, (pv = twoSidedP(v)));
    return pv;
  });
  const q = benjaminiHochberg(p);
  const bin = Int8Array.from(z, (v, i) => (v > 0 && localSum[i]! < minCount ? 0 : confidenceBin(v, q[i]!)));
  return { count, localSum, weight: area.size, z, p, q, bin, areaIncidents: sum };
}
