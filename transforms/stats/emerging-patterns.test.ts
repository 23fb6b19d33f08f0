import { describe, expect, it } from 'vitest';
import { classifyEmerging, type EmergingPattern } from './emerging-patterns.ts';
import { mannKendall } from './mann-kendall.ts';

/** A series of 12 weeks from a compact code: H hot, C cold, . not significant; z rises with `trend`. */
function pattern(code: string, trend: 'up' | 'down' | 'flat' = 'flat'): EmergingPattern {
  const z = [...code].map((c, i) => {
    const base = c === 'H' ? 3 : c === 'C' ? -3 : 0.5;
    const drift = trend === 'up' ? i * 0.2 : trend === 'down' ? -i * 0.2 : i % 2 === 0 ? 0.1 : -0.1;
    return base + drift;
  });
  const significant = [...code].map((c) => c !== '.');
  return classifyEmerging({ z, significant, trend: mannKendall(z), alpha: 0.05 });
}

describe('emerging hot spot patterns', () => {
  it.each([
    ['...........H', 'flat', 'new_hot_spot'],
    ['........HHHH', 'flat', 'consecutive_hot_spot'],
    ['HHHHHHHHHHHH', 'up', 'intensifying_hot_spot'],
    ['HHHHHHHHHHHH', 'flat', 'persistent_hot_spot'],
    ['HHHHHHHHHHHH', 'down', 'diminishing_hot_spot'],
    // 11 of 12 (≥ 90%) with the gap inside: still intensifying.
    ['HHHH.HHHHHHH', 'up', 'intensifying_hot_spot'],
    ['..H..H...H.H', 'flat', 'sporadic_hot_spot'],
    // A run at the end after an earlier hot week is not consecutive.
    ['..H.....HHHH', 'flat', 'sporadic_hot_spot'],
    ['..C......HHH', 'flat', 'oscillating_hot_spot'],
    // Hot only in the last week but cold before: oscillating, not new.
    ['C..........H', 'flat', 'oscillating_hot_spot'],
    ['HHHHHHHHHHH.', 'flat', 'historical_hot_spot'],
    ['...........C', 'flat', 'new_cold_spot'],
    ['.........CCC', 'flat', 'consecutive_cold_spot'],
    ['CCCCCCCCCCCC', 'down', 'intensifying_cold_spot'],
    ['CCCCCCCCCCCC', 'flat', 'persistent_cold_spot'],
    ['CCCCCCCCCCCC', 'up', 'diminishing_cold_spot'],
    ['.C...C.....C', 'flat', 'sporadic_cold_spot'],
    ['H..........C', 'flat', 'oscillating_cold_spot'],
    ['CCCCCCCCCCC.', 'flat', 'historical_cold_spot'],
    ['....H.......', 'flat', 'no_pattern'],
    ['............', 'flat', 'no_pattern'],
  ] as const)('%s (%s trend) is %s', (code, trend, expected) => {
    expect(pattern(code, trend)).toBe(expected);
  });

  it('needs 90% of the weeks: 9 of 10 is enough, 10 of 12 is not', () => {
    expect(pattern('HHHH.HHHHH', 'flat')).toBe('persistent_hot_spot');
    expect(pattern('HH.HH.HHHHHH', 'flat')).toBe('sporadic_hot_spot');
  });
});
