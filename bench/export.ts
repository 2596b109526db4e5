import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/main/core/store/database';
import { RoundExport } from '../src/main/core/transfer/export-rounds';
import type { ExportFormat } from '../src/shared/transfer';
import { writeRounds } from '../test/support/synthetic-history';
import type { Figure } from './report';

// Export of a long history: 1,000,000 Stake Crash rounds (synthetic, ~330 bytes of row text each)
// to CSV, JSON Lines and Parquet, timed from opening the snapshot to the file renamed into place,
// with the process's resident memory sampled while it runs. Memory is flat if the growth over the
// run does not grow with the number of rows: the CSV export of a quarter of the rounds is the
// reference it is held against.

const DEFAULT_ROUNDS = 1_000_000;
const END_US = Date.UTC(2026, 4, 1, 12, 30) * 1000;
const FIRST_INDEX = 7_393_228_772_258_146_753n;
const SAMPLE_MS = 20;
const MB = 1024 * 1024;

interface ExportRun {
  readonly seconds: number;
  readonly rows: number;
  /** Peak resident set size during the run, above what it was when the run began. */
  readonly rssGrowthMb: number;
  readonly fileMb: number;
}

async function timedExport(history: string, out: string, format: ExportFormat, range: { fromUs: number | null; untilUs: number | null }): Promise<ExportRun> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), SAMPLE_MS);
  const started = performance.now();
  try {
    const result = await RoundExport.open({ historyFile: history, game: 'stake-crash', range, format }).writeTo(out);
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { seconds, rows: result.rows, rssGrowthMb: (peak - baseline) / MB, fileMb: statSync(out).size / MB };
  } finally {
    clearInterval(sampler);
    rmSync(out, { force: true });
  }
}

export async function exportFigures(dir: string): Promise<{ figures: Figure[]; context: Record<string, number> }> {
  const count = Number(process.env.ROUNDLOG_BENCH_EXPORT_ROUNDS ?? DEFAULT_ROUNDS);
  const history = join(dir, 'export-history.sqlite');
  const db = openDatabase(history);
  const written = writeRounds(db, { count, endUs: END_US, firstIndex: FIRST_INDEX });
  db.close();
  const everything = { fromUs: null, untilUs: null };
  // The newest quarter of the rounds, for the memory reference.
  const quarterFrom = written.lastUs - Math.floor((written.lastUs - written.firstUs) / 4);
  const quarter = await timedExport(history, join(dir, 'quarter.csv'), 'csv', { fromUs: quarterFrom, untilUs: null });
  const csv = await timedExport(history, join(dir, 'all.csv'), 'csv', everything);
  const jsonl = await timedExport(history, join(dir, 'all.jsonl'), 'jsonl', everything);
  const parquet = await timedExport(history, join(dir, 'all.parquet'), 'parquet', everything);
  rmSync(history, { force: true });
  const perSecond = (run: ExportRun): number => run.rows / run.seconds;
  const csvSeconds1m = (csv.seconds * 1_000_000) / csv.rows;
  // Flat: exporting four times the rows may not cost more than a few MB of extra peak memory.
  const flat = csv.rssGrowthMb <= quarter.rssGrowthMb + 16;
  return {
    figures: [
      { name: 'export_csv_1m_rounds_s', value: csvSeconds1m, unit: 's', target: '<= 5', ok: csvSeconds1m <= 5 },
      { name: 'export_csv_rounds_per_s', value: perSecond(csv), unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'export_csv_rss_growth_mb', value: csv.rssGrowthMb, unit: 'MB', target: 'flat (<= quarter + 16)', ok: flat },
      { name: 'export_csv_quarter_rss_growth_mb', value: quarter.rssGrowthMb, unit: 'MB', target: 'reference', ok: true },
      { name: 'export_jsonl_rounds_per_s', value: perSecond(jsonl), unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'export_jsonl_rss_growth_mb', value: jsonl.rssGrowthMb, unit: 'MB', target: 'reference', ok: true },
      { name: 'export_parquet_rounds_per_s', value: perSecond(parquet), unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'export_parquet_rss_growth_mb', value: parquet.rssGrowthMb, unit: 'MB', target: 'reference', ok: true },
    ],
    context: {
      export_rounds: csv.rows,
      export_quarter_rounds: quarter.rows,
      export_csv_mb: Math.round(csv.fileMb),
      export_jsonl_mb: Math.round(jsonl.fileMb),
      export_parquet_mb: Math.round(parquet.fileMb),
    },
  };
}
