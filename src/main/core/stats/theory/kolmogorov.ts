// Kolmogorov–Smirnov test of a crash game's multipliers against F(x) = 1 − S(x) (game-math.md §5).
//
// The p-value is the asymptotic Kolmogorov distribution with Stephens' small-sample correction,
// good to a few per cent of itself for n ≥ 5 or so. It assumes a continuous F. Multipliers are
// floored to 0.01, so the data are discrete: then the true null distribution of D is stochastically
// smaller and this p-value is conservative (too large), i.e. the test rejects less often than its
// nominal level, never more. A small p-value is still evidence; a large one proves little.

export interface CdfPoint {
  /** Where the two CDFs are compared, for the answer ("largest gap at 2×"). */
  readonly x: number;
  /** The share of observations on the same side of x as `theoretical` counts (e.g. P̂(M < x)). */
  readonly empirical: number;
  /** The law's CDF at x, of the same kind: P(M < x) = 1 − S(x) for counts below a bin edge. */
  readonly theoretical: number;
}

export interface KsDistance {
  /** D = the largest |F_emp − F_theo| found. */
  readonly statistic: number;
  /** Where it was found. */
  readonly x: number;
}

/**
 * D over a set of points where both CDFs are known, e.g. the edges of a histogram with exact
 * counts below each edge. Points between the edges are not seen, so this D is a lower bound of the
 * raw data's D, and its p-value errs on the conservative side too. Null when there are no points.
 */
export function ksStatistic(points: Iterable<CdfPoint>): KsDistance | null {
  let best: KsDistance | null = null;
  for (const point of points) {
    const gap = Math.abs(point.empirical - point.theoretical);
    if (best === null || gap > best.statistic) best = { statistic: gap, x: point.x };
  }
  return best;
}

/**
 * The exact D of sorted raw values against a law. `cdf(x)` = P(X ≤ x); `cdfBefore(x)` = P(X < x),
 * which differs from `cdf` only where the law has an atom (defaults to `cdf`, a continuous law).
 * At each distinct value v, with `below` values under v and `atOrBelow` up to it, the ECDF is
 * compared just below v (below/n against P(X < v)) and at v (atOrBelow/n against P(X ≤ v)); the
 * ECDF is flat between values, so ties and discrete laws need no other points. Null when empty.
 */
export function ksFromSorted(
  sortedValues: Float64Array,
  cdf: (x: number) => number,
  cdfBefore: (x: number) => number = cdf,
): KsDistance | null {
  const n = sortedValues.length;
  let best: KsDistance | null = null;
  let below = 0;
  while (below < n) {
    const value = sortedValues[below] as number;
    let atOrBelow = below + 1;
    while (atOrBelow < n && sortedValues[atOrBelow] === value) atOrBelow++;
    const gap = Math.max(Math.abs(below / n - cdfBefore(value)), Math.abs(atOrBelow / n - cdf(value)));
    if (best === null || gap > best.statistic) best = { statistic: gap, x: value };
    below = atOrBelow;
  }
  return best;
}

/** Q_KS(λ) = P(K ≥ λ) of the Kolmogorov distribution. */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  // Below ~1.18 the alternating series converges slowly; the Jacobi-theta form converges fast there.
  if (lambda < 1.18) {
    const factor = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let k = 1; k <= 20; k++) sum += Math.exp(-(2 * k - 1) * (2 * k - 1) * factor);
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** P(D_n ≥ d) under the law, with λ = (√n + 0.12 + 0.11/√n)·d (Stephens 1970). */
export function ksPValue(d: number, n: number): number {
  if (!(n > 0)) return 1;
  const root = Math.sqrt(n);
  return kolmogorovSurvival((root + 0.12 + 0.11 / root) * d);
}
