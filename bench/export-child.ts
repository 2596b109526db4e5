import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { RoundExport } from '../src/main/core/transfer/export-rounds';
import type { ExportFormat } from '../src/shared/transfer';

// One export in a process of its own (out/main/bench-export-child.js, spawned by bench/export.ts),
// so that its memory high-water mark is its own. It takes its job as one JSON argument, exports,
// and prints one JSON line: an ExportMeasure.

export interface ExportJob {
  readonly history: string;
  readonly out: string;
  readonly format: ExportFormat;
  /** Start of the range (finalized_us), or null for the whole history. */
  readonly fromUs: number | null;
}

export interface ExportMeasure {
  readonly rows: number;
  readonly seconds: number;
  /** CPU time of the process (user + system, every thread) over the export: what it cost on a shared machine. */
  readonly cpuSeconds: number;
  /** Resident set size just before the export began. */
  readonly startRssMb: number;
  /** The kernel's high-water mark of this process's resident set since the export began (VmHWM). */
  readonly peakRssMb: number;
  /** Highest resident set size seen by sampling every SAMPLE_MS: a check on peakRssMb, blind between samples. */
  readonly sampledPeakRssMb: number;
  /**
   * getrusage's ru_maxrss. On Linux it counts the parent's resident set at the fork that started
   * this process (the copy exec replaced), so it is reported, never judged.
   */
  readonly maxRssMb: number;
  readonly fileMb: number;
}

const SAMPLE_MS = 20;
const MB = 1024 * 1024;

function parseJob(text: string | undefined): ExportJob {
  const job = JSON.parse(text ?? 'null') as Partial<ExportJob> | null;
  const formats: readonly unknown[] = ['csv', 'jsonl', 'parquet'];
  if (typeof job?.history !== 'string' || typeof job.out !== 'string' || !formats.includes(job.format) || (job.fromUs !== null && typeof job.fromUs !== 'number')) {
    throw new Error(`bench-export-child: not an export job: ${text}`);
  }
  return job as ExportJob;
}

/** Linux: starts the high-water mark again from the current resident set (proc(5), clear_refs). */
function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

function peakRssBytes(): number {
  const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  if (kilobytes === undefined) throw new Error('bench-export-child: no VmHWM in /proc/self/status');
  return Number(kilobytes) * 1024;
}

async function measureExport(job: ExportJob): Promise<ExportMeasure> {
  const startRss = process.memoryUsage.rss();
  let sampledPeak = startRss;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), SAMPLE_MS);
  resetPeakRss();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const range = { fromUs: job.fromUs, untilUs: null };
    const result = await RoundExport.open({ historyFile: job.history, game: 'stake-crash', range, format: job.format }).writeTo(job.out);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
    return {
      rows: result.rows,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      startRssMb: startRss / MB,
      peakRssMb: peakRssBytes() / MB,
      sampledPeakRssMb: sampledPeak / MB,
      // Node reports ru_maxrss in kilobytes.
      maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      fileMb: statSync(job.out).size / MB,
    };
  } finally {
    clearInterval(sampler);
  }
}

process.stdout.write(`${JSON.stringify(await measureExport(parseJob(process.argv[2])))}\n`);
