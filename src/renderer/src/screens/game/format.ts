// How the dashboards write numbers: rates are fractions from the core, shown as percent with as
// many decimals as their size needs; differences in percentage points carry their sign; p-values
// never print as a bare 0.

const MINUS = '\u2212';
const counts = new Intl.NumberFormat('en-US');

export function formatCount(value: number | null): string {
  return value === null ? '—' : counts.format(value);
}

/** 0.4951 → "49.5%", 0.0123 → "1.23%", 0.00042 → "0.042%"; null → "—". */
export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  const percent = rate * 100;
  if (percent === 0) return '0%';
  const size = Math.abs(percent);
  if (size >= 99.95 && size < 100) return `${percent.toFixed(2)}%`;
  if (size >= 10) return `${percent.toFixed(1)}%`;
  if (size >= 1) return `${percent.toFixed(2)}%`;
  if (size >= 0.01) return `${percent.toPrecision(2)}%`;
  return percent > 0 ? '<0.01%' : `${MINUS}<0.01%`;
}

/** A difference in percentage points with its sign: "+0.42 pp", "−1.3 pp", "0.00 pp". */
export function formatPp(deltaPp: number | null): string {
  if (deltaPp === null || !Number.isFinite(deltaPp)) return '—';
  const size = Math.abs(deltaPp);
  const digits = size >= 10 ? 1 : 2;
  const text = size.toFixed(digits);
  if (Number(text) === 0) return `0.${'0'.repeat(digits)} pp`;
  return `${deltaPp > 0 ? '+' : MINUS}${text} pp`;
}

/** "p = 0.42", "p = 0.031", "p < 0.001". */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p >= 0.1 ? p.toFixed(2) : p.toFixed(3)}`;
}

/** A multiplier as a number: "1.00×", "1,234.56×", "2.4M×". */
export function formatTimes(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M×`;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`;
}

/** A threshold label: 2 → "2×", 1.5 → "1.5×", 1000 → "1,000×". */
export function formatThreshold(value: number): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}×`;
}

/** A mean wait: 1.98 → "1.98", 99 → "99", 1234.5 → "1,235". */
export function formatWait(rounds: number | null): string {
  if (rounds === null || !Number.isFinite(rounds)) return '—';
  if (rounds >= 100) return counts.format(Math.round(rounds));
  return rounds.toFixed(rounds >= 10 ? 1 : 2);
}

/** "1 in 37" for a probability, or "—". */
export function formatOneIn(probability: number | null): string {
  if (probability === null || !(probability > 0)) return '—';
  const inverse = 1 / probability;
  return `1 in ${inverse >= 100 ? counts.format(Math.round(inverse)) : inverse.toFixed(inverse >= 10 ? 0 : 1)}`;
}

const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money in dollars, compact from 10K: "$812.40", "$7,816.15", "$12.3K", "$4.1M". */
export function formatDollars(amount: number | null): string {
  if (amount === null || !Number.isFinite(amount)) return '—';
  if (Math.abs(amount) >= 1e6) return `$${(amount / 1e6).toFixed(1)}M`;
  if (Math.abs(amount) >= 1e4) return `$${(amount / 1e3).toFixed(1)}K`;
  return `$${cents.format(amount)}`;
}

/** A round's time in the viewer's clock: "Jun 1, 14:05:09". */
const instant = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
export function formatInstant(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : instant.format(date);
}
