// χ² goodness of fit across an outcome's cells (game-math.md §5): segments of a wheel, or bins of
// a crash histogram with probabilities S(a) − S(b). The tail probability is the regularized upper
// incomplete gamma function, computed as in Numerical Recipes (§6.2): a series below a + 1, a
// continued fraction (modified Lentz) above it. Both converge to ~1e-15 relative.

export interface GoodnessOfFit {
  /** Σ (observed − expected)² / expected over the cells after merging. */
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  /** P(χ² ≥ statistic) when the observations follow the expected shares. */
  readonly pValue: number;
  /** Cells the test used, after merging. */
  readonly cells: number;
  /** Cells merged away into a neighbour because their expected count was below 5. */
  readonly merged: number;
}

export interface ChiSquareCell {
  readonly observed: number;
  readonly expected: number;
}

const MIN_EXPECTED = 5;

// Lanczos approximation, g = 7, n = 9 (the coefficients Boost and Numerical Recipes 3 use):
// |relative error| < 1e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-15;
const MAX_ITERATIONS = 10_000;
const TINY = 1e-300;

/** P(a, x) by its series; converges quickly for x < a + 1. */
function lowerGammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction; converges quickly for x ≥ a + 1. */
function upperGammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a). */
export function upperGamma(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`upperGamma: shape ${a} must be positive`);
  if (!(x > 0)) return 1;
  return x < a + 1 ? 1 - lowerGammaSeries(a, x) : upperGammaFraction(a, x);
}

/** P(X ≥ x) for X ~ χ² with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  return upperGamma(df / 2, x / 2);
}

/**
 * Merges every cell whose expected count is below 5 into a neighbour, smallest first: the
 * smallest cell joins whichever adjacent cell (in the given order) expects less. Adjacency keeps
 * merged crash bins contiguous ranges of x.
 */
function mergeSmallCells(cells: readonly ChiSquareCell[]): ChiSquareCell[] {
  const merged = cells.map((cell) => ({ observed: cell.observed, expected: cell.expected }));
  while (merged.length > 1) {
    let smallest = 0;
    merged.forEach((cell, i) => cell.expected < (merged[smallest] as ChiSquareCell).expected && (smallest = i));
    if ((merged[smallest] as ChiSquareCell).expected >= MIN_EXPECTED) break;
    const left = merged[smallest - 1];
    const right = merged[smallest + 1];
    const into = right === undefined || (left !== undefined && left.expected <= right.expected) ? smallest - 1 : smallest + 1;
    const [gone] = merged.splice(smallest, 1) as [ChiSquareCell];
    const target = merged[into > smallest ? into - 1 : into] as { observed: number; expected: number };
    target.observed += gone.observed;
    target.expected += gone.expected;
  }
  return merged;
}

/**
 * Pearson's χ² test of observed counts against expected counts (N·p per cell, so both add up to
 * N). Null when fewer than 2 cells remain after merging, or nothing was expected at all.
 */
export function chiSquareTest(cells: readonly ChiSquareCell[]): GoodnessOfFit | null {
  for (const cell of cells) {
    if (!(cell.expected >= 0 && cell.observed >= 0)) throw new RangeError(`chiSquareTest: negative or NaN cell ${JSON.stringify(cell)}`);
  }
  if (cells.reduce((total, cell) => total + cell.expected, 0) === 0) return null;
  const used = mergeSmallCells(cells);
  if (used.length < 2) return null;
  const statistic = used.reduce((total, cell) => total + (cell.observed - cell.expected) ** 2 / cell.expected, 0);
  const degreesOfFreedom = used.length - 1;
  return {
    statistic,
    degreesOfFreedom,
    pValue: chiSquareSurvival(statistic, degreesOfFreedom),
    cells: used.length,
    merged: cells.length - used.length,
  };
}
