export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: string;
  readonly ok: boolean;
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function format(value: number): string {
  return value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

/** The figures as a table for people and as one JSON line for scripts. */
export function printReport(figures: readonly Figure[], context: Record<string, number>): void {
  const rows = figures.map((f) => [f.name, `${format(f.value)} ${f.unit}`, f.target, f.ok ? 'ok' : 'MISSED']);
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log(JSON.stringify({ context, figures: Object.fromEntries(figures.map((f) => [f.name, { value: Number(f.value.toFixed(3)), unit: f.unit, target: f.target, ok: f.ok }])) }));
}
