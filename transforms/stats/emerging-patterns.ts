import type { MannKendall } from './mann-kendall.ts';

/**
 * Emerging hot spot patterns (Esri, "How Emerging Hot Spot Analysis works"; sfdep implements
 * the same rules). The rules, their order and the reading of the edge cases are written down in
 * transforms/marts/emerging_hotspots.md.
 */
export const hotPatterns = [
  'new_hot_spot',
  'consecutive_hot_spot',
  'intensifying_hot_spot',
  'persistent_hot_spot',
  'diminishing_hot_spot',
  'sporadic_hot_spot',
  'oscillating_hot_spot',
  'historical_hot_spot',
] as const;
export const coldPatterns = [
  'new_cold_spot',
  'consecutive_cold_spot',
  'intensifying_cold_spot',
  'persistent_cold_spot',
  'diminishing_cold_spot',
  'sporadic_cold_spot',
  'oscillating_cold_spot',
  'historical_cold_spot',
] as const;
export const emergingPatterns = [...hotPatterns, ...coldPatterns, 'no_pattern'] as const;
export type EmergingPattern = (typeof emergingPatterns)[number];

export interface PatternInput {
  /** Gi* z-score of each time step, oldest first. */
  z: readonly number[];
  /** Whether each time step's Gi* is significant (FDR-adjusted). */
  significant: readonly boolean[];
  /** Mann–Kendall test of the z-scores. */
  trend: MannKendall;
  /** Significance level of the trend. */
  alpha: number;
}

export function classifyEmerging({ z, significant, trend, alpha }: PatternInput): EmergingPattern {
  const n = z.length;
  if (n === 0 || significant.length !== n)
    throw new RangeError(`classifyEmerging: ${n} z-scores, ${significant.length} flags`);
  const hot = z.map((v, i) => significant[i]! && v > 0);
  const cold = z.map((v, i) => significant[i]! && v < 0);
  const up = trend.p <= alpha && trend.s > 0;
  const down = trend.p <= alpha && trend.s < 0;
  // At least 90% of the time steps, in integers (10·count ≥ 9·n).
  const mostly = (flags: boolean[]) => 10 * flags.filter(Boolean).length >= 9 * n;
  const side = (
    same: boolean[],
    other: boolean[],
    rising: boolean,
    falling: boolean,
    kind: 'hot' | 'cold',
  ): EmergingPattern => {
    const count = same.filter(Boolean).length;
    let run = 0;
    while (run < n && same[n - 1 - run]) run++;
    if (mostly(same))
      return rising
        ? (`intensifying_${kind}_spot` as const)
        : falling
          ? (`diminishing_${kind}_spot` as const)
          : (`persistent_${kind}_spot` as const);
    if (other.some(Boolean)) return `oscillating_${kind}_spot` as const;
    if (count === 1) return `new_${kind}_spot` as const;
    if (run >= 2 && run === count) return `consecutive_${kind}_spot` as const;
    return `sporadic_${kind}_spot` as const;
  };
  if (hot[n - 1]) return side(hot, cold, up, down, 'hot');
  // A cold spot intensifies as its z-scores fall.
  if (cold[n - 1]) return side(cold, hot, down, up, 'cold');
  if (mostly(hot)) return 'historical_hot_spot';
  if (mostly(cold)) return 'historical_cold_spot';
  return 'no_pattern';
}
