// The Wilson score interval for a binomial rate (game-math.md §5): unlike the normal ±z·SE band it
// stays inside [0, 1] and keeps its coverage near 0 and 1 hits, where rare segments live.

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** z of a two-sided 95% interval, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/** The Wilson interval of hits/trials; null when there were no trials. */
export function wilsonInterval(hits: number, trials: number, z = Z_95): Interval | null {
  if (!(hits >= 0 && hits <= trials)) throw new RangeError(`wilsonInterval: ${hits} hits out of ${trials} trials`);
  if (trials === 0) return null;
  const rate = hits / trials;
  const z2n = (z * z) / trials;
  const centre = (rate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / trials + z2n / (4 * trials));
  // At 0 hits (all hits) the low (high) bound is exactly 0 (1); rounding would leave 1e-17 off.
  return { low: hits === 0 ? 0 : Math.max(0, centre - half), high: hits === trials ? 1 : Math.min(1, centre + half) };
}
