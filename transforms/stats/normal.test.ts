import { describe, expect, it } from 'vitest';
import { normalCdf, normalPdf, normalSf, twoSidedP } from './normal.ts';

/** Reference values of the upper tail Q(x) (R: pnorm(x, lower.tail = FALSE)). */
const tail: [number, number][] = [
  [0, 0.5],
  [0.5, 0.3085375387259869],
  [1, 0.15865525393145705],
  [1.959963984540054, 0.025],
  [2, 0.022750131948179209],
  [2.5758293035489004, 0.005],
  [3, 0.0013498980316301035],
  [4, 3.1671241833119857e-5],
  [5, 2.866515718791939e-7],
  [6, 9.865876450376982e-10],
  [8, 6.22096057427178e-16],
  [10, 7.619853024160527e-24],
];

describe('normal distribution', () => {
  it.each(tail)('Q(%d) matches to 1e-12 relative', (x, q) => {
    expect(Math.abs(normalSf(x) - q) / q).toBeLessThan(1e-12);
    expect(Math.abs(normalCdf(-x) - q) / q).toBeLessThan(1e-12);
  });

  it('is symmetric and continuous where the series hands over to the continued fraction', () => {
    for (const x of [0.1, 1.3, 2.9, 3.7]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
    expect(Math.abs(normalSf(3 - 1e-9) - normalSf(3 + 1e-9))).toBeLessThan(1e-11);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
  });

  it('gives two-sided p-values: 0.05 at ±1.96, 0.01 at ±2.576, 1 at 0', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-2.5758293035489004)).toBeCloseTo(0.01, 14);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(40)).toBe(0);
  });
});
