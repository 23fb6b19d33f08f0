/**
 * Benjamini–Hochberg false discovery rate: the adjusted p-value (q-value) of each test,
 * q_(i) = min over j ≥ i of m·p_(j) / j (p sorted ascending, capped at 1), as R's
 * p.adjust(p, "BH"). A test is significant at FDR α when q ≤ α. Ties get the same q.
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const m = p.length;
  const sorted = Float64Array.from(p).sort();
  // Walk the distinct p-values from the largest; a tied group takes the rank of its last member.
  const qOf = new Map<number, number>();
  let running = 1;
  for (let r = m; r >= 1; r--) {
    const v = sorted[r - 1]!;
    if (qOf.has(v)) continue;
    running = Math.min(running, (m * v) / r);
    qOf.set(v, running);
  }
  return Float64Array.from(p, (v) => qOf.get(v)!);
}

/** Confidence bins of a z-score given its FDR-adjusted p-value: ±3 at 99%, ±2 at 95%, ±1 at 90%, else 0. */
export function confidenceBin(z: number, q: number): number {
  const level = q <= 0.01 ? 3 : q <= 0.05 ? 2 : q <= 0.1 ? 1 : 0;
  return z > 0 ? level : z < 0 ? -level : 0;
}
