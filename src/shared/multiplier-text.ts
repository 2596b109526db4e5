// Multipliers arrive as upstream's exact decimal strings ("3.1611"). Casinos show them floored to
// 0.01, so the display and the colour band both use that floored value: a "1.9999" that the
// casino shows as 1.99× must not be coloured as a 2× round.

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d*))?$/;

export type MultiplierBand = 'low' | 'mid' | 'high';

/** Hundredths of the multiplier, floored as the casino displays it; null if not a plain decimal. */
export function multiplierHundredths(exact: string): number | null {
  const match = DECIMAL_PATTERN.exec(exact.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** A number for charts and maths; NaN for a value that is not a plain decimal. */
export function multiplierValue(exact: string): number {
  const match = DECIMAL_PATTERN.exec(exact.trim());
  return match ? Number(exact) : Number.NaN;
}

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const COMPACT_UNITS = [
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'K' },
] as const;

/** "3.16×", "1,234.50×"; an unreadable value is shown as sent rather than hidden. */
export function formatMultiplier(exact: string): string {
  const hundredths = multiplierHundredths(exact);
  return hundredths === null ? `${exact}×` : `${grouped.format(hundredths / 100)}×`;
}

/** Fits a fixed-width chip: values from 10,000× up are shortened ("12.3K×"), never rounded up. */
export function formatMultiplierShort(exact: string): string {
  const hundredths = multiplierHundredths(exact);
  if (hundredths === null || hundredths < 1_000_000) return formatMultiplier(exact);
  const whole = Math.floor(hundredths / 100);
  const unit = COMPACT_UNITS.find(({ size }) => whole >= size) ?? COMPACT_UNITS[2];
  const tenths = Math.floor((whole * 10) / unit.size);
  return `${(tenths / 10).toFixed(1)}${unit.suffix}×`;
}

/** Crash colour bands: below 2×, 2× up to 10×, 10× and above. */
export function multiplierBand(exact: string): MultiplierBand | null {
  const hundredths = multiplierHundredths(exact);
  if (hundredths === null) return null;
  if (hundredths < 200) return 'low';
  if (hundredths < 1000) return 'mid';
  return 'high';
}
