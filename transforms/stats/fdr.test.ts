import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, confidenceBin } from './fdr.ts';

describe('Benjamini-Hochberg', () => {
  it('adjusts by hand: q(i) = min over j ≥ i of m·p(j)/j, ties share a q', () => {
    // m = 5; sorted p: 0.01, 0.01, 0.03, 0.04, 0.20 → m·p/j: 0.05, 0.025, 0.05, 0.05, 0.20
    // running minimum from the largest: 0.20, 0.05, 0.05, 0.025, 0.025 (R: p.adjust(p, "BH"))
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.2, 0.01]);
    expect([...q].map((v) => +v.toFixed(12))).toEqual([0.025, 0.05, 0.05, 0.2, 0.025]);
  });

  it('never exceeds 1 and is empty for no tests', () => {
    expect([...benjaminiHochberg([0.9, 0.95, 1])]).toEqual([1, 1, 1]);
    expect(benjaminiHochberg([]).length).toBe(0);
  });

  it('bins hot and cold spots at 99, 95 and 90% on the q-value', () => {
    expect([0.001, 0.01, 0.02, 0.05, 0.07, 0.1, 0.2].map((q) => confidenceBin(2.5, q))).toEqual([3, 3, 2, 2, 1, 1, 0]);
    expect(confidenceBin(-4, 0.001)).toBe(-3);
    expect(confidenceBin(0, 0.001)).toBe(0);
  });
});
