import { twoSidedP } from './normal.ts';

/**
 * The Mann–Kendall trend test (Mann 1945; Kendall 1975) with the ties correction of the
 * variance and the continuity correction of z:
 *
 *   S = Σ_{i<j} sign(x_j − x_i)
 *   Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18   (t: size of each group of tied values)
 *   z = (S − 1)/√Var if S > 0, (S + 1)/√Var if S < 0, else 0;  p = 2·(1 − Φ(|z|))
 */
export interface MannKendall {
  s: number;
  variance: number;
  z: number;
  p: number;
}

export function mannKendall(x: readonly number[]): MannKendall {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(x[j]! - x[i]!);
  }
  const ties = new Map<number, number>();
  for (const v of x) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (variance <= 0) return { s, variance, z: 0, p: 1 };
  const z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  return { s, variance, z, p: twoSidedP(z) };
}
