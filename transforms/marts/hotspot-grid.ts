import { gridDisk } from 'h3-js';
import { benjaminiHochberg, confidenceBin } from '../stats/fdr.ts';
import { giStar, type Neighbourhoods } from '../stats/gi-star.ts';
import { twoSidedP } from '../stats/normal.ts';

/**
 * H3 cells as dense integer ids with their k-ring discs (from h3-js, computed once per cell),
 * and the Gi* of one week over a study area: the arithmetic behind `hotspot_cells` and
 * `emerging_hotspots`.
 */
export class CellGrid {
  private readonly ids = new Map<string, number>();
  readonly cells: string[] = [];
  private readonly discs: (Int32Array | undefined)[] = [];

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
}

/**
 * A study area: every cell with an incident in the window plus its k-ring, in id order. Each
 * cell's neighbourhood is its whole k-ring (`size`); the neighbours inside the area are listed
 * (those outside had no incident in the window, so they count with 0).
 */
export interface StudyArea {
  cells: Int32Array;
  neighbourhoods: Neighbourhoods;
  size: Int32Array;
}

export function studyArea(grid: CellGrid, incidentCells: Iterable<number>): StudyArea {
  const members = new Set<number>();
  for (const c of incidentCells) for (const n of grid.disc(c)) members.add(n);
  const cells = Int32Array.from([...members].sort((a, b) => a - b));
  const position = new Map<number, number>();
  cells.forEach((c, i) => position.set(c, i));
  const offsets = new Int32Array(cells.length + 1);
  const size = new Int32Array(cells.length);
  const index: number[] = [];
  cells.forEach((c, i) => {
    size[i] = grid.disc(c).length;
    for (const n of grid.disc(c)) {
      const p = position.get(n);
      if (p !== undefined) index.push(p);
    }
    offsets[i + 1] = index.length;
  });
  return { cells, neighbourhoods: { offsets, index: Int32Array.from(index) }, size };
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

export function slice(area: StudyArea, counts: ReadonlyMap<number, number> | undefined, minCount = 1): Slice {
  const n = area.cells.length;
  const count = new Float64Array(n);
  let areaIncidents = 0;
  if (counts) {
    area.cells.forEach((c, i) => {
      const v = counts.get(c) ?? 0;
      count[i] = v;
      areaIncidents += v;
    });
  }
  const g = giStar(count, area.neighbourhoods, area.size);
  const p = Float64Array.from(g.z, (z) => twoSidedP(z));
  const q = benjaminiHochberg(p);
  const bin = Int8Array.from(g.z, (z, i) => (z > 0 && g.localSum[i]! < minCount ? 0 : confidenceBin(z, q[i]!)));
  return { count, localSum: g.localSum, weight: g.weight, z: g.z, p, q, bin, areaIncidents };
}
