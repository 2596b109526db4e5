import { randomUUID } from 'node:crypto';
import type { RoundlogService } from '../../../shared/contract';
import type { ExportProgress, StartExportInput, StartExportOutput } from '../../../shared/transfer';
import { Emitter } from '../emitter';
import { exportFileBase, exportsFolder, freeExportFile } from './export-names';
import type { ExportFailure, ExportOutcome } from './export-job';
import { FORMAT_EXTENSION } from './export-rounds';
import { startExportTask, type ExportTask } from './export-runner';
import { rangeOfRequest } from './time-range';
import { TransferCancelled } from './transfer-error';

// The contract's export requests, answered above whichever core is running (the app host holds
// one). The page never names a path: every export goes to `<data folder>/exports/` under a name
// made here from the game, the range and the format, and the reply says where. Exports read the
// history through their own read-only snapshot, so a settings change that restarts recording does
// not disturb one in progress, and each runs on a worker thread of its own (export-runner.ts).

export type TransferRequests = Pick<RoundlogService, 'startExport' | 'cancelExport' | 'onExportProgress'>;

export interface TransferServiceOptions {
  readonly dataDir: string;
  /** The history file of the core running now. */
  readonly historyFile: () => Promise<string>;
  readonly nativeBinding?: string;
  /** The built `export-worker.js`: exports then run off the main thread (else inline). */
  readonly exportWorker?: URL;
  readonly clockUs?: () => number;
  readonly log?: (message: string) => void;
}

/** Progress is pushed at most this often while an export runs (and once when it ends). */
const PROGRESS_EVERY_MS = 100;

export function createTransferService(options: TransferServiceOptions): TransferRequests & { dispose(): Promise<void> } {
  const clockUs = options.clockUs ?? (() => Date.now() * 1000);
  const progress = new Emitter<ExportProgress>();
  const running = new Map<string, { task: ExportTask; file: string; done: Promise<void> }>();

  const startExport = async (input: StartExportInput): Promise<StartExportOutput> => {
    const nowUs = clockUs();
    const historyFile = await options.historyFile();
    const range = rangeOfRequest(input.range, nowUs);
    const label = input.range === 'all' ? 'all' : typeof input.range === 'string' ? `last-${input.range}` : undefined;
    // Not a name taken on disk, nor one an export still writing will take.
    const taken = new Set([...running.values()].map((job) => job.file));
    const file = freeExportFile(exportsFolder(options.dataDir), exportFileBase(input.game, range, nowUs, label), FORMAT_EXTENSION[input.format], taken);
    const exportId = randomUUID();
    let total = 0;
    const push = (state: ExportProgress['state'], rows: number, message: string | null = null): void =>
      progress.emit({ exportId, state, rows, total, file, message });
    let lastPush = 0;
    const task = startExportTask(
      options.exportWorker ?? null,
      { historyFile, game: input.game, range, format: input.format, file, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) },
      (rows) => {
        const now = Date.now();
        if (now - lastPush < PROGRESS_EVERY_MS) return;
        lastPush = now;
        push('running', rows);
      },
    );
    const report = (outcome: ExportOutcome): void => {
      if (outcome.state === 'done') return push('done', outcome.rows);
      if (outcome.state === 'cancelled') return push('cancelled', 0, new TransferCancelled('export').message);
      options.log?.(`export to ${file} failed: ${outcome.failure.message}`);
      push('failed', 0, failedMessage(outcome.failure, exportsFolder(options.dataDir)));
    };
    // An export that cannot open answers the request with its error and pushes nothing.
    const done = task.opened
      .then(
        async (opened) => {
          total = opened;
          report(await task.finished);
        },
        () => undefined,
      )
      .finally(() => running.delete(exportId));
    running.set(exportId, { task, file, done });
    return { exportId, file, total: await task.opened };
  };

  return {
    startExport,
    cancelExport: async ({ exportId }) => {
      running.get(exportId)?.task.cancel();
      return null;
    },
    onExportProgress: (listener) => progress.on(listener),
    dispose: async () => {
      const jobs = [...running.values()];
      for (const job of jobs) job.task.cancel();
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}

function failedMessage(failure: ExportFailure, folder: string): string {
  if (failure.userFacing) return failure.message;
  return `The export could not be written (${failure.code ?? failure.message}). Check the free space in ${folder}.`;
}
