// The multiplier thresholds the vendor's stats use (seed: delays "1.5x … 1000x"), shared by the
// sandbox's endpoints and the local statistics so both count the same things.

/** Every threshold counted: delays, frequency, and the edges of the log-scale histogram. */
export const HEADLINE_THRESHOLDS: readonly number[] = [1.5, 2, 3, 5, 10, 20, 50, 100, 1000];
/** Runs "below x" are tracked for these. */
export const STREAK_THRESHOLDS: readonly number[] = [2, 3, 5, 10, 20, 50, 100];
/** The delay table of /summary. */
export const SUMMARY_THRESHOLDS: readonly number[] = [2, 10, 50, 100];
/** Hits per hour bucket. */
export const HOURLY_THRESHOLDS: readonly number[] = [2, 10, 50];
/** Histogram bin edges on a log scale: 1× then the headline thresholds; the last bin is open. */
export const DISTRIBUTION_EDGES: readonly number[] = [1, ...HEADLINE_THRESHOLDS];

/**
 * Multipliers are compared in units of 1/10,000, the 4 decimals of the row's string: a
 * `"1.9999"` rounded to hundredths would sit on the wrong side of 2× (game-math.md §1).
 */
export const MULTIPLIER_UNIT = 10_000;

export function toUnits(multiplier: number): number {
  return Math.round(multiplier * MULTIPLIER_UNIT);
}

/** A stored round's multiplier in units, 0 when it is not a number: the rollups and the facts must agree. */
export function roundUnits(multiplier: number): number {
  return Number.isFinite(multiplier) ? toUnits(multiplier) : 0;
}
