// Pearson's χ² goodness-of-fit test, for the statistical tests of the games: counts against
// expected probabilities, cells with an expected count below 5 merged (game-math.md §5), and the
// p-value from the regularized upper incomplete gamma function Q(k/2, χ²/2).

import { upperGamma } from '../../../src/main/core/stats/theory/chi-square';

/** The app's own regularized upper incomplete gamma Q(a, x), so sandbox and app share one χ². */
export { upperGamma as upperRegularizedGamma };

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
  return { statistic, degreesOfFreedom, pValue: upperGamma(degreesOfFreedom / 2, statistic / 2) };
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
