import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/store/database';
import { createTransferService } from '../../../src/main/core/transfer/transfer-service';
import { isoToMicros } from '../../../src/shared/time';
import type { ExportFormat, ExportProgress, StartExportInput } from '../../../src/shared/transfer';
import { builtExportWorker } from '../../support/built-worker';
import { writeRounds } from '../../support/synthetic-history';
import { useTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { recordHistory } from './recorded-history';

// The app's exports run on a worker thread (the built out/main/export-worker.js): the file is the
// one an inline export writes, progress, cancel, failure and quitting reach the page as before,
// and the main thread keeps answering while a long Parquet export is encoded.

const NOW_US = isoToMicros('2026-06-02T12:00:00Z')!;
const BIG_ROUNDS = 200_000;

type TransferService = ReturnType<typeof createTransferService>;

function service(dataDir: string, historyFile: string, onWorker: boolean): TransferService {
  return createTransferService({
    dataDir,
    historyFile: async () => historyFile,
    clockUs: () => NOW_US,
    ...(onWorker ? { exportWorker: builtExportWorker() } : {}),
    log: () => {},
  });
}

/** Starts an export and collects its events (from before the reply, as the page does) until it ends. */
async function exportWith(transfer: TransferService, input: StartExportInput) {
  const events: ExportProgress[] = [];
  const off = transfer.onExportProgress((event) => events.push(event));
  const started = await transfer.startExport(input);
  const own = (): ExportProgress[] => events.filter((event) => event.exportId === started.exportId);
  const ended = waitFor(() => own().some((event) => event.state !== 'running'), () => JSON.stringify(own()), 25_000).then(() => {
    off();
    return own().at(-1)!;
  });
  return { transfer, started, events: own, ended };
}

describe('an app export on a worker thread', () => {
  let dir: ReturnType<typeof useTempDir>;
  let recorded: string;

  beforeAll(async () => {
    dir = useTempDir();
    recorded = await recordHistory(join(dir.path, 'recorded'));
  }, 60_000);
  afterAll(() => dir.remove());

  it.each<ExportFormat>(['csv', 'jsonl', 'parquet'])('writes the same %s bytes as the same export run inline', async (format) => {
    const inline = service(join(dir.path, `inline-${format}`), recorded, false);
    const worker = service(join(dir.path, `worker-${format}`), recorded, true);
    const fromInline = await exportWith(inline, { game: 'all', range: 'all', format });
    const fromWorker = await exportWith(worker, { game: 'all', range: 'all', format });
    const [inlineEnd, workerEnd] = [await fromInline.ended, await fromWorker.ended];
    expect(workerEnd).toMatchObject({ state: 'done', rows: fromWorker.started.total, total: fromWorker.started.total, message: null });
    expect(fromWorker.started.total).toBe(fromInline.started.total);
    expect(inlineEnd.state).toBe('done');
    expect(basename(fromWorker.started.file)).toBe(basename(fromInline.started.file));
    expect(readFileSync(fromWorker.started.file).equals(readFileSync(fromInline.started.file))).toBe(true);
  });

  it('an export of a game the history does not hold is refused with the same error as inline', async () => {
    const input: StartExportInput = { game: 'lightningdice', range: 'all', format: 'csv' };
    const refusal = { code: 'unknown_game', message: 'This history holds no rounds of lightningdice.' };
    await expect(service(join(dir.path, 'inline-unknown'), recorded, false).startExport(input)).rejects.toMatchObject(refusal);
    await expect(service(join(dir.path, 'worker-unknown'), recorded, true).startExport(input)).rejects.toMatchObject(refusal);
  });

  it('an export that cannot be written ends as failed, saying why as an inline one does', async () => {
    const ends: ExportProgress[] = [];
    for (const onWorker of [false, true]) {
      const dataDir = join(dir.path, onWorker ? 'worker-blocked' : 'inline-blocked');
      mkdirSync(dataDir);
      // The exports folder cannot be made: a file holds its name.
      writeFileSync(join(dataDir, 'exports'), 'not a folder');
      const run = await exportWith(service(dataDir, recorded, onWorker), { game: 'stake-crash', range: 'all', format: 'parquet' });
      ends.push(await run.ended);
    }
    const [inlineEnd, workerEnd] = ends;
    expect(workerEnd).toMatchObject({ state: 'failed', rows: 0 });
    expect(workerEnd!.message).toMatch(/\.parquet could not be written: a file holds the name of its folder\. Move that file, or choose another folder\. Nothing of it was kept\.$/);
    expect(workerEnd!.message!.replace('worker-blocked', 'inline-blocked')).toBe(inlineEnd!.message);
  });
});

describe('a long app export on a worker thread', () => {
  let dir: ReturnType<typeof useTempDir>;
  let big: string;

  beforeAll(() => {
    dir = useTempDir();
    big = join(dir.path, 'big.sqlite');
    const db = openDatabase(big);
    writeRounds(db, { count: BIG_ROUNDS, endUs: NOW_US - 60_000_000, firstIndex: 7_393_228_772_258_146_753n });
    db.close();
  }, 60_000);
  afterAll(() => dir.remove());

  /** Gaps between the ticks of a 10 ms timer on this thread while `work` runs. */
  async function timerGapsDuring(work: () => Promise<unknown>): Promise<number[]> {
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 10);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
    return gaps;
  }

  it('keeps the main thread free while a long Parquet export is encoded, where inline it stalls for whole row groups', async () => {
    const inline = service(join(dir.path, 'inline-timer'), big, false);
    const inlineGaps = await timerGapsDuring(async () => (await exportWith(inline, { game: 'stake-crash', range: 'all', format: 'parquet' })).ended);
    const worker = service(join(dir.path, 'worker-timer'), big, true);
    const run = await exportWith(worker, { game: 'stake-crash', range: 'all', format: 'parquet' });
    const workerGaps = await timerGapsDuring(() => run.ended);
    expect(run.events().at(-1)).toMatchObject({ state: 'done', rows: BIG_ROUNDS, total: BIG_ROUNDS });
    // Loose on purpose: the same export, measured against itself run inline on a busy machine.
    expect(Math.max(...workerGaps)).toBeLessThan(Math.max(...inlineGaps) / 3);
    expect(workerGaps.length).toBeGreaterThan(inlineGaps.length * 3);
  }, 90_000);

  it('pushes progress as the worker writes, rows growing up to the total', async () => {
    const run = await exportWith(service(join(dir.path, 'progress'), big, true), { game: 'stake-crash', range: 'all', format: 'csv' });
    await run.ended;
    const rows = run.events().filter((event) => event.state === 'running').map((event) => event.rows);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(Math.max(...rows)).toBeLessThanOrEqual(BIG_ROUNDS);
    expect(run.events().at(-1)).toMatchObject({ state: 'done', rows: BIG_ROUNDS, total: BIG_ROUNDS, message: null });
    expect(readFileSync(run.started.file, 'utf8').trimEnd().split('\n').length).toBe(BIG_ROUNDS + 1);
  });

  it('a cancel mid-way ends the export as cancelled and leaves nothing in the exports folder', async () => {
    const dataDir = join(dir.path, 'cancel');
    const run = await exportWith(service(dataDir, big, true), { game: 'stake-crash', range: 'all', format: 'parquet' });
    await waitFor(() => run.events().some((event) => event.rows > 0), () => 'a first page written');
    await run.transfer.cancelExport({ exportId: run.started.exportId });
    const end = await run.ended;
    expect(end).toMatchObject({ state: 'cancelled', rows: 0, total: BIG_ROUNDS, message: 'The export was cancelled; no file was written.' });
    expect(run.events().filter((event) => event.state === 'running').every((event) => event.rows < BIG_ROUNDS)).toBe(true);
    expect(existsSync(run.started.file)).toBe(false);
    expect(readdirSync(join(dataDir, 'exports'))).toEqual([]);
  });

  it('disposing the service (the app quitting) cancels a running export and waits until its worker has cleaned up', async () => {
    const dataDir = join(dir.path, 'quit');
    const transfer = service(dataDir, big, true);
    const run = await exportWith(transfer, { game: 'stake-crash', range: 'all', format: 'parquet' });
    await waitFor(() => run.events().some((event) => event.rows > 0), () => 'a first page written');
    await transfer.dispose();
    expect(run.events().at(-1)).toMatchObject({ state: 'cancelled', message: 'The export was cancelled; no file was written.' });
    expect(readdirSync(join(dataDir, 'exports'))).toEqual([]);
  });
});
