// Decimal numerics go out as JSON strings, as the seed promises ("to preserve precision").

/** `"1234.56"` for a whole number of cents. */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const fraction = magnitude % 100;
  return `${sign}${(magnitude - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** A ratio or rate with 4 decimals (`"0.9900"`), or null when it is undefined (0/0). */
export function fixedText(value: number | null, digits = 4): string | null {
  return value === null || !Number.isFinite(value) ? null : value.toFixed(digits);
}

/**
 * The exact mean of multipliers given in units of 1/10,000, to 16 decimals as the seed's
 * `"9.3272619828456105"` (trailing zeros trimmed to 4), computed in integers.
 */
export function meanText(sumUnits: number, count: number): string | null {
  if (count === 0) return null;
  const scaled = (BigInt(sumUnits) * 10n ** 12n) / BigInt(count);
  const whole = scaled / 10n ** 16n;
  const fraction = (scaled % 10n ** 16n).toString().padStart(16, '0').replace(/0{1,12}$/, '');
  return `${whole}.${fraction}`;
}

/**
 * The q-quantile of sorted multipliers in units of 1/10,000, interpolated linearly between ranks
 * (PostgreSQL percentile_cont, numpy's default), with 4 decimals.
 */
export function quantileText(sortedUnits: ArrayLike<number>, q: number): string | null {
  const count = sortedUnits.length;
  if (count === 0) return null;
  const rank = q * (count - 1);
  const below = Math.floor(rank);
  const low = sortedUnits[below] as number;
  const high = sortedUnits[Math.min(below + 1, count - 1)] as number;
  return ((low + (high - low) * (rank - below)) / 10_000).toFixed(4);
}
