import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExportFormat } from '../src/shared/transfer';
import type { ExportJob, ExportMeasure } from './export-child';
import { writeExportHistory } from './export-history';
import type { Figure } from './report';

// Export of a long history: 10,000,000 Stake Crash rounds (bench/export-history.ts, rows the size
// of real ones) to CSV, JSON Lines and Parquet. Every export runs in a child process of its own
// (bench/export-child.ts), timed from opening the snapshot to the file renamed into place, and
// reports the kernel's high-water mark of that process's resident memory from the moment the
// export began. Memory is flat when the whole history's export peaks no higher than the export
// of its newest tenth, give or take FLAT_FACTOR and FLAT_SLACK_MB (the heap's size swings by
// ±10 MB from run to run with the timing of garbage collection). The peak's growth per extra row
// is reported beside the verdict: 1 byte a row is 9 MB between the two. The 1,000,000-round CSV
// time is the tenth's run.

const DEFAULT_ROUNDS = 10_000_000;
const FORMATS: readonly ExportFormat[] = ['csv', 'jsonl', 'parquet'];
/** Flat: the full export's peak ≤ FLAT_FACTOR × the tenth's peak + FLAT_SLACK_MB. */
const FLAT_FACTOR = 1.25;
const FLAT_SLACK_MB = 32;
const LANES = process.env.ROUNDLOG_BENCH_EXPORT_LANES === '1' ? 1 : 2;
const CHILD = fileURLToPath(new URL('./bench-export-child.js', import.meta.url));

function runChild(job: ExportJob): Promise<ExportMeasure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(output.trim().split('\n').at(-1)!) as ExportMeasure);
      else reject(new Error(`export child (${job.format}) exited with ${code}: ${output}`));
    });
  });
}

/** Runs one export in its own process and deletes its file once measured. */
async function measuredExport(job: ExportJob): Promise<ExportMeasure> {
  try {
    return await runChild(job);
  } finally {
    rmSync(job.out, { force: true });
  }
}

interface FormatRuns {
  readonly format: ExportFormat;
  readonly tenth: ExportMeasure;
  readonly full: ExportMeasure;
}

function formatFigures({ format, tenth, full }: FormatRuns): Figure[] {
  const limit = FLAT_FACTOR * tenth.peakRssMb + FLAT_SLACK_MB;
  return [
    { name: `export_${format}_rounds_per_s`, value: full.rows / full.seconds, unit: 'rounds/s', target: 'reference', ok: true },
    { name: `export_${format}_tenth_peak_rss_mb`, value: tenth.peakRssMb, unit: 'MB', target: 'reference', ok: true },
    {
      name: `export_${format}_full_peak_rss_mb`,
      value: full.peakRssMb,
      unit: 'MB',
      target: `flat: <= ${limit.toFixed(0)} (${FLAT_FACTOR} × tenth + ${FLAT_SLACK_MB})`,
      ok: full.peakRssMb <= limit,
    },
  ];
}

function formatContext({ format, tenth, full }: FormatRuns): Record<string, number> {
  const round = (mb: number): number => Math.round(mb * 10) / 10;
  return {
    [`export_${format}_full_s`]: round(full.seconds),
    [`export_${format}_tenth_s`]: round(tenth.seconds),
    [`export_${format}_full_file_mb`]: Math.round(full.fileMb),
    [`export_${format}_full_start_rss_mb`]: round(full.startRssMb),
    [`export_${format}_full_sampled_peak_rss_mb`]: round(full.sampledPeakRssMb),
    [`export_${format}_tenth_sampled_peak_rss_mb`]: round(tenth.sampledPeakRssMb),
    [`export_${format}_full_maxrss_mb`]: round(full.maxRssMb),
    [`export_${format}_tenth_maxrss_mb`]: round(tenth.maxRssMb),
    // What a per-row cost would look like: the peak's growth per row between the two runs.
    [`export_${format}_peak_bytes_per_extra_row`]: round(((full.peakRssMb - tenth.peakRssMb) * 1024 * 1024) / (full.rows - tenth.rows)),
  };
}

type Size = 'tenth' | 'full';

/**
 * Every export, in two lanes for the two cores: the longest (Parquet of the whole history,
 * CPU-bound in hyparquet-writer's JS) alone in one, the others one after another in the other.
 * The CSV export of the tenth, timed against its target, runs first with nothing beside it.
 * ROUNDLOG_BENCH_EXPORT_LANES=1 runs them all one at a time.
 */
async function runExports(history: string, dir: string, tenthFromUs: number): Promise<FormatRuns[]> {
  const measures = new Map<string, ExportMeasure>();
  const lane = async (exports: readonly (readonly [ExportFormat, Size])[]): Promise<void> => {
    for (const [format, size] of exports) {
      const job: ExportJob = { history, out: join(dir, `export-${size}.${format}`), format, fromUs: size === 'tenth' ? tenthFromUs : null };
      measures.set(`${format} ${size}`, await measuredExport(job));
    }
  };
  await lane([['csv', 'tenth']]);
  const others = [['csv', 'full'], ['jsonl', 'tenth'], ['jsonl', 'full'], ['parquet', 'tenth']] as const;
  if (LANES === 1) await lane([...others, ['parquet', 'full']]);
  else await Promise.all([lane([['parquet', 'full']]), lane(others)]);
  return FORMATS.map((format) => ({ format, tenth: measures.get(`${format} tenth`)!, full: measures.get(`${format} full`)! }));
}

export async function exportFigures(dir: string): Promise<{ figures: Figure[]; context: Record<string, number> }> {
  const groupStarted = performance.now();
  const count = Number(process.env.ROUNDLOG_BENCH_EXPORT_ROUNDS ?? DEFAULT_ROUNDS);
  const history = join(dir, 'export-history.sqlite');
  try {
    const written = writeExportHistory(history, count, Math.floor(count / 10));
    const runs = await runExports(history, dir, written.newestFromUs);
    for (const { format, full } of runs) if (full.rows !== count) throw new Error(`the ${format} export wrote ${full.rows} of ${count} rounds`);
    const csvTenth = runs[0]!.tenth;
    const csvSeconds1m = (csvTenth.seconds * 1_000_000) / csvTenth.rows;
    return {
      figures: [
        { name: 'export_csv_1m_rounds_s', value: csvSeconds1m, unit: 's', target: '<= 5', ok: csvSeconds1m <= 5 },
        ...runs.flatMap(formatFigures),
      ],
      context: {
        export_rounds: count,
        export_tenth_rounds: csvTenth.rows,
        export_history_write_s: Math.round(written.seconds),
        export_csv_tenth_cpu_s: Math.round(csvTenth.cpuSeconds * 10) / 10,
        export_lanes: LANES,
        ...Object.assign({}, ...runs.map(formatContext)),
        export_group_s: Math.round((performance.now() - groupStarted) / 1000),
      },
    };
  } finally {
    rmSync(history, { force: true });
    rmSync(`${history}-wal`, { force: true });
    rmSync(`${history}-shm`, { force: true });
  }
}
