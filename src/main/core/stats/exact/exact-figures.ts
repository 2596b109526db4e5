import type { CrashLaw } from '../../../../shared/game-law/crash-law';
import { ksFromSorted, ksPValue } from '../theory/kolmogorov';

// The figures that need every multiplier of a window: exact percentiles, and the exact KS
// statistic against the game's law. Pure, so the worker and the tests run the same code.

export interface ExactFigures {
  readonly rounds: number;
  readonly median: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly ks: { readonly statistic: number; readonly at: number; readonly pValue: number } | null;
}

/** The q-quantile interpolated between ranks (PostgreSQL percentile_cont), as the vendor computes it. */
export function percentileCont(sorted: Float64Array, q: number): number | null {
  const count = sorted.length;
  if (count === 0) return null;
  const rank = q * (count - 1);
  const below = Math.floor(rank);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, count - 1)] as number;
  return low + (high - low) * (rank - below);
}

/**
 * Multipliers are shown floored to a grid (Stake's hundredths, Duel's ten-thousandths); a law
 * S(x) = P(M ≥ x) is exact only on that grid. The grid is read from the values themselves.
 */
export function multiplierGrid(sorted: Float64Array): number {
  for (const value of sorted) if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return 0.0001;
  return 0.01;
}

export function exactFigures(sorted: Float64Array, law: CrashLaw | null): ExactFigures {
  let ks: ExactFigures['ks'] = null;
  if (law !== null && sorted.length > 0) {
    const grid = multiplierGrid(sorted);
    // P(M ≤ v) = 1 − S(next grid value); P(M < v) = 1 − S(v).
    const distance = ksFromSorted(
      sorted,
      (v) => 1 - law.survival(Math.round((v + grid) / grid) * grid),
      (v) => 1 - law.survival(v),
    );
    if (distance !== null) ks = { statistic: distance.statistic, at: distance.x, pValue: ksPValue(distance.statistic, sorted.length) };
  }
  return { rounds: sorted.length, median: percentileCont(sorted, 0.5), p95: percentileCont(sorted, 0.95), p99: percentileCont(sorted, 0.99), ks };
}
