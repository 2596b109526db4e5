import { randomUUID } from 'node:crypto';
import type { RoundlogService } from '../../../shared/contract';
import type { ExportProgress, StartExportInput, StartExportOutput } from '../../../shared/transfer';
import { Emitter } from '../emitter';
import { exportFileBase, exportsFolder, freeExportFile } from './export-names';
import { FORMAT_EXTENSION, RoundExport } from './export-rounds';
import { rangeOfRequest } from './time-range';
import { TransferCancelled } from './transfer-error';

// The contract's export requests, answered above whichever core is running (the app host holds
// one). The page never names a path: every export goes to `<data folder>/exports/` under a name
// made here from the game, the range and the format, and the reply says where. Exports read the
// history through their own read-only snapshot, so a settings change that restarts recording does
// not disturb one in progress.

export type TransferRequests = Pick<RoundlogService, 'startExport' | 'cancelExport' | 'onExportProgress'>;

export interface TransferServiceOptions {
  readonly dataDir: string;
  /** The history file of the core running now. */
  readonly historyFile: () => Promise<string>;
  readonly nativeBinding?: string;
  readonly clockUs?: () => number;
  readonly log?: (message: string) => void;
}

/** Progress is pushed at most this often while an export runs (and once when it ends). */
const PROGRESS_EVERY_MS = 100;

export function createTransferService(options: TransferServiceOptions): TransferRequests & { dispose(): Promise<void> } {
  const clockUs = options.clockUs ?? (() => Date.now() * 1000);
  const progress = new Emitter<ExportProgress>();
  const running = new Map<string, { controller: AbortController; file: string; done: Promise<void> }>();

  const startExport = async (input: StartExportInput): Promise<StartExportOutput> => {
    const nowUs = clockUs();
    const historyFile = await options.historyFile();
    const range = rangeOfRequest(input.range, nowUs);
    const exporter = RoundExport.open({
      historyFile,
      game: input.game,
      range,
      format: input.format,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const label = input.range === 'all' ? 'all' : typeof input.range === 'string' ? `last-${input.range}` : undefined;
    // Not a name taken on disk, nor one an export still writing will take.
    const taken = new Set([...running.values()].map((job) => job.file));
    const file = freeExportFile(exportsFolder(options.dataDir), exportFileBase(input.game, range, nowUs, label), FORMAT_EXTENSION[input.format], taken);
    const exportId = randomUUID();
    const controller = new AbortController();
    const total = exporter.total;
    const push = (state: ExportProgress['state'], rows: number, message: string | null = null): void =>
      progress.emit({ exportId, state, rows, total, file, message });
    let lastPush = 0;
    const done = exporter
      .writeTo(file, {
        signal: controller.signal,
        onProgress: (rows) => {
          const now = Date.now();
          if (now - lastPush < PROGRESS_EVERY_MS) return;
          lastPush = now;
          push('running', rows);
        },
      })
      .then(
        (result) => push('done', result.rows),
        (error: unknown) => {
          if (error instanceof TransferCancelled) return push('cancelled', 0, error.message);
          options.log?.(`export to ${file} failed: ${(error as Error).message}`);
          push('failed', 0, `The export could not be written (${(error as { code?: string }).code ?? (error as Error).message}). Check the free space in ${exportsFolder(options.dataDir)}.`);
        },
      )
      .finally(() => running.delete(exportId));
    running.set(exportId, { controller, file, done });
    return { exportId, file, total };
  };

  return {
    startExport,
    cancelExport: async ({ exportId }) => {
      running.get(exportId)?.controller.abort();
      return null;
    },
    onExportProgress: (listener) => progress.on(listener),
    dispose: async () => {
      const jobs = [...running.values()];
      for (const job of jobs) job.controller.abort();
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}
