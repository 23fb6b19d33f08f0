import { describe, expect, it } from 'vitest';
import { mannKendall } from './mann-kendall.ts';
import { twoSidedP } from './normal.ts';

describe('Mann-Kendall', () => {
  it('matches a hand-computed example with ties: S, variance and z', () => {
    const x = [2, 1, 2, 3, 3, 5, 3, 6];
    // S = Σ over each value of (later values above − later values below):
    //   2: later 1,2,3,3,5,3,6 → 5 above, 1 below → +4
    //   1: later 2,3,3,5,3,6   → 6 above         → +6
    //   2: later 3,3,5,3,6     → 5 above         → +5
    //   3: later 3,5,3,6       → 2 above (3s tie) → +2
    //   3: later 5,3,6         → 2 above         → +2
    //   5: later 3,6           → 1 above, 1 below → 0
    //   3: later 6             → 1 above         → +1
    //   S = 4 + 6 + 5 + 2 + 2 + 0 + 1 = 20
    // Ties: the value 2 twice (t = 2), the value 3 three times (t = 3).
    //   Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18
    //          = [8·7·21 − (2·1·9 + 3·2·11)] / 18 = (1176 − 84) / 18 = 1092 / 18 = 60.666…
    //   z = (S − 1) / √Var = 19 / √(1092/18) = 2.4393…
    const r = mannKendall(x);
    expect(r.s).toBe(20);
    expect(r.variance).toBeCloseTo(1092 / 18, 12);
    expect(Math.abs(r.z - 19 / Math.sqrt(1092 / 18))).toBeLessThan(1e-12);
    expect(r.z).toBeCloseTo(2.439375, 6);
    expect(r.p).toBeCloseTo(twoSidedP(r.z), 15);
  });

  it('is symmetric for a falling series, with the continuity correction towards 0', () => {
    const up = mannKendall([1, 2, 3, 4, 5]);
    const down = mannKendall([5, 4, 3, 2, 1]);
    // S = 10, Var = 5·4·15/18 = 50/3, z = 9/√(50/3)
    expect(up.s).toBe(10);
    expect(up.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
    expect(down.s).toBe(-10);
    expect(down.z).toBeCloseTo(-up.z, 12);
  });

  it('gives z = 0 and p = 1 without a trend or without variance', () => {
    expect(mannKendall([1, 2, 2, 1])).toMatchObject({ s: 0, z: 0, p: 1 });
    expect(mannKendall([4, 4, 4])).toMatchObject({ s: 0, variance: 0, z: 0, p: 1 });
  });
});
