/**
 * Getis-Ord Gi* with binary weights (Getis & Ord 1992; Ord & Getis 1995), as in Esri's Hot Spot
 * Analysis: each location's neighbourhood includes itself (w_ii = 1) and w_ij = 1 for its
 * neighbours, so Σw = Σw² = W_i, the size of the neighbourhood:
 *
 *   z_i = (L_i − x̄·W_i) / (S · √((n·W_i − W_i²) / (n − 1)))
 *
 * with L_i = Σ_j w_ij·x_j, x̄ = Σx / n and S = √(Σx² / n − x̄²) over all n locations of the
 * study area. A neighbourhood may reach cells that are not observations (beyond the edge of the
 * study area, where nothing happened): they count in W_i with the value 0. Where the statistic
 * is undefined (n < 2, S = 0, or a neighbourhood as large as the area) z is 0.
 */
export interface Neighbourhoods {
  /** Location i's neighbours (itself included) are index[offsets[i] … offsets[i + 1] − 1]. */
  offsets: Int32Array;
  index: Int32Array;
}

export interface GiStarResult {
  z: Float64Array;
  /** L_i: the sum of the values over the neighbourhood. */
  localSum: Float64Array;
  /** W_i: the size of the neighbourhood (itself included). */
  weight: Int32Array;
  n: number;
  mean: number;
  sd: number;
}

/** Compressed neighbourhoods from lists (each list should include the location itself). */
export function neighbourhoodsOf(lists: readonly (readonly number[])[]): Neighbourhoods {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.length));
  const index = new Int32Array(offsets[lists.length]!);
  lists.forEach((l, i) => index.set(l, offsets[i]!));
  return { offsets, index };
}

/** The sums a slice's Gi* needs: every location's L_i and W_i, and n, Σx, Σx² of the study area. */
export interface GiStarSums {
  localSum: ArrayLike<number>;
  weight: ArrayLike<number>;
  n: number;
  sum: number;
  sumSq: number;
}

/** z_i from the sums (the formula above). */
export function giStarFromSums({ localSum, weight, n, sum, sumSq }: GiStarSums): {
  z: Float64Array;
  mean: number;
  sd: number;
} {
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 0 ? sumSq / n - mean * mean : 0;
  const sd = variance > 0 ? Math.sqrt(variance) : 0;
  const z = new Float64Array(localSum.length);
  for (let i = 0; i < z.length; i++) {
    const w = weight[i]!;
    const spread = n > 1 ? (n * w - w * w) / (n - 1) : 0;
    z[i] = sd > 0 && spread > 0 ? (localSum[i]! - mean * w) / (sd * Math.sqrt(spread)) : 0;
  }
  return { z, mean, sd };
}

/**
 * `nb` lists each location's neighbours among the observations (itself included); `size`, when
 * given, is the full size W_i of each neighbourhood, counting neighbours outside the observations.
 */
export function giStar(x: ArrayLike<number>, nb: Neighbourhoods, size?: ArrayLike<number>): GiStarResult {
  const n = x.length;
  if (nb.offsets.length !== n + 1)
    throw new RangeError(`giStar: ${n} values but ${nb.offsets.length - 1} neighbourhoods`);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    sum += v;
    sumSq += v * v;
  }
  const localSum = new Float64Array(n);
  const weight = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const from = nb.offsets[i]!;
    const to = nb.offsets[i + 1]!;
    let l = 0;
    for (let k = from; k < to; k++) l += x[nb.index[k]!]!;
    const w = size ? size[i]! : to - from;
    if (w < to - from) throw new RangeError(`giStar: neighbourhood ${i} has ${to - from} observations but size ${w}`);
    localSum[i] = l;
    weight[i] = w;
  }
  const { z, mean, sd } = giStarFromSums({ localSum, weight, n, sum, sumSq });
  return { z, localSum, weight, n, mean, sd };
}
