/**
 * The standard normal distribution, to double precision, without a statistics package: a
 * power series below |x| = 3 and a continued fraction for the tails (Abramowitz & Stegun
 * 26.2.11 and 26.2.14), so small p-values keep their relative precision.
 */
const invSqrt2Pi = 0.3989422804014327;

/** Density φ(x). */
export function normalPdf(x: number): number {
  return invSqrt2Pi * Math.exp(-0.5 * x * x);
}

/** Upper tail Q(x) = P(Z > x). */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 1 - normalSf(-x);
  if (x === Infinity) return 0;
  if (x < 3) {
    // Φ(x) − ½ = φ(x) · Σ x^(2k+1) / (1·3·5···(2k+1)); all terms positive.
    let term = x;
    let sum = x;
    for (let k = 1; term > 1e-17 * sum; k++) {
      term *= (x * x) / (2 * k + 1);
      sum += term;
    }
    return 0.5 - normalPdf(x) * sum;
  }
  // Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), by the modified Lentz method.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    d = x + k * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + k / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return normalPdf(x) / f;
}

/** Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  return normalSf(-x);
}

/** Two-sided p-value of a z-score: P(|Z| ≥ |z|). */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
