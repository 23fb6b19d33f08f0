import { describe, expect, it } from 'vitest';
import { giStar, neighbourhoodsOf } from './gi-star.ts';

describe('Getis-Ord Gi*', () => {
  it('matches a hand-computed example of 10 cells to 1e-9', () => {
    // Ten cells in a row; a cell's neighbourhood is itself and the cells beside it.
    const x = [0, 0, 0, 1, 0, 1, 2, 3, 2, 1];
    const nb = neighbourhoodsOf(x.map((_, i) => [i - 1, i, i + 1].filter((j) => j >= 0 && j < x.length)));
    // n = 10, Σx = 10, Σx² = 1 + 1 + 4 + 9 + 4 + 1 = 20
    // x̄ = 10/10 = 1, S = √(20/10 − 1²) = 1
    // Interior cells: W = 3, denominator S·√((nW − W²)/(n − 1)) = √((30 − 9)/9) = √21/3
    // End cells:      W = 2, denominator √((20 − 4)/9) = 4/3
    // z = (L − x̄·W) / denominator:
    const r21 = Math.sqrt(21);
    const expected = [
      (0 - 2) / (4 / 3), //   cell 0: L = 0 + 0         = 0 → −1.5
      ((0 - 3) * 3) / r21, // cell 1: L = 0 + 0 + 0     = 0 → −9/√21
      ((1 - 3) * 3) / r21, // cell 2: L = 0 + 0 + 1     = 1 → −6/√21
      ((1 - 3) * 3) / r21, // cell 3: L = 0 + 1 + 0     = 1 → −6/√21
      ((2 - 3) * 3) / r21, // cell 4: L = 1 + 0 + 1     = 2 → −3/√21
      ((3 - 3) * 3) / r21, // cell 5: L = 0 + 1 + 2     = 3 → 0
      ((6 - 3) * 3) / r21, // cell 6: L = 1 + 2 + 3     = 6 → 9/√21
      ((7 - 3) * 3) / r21, // cell 7: L = 2 + 3 + 2     = 7 → 12/√21
      ((6 - 3) * 3) / r21, // cell 8: L = 3 + 2 + 1     = 6 → 9/√21
      (3 - 2) / (4 / 3), //   cell 9: L = 2 + 1         = 3 → 0.75
    ];
    const g = giStar(x, nb);
    expect(g.n).toBe(10);
    expect(g.mean).toBe(1);
    expect(g.sd).toBe(1);
    expect([...g.localSum]).toEqual([0, 0, 1, 1, 2, 3, 6, 7, 6, 3]);
    expect([...g.weight]).toEqual([2, 3, 3, 3, 3, 3, 3, 3, 3, 2]);
    g.z.forEach((z, i) => expect(Math.abs(z - expected[i]!)).toBeLessThan(1e-9));
    expect(g.z[7]).toBeCloseTo(2.618614682831909, 12);
  });

  it('counts neighbours outside the observations in W with the value 0', () => {
    // Same row, but every neighbourhood has 3 cells (the ends reach one cell beyond the row).
    const x = [0, 0, 0, 1, 0, 1, 2, 3, 2, 1];
    const nb = neighbourhoodsOf(x.map((_, i) => [i - 1, i, i + 1].filter((j) => j >= 0 && j < x.length)));
    const g = giStar(
      x,
      nb,
      x.map(() => 3),
    );
    // cell 9: L = 3, W = 3 → z = 0; cell 0: L = 0 → −9/√21
    expect(g.z[9]).toBeCloseTo(0, 12);
    expect(g.z[0]).toBeCloseTo(-9 / Math.sqrt(21), 12);
    expect(() =>
      giStar(
        x,
        nb,
        x.map(() => 1),
      ),
    ).toThrow(RangeError);
  });

  it('is 0 where undefined: no variance, or a single cell', () => {
    const nb = neighbourhoodsOf([
      [0, 1],
      [0, 1],
    ]);
    expect([...giStar([2, 2], nb).z]).toEqual([0, 0]);
    expect([...giStar([5], neighbourhoodsOf([[0]])).z]).toEqual([0]);
  });
});
