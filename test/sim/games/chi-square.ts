// Pearson's χ² goodness-of-fit test, for the statistical tests of the games: counts against
// expected probabilities, cells with an expected count below 5 merged (game-math.md §5), and the
// p-value from the regularized upper incomplete gamma function Q(k/2, χ²/2).

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): ample for p-value thresholds. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Q(a, x) = Γ(a, x)/Γ(a): a series below a + 1, a continued fraction (Lentz) above. */
export function upperRegularizedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(logPrefix) * h;
}

export interface ChiSquare {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
}

/**
 * χ² of `observed` counts against `probabilities` (same order, summing to 1). Adjacent cells
 * are merged until each expects at least 5, so order related cells (bins) next to each other.
 */
export function chiSquare(observed: readonly number[], probabilities: readonly number[]): ChiSquare {
  if (observed.length !== probabilities.length) throw new Error('chiSquare: one probability per cell');
  const total = observed.reduce((sum, count) => sum + count, 0);
  const cells: { observed: number; expected: number }[] = [];
  let pending = { observed: 0, expected: 0 };
  for (let i = 0; i < observed.length; i++) {
    pending.observed += observed[i] as number;
    pending.expected += (probabilities[i] as number) * total;
    if (pending.expected >= 5) {
      cells.push(pending);
      pending = { observed: 0, expected: 0 };
    }
  }
  if (pending.expected > 0 || pending.observed > 0) {
    const last = cells.at(-1);
    if (last === undefined) cells.push(pending);
    else {
      last.observed += pending.observed;
      last.expected += pending.expected;
    }
  }
  let statistic = 0;
  for (const cell of cells) statistic += (cell.observed - cell.expected) ** 2 / cell.expected;
  const degreesOfFreedom = cells.length - 1;
  return { statistic, degreesOfFreedom, pValue: upperRegularizedGamma(degreesOfFreedom / 2, statistic / 2) };
}

/** Counts of each key of `cells` among `outcomes`; an outcome outside the cells fails loudly. */
export function countCells<K>(outcomes: Iterable<K>, cells: readonly K[]): number[] {
  const position = new Map(cells.map((cell, i) => [cell, i]));
  const counts = cells.map(() => 0);
  for (const outcome of outcomes) {
    const i = position.get(outcome);
    if (i === undefined) throw new Error(`outcome ${String(outcome)} is not a cell of the table`);
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/** The p-value below which a seeded sample fails: with fixed seeds a test never flickers. */
export const P_THRESHOLD = 1e-4;
