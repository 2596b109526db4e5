import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { errorOf, failureOf, openExport, writeExport, type ExportCommand, type ExportJob, type ExportOutcome, type ExportReport } from './export-job';
import { temporaryFileOf } from './export-rounds';
import { TransferCancelled } from './transfer-error';

// An app export runs on a worker thread of its own, so the main process (IPC, live recording)
// never waits on a Parquet row group. A cancel is a message: the worker aborts and RoundExport
// removes its temporary file, exactly as inline. A worker that has not ended a few seconds after
// the cancel is terminated. Without a worker file (unit tests that do not build) the same export
// runs inline.

/** How long a cancelled worker may take to clean up before it is terminated. */
export const CANCEL_GRACE_MS = 5_000;

/** One export under way, wherever it runs. */
export interface ExportTask {
  /** Rounds it will write, once its snapshot is open; rejects as RoundExport.open throws. */
  readonly opened: Promise<number>;
  /** How it ended (after `opened`), once nothing of it runs any more; never rejects. */
  readonly finished: Promise<ExportOutcome>;
  cancel(): void;
}

export function startExportTask(workerUrl: URL | null, job: ExportJob, onProgress: (rows: number) => void): ExportTask {
  return workerUrl === null ? exportInline(job, onProgress) : exportOnWorker(workerUrl, job, onProgress);
}

function exportInline(job: ExportJob, onProgress: (rows: number) => void): ExportTask {
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  try {
    const exporter = openExport(job);
    return { opened: Promise.resolve(exporter.total), finished: writeExport(exporter, job, controller.signal, onProgress), cancel };
  } catch (error) {
    return { opened: Promise.reject(error as Error), finished: Promise.resolve({ state: 'failed', failure: failureOf(error) }), cancel };
  }
}

function exportOnWorker(workerUrl: URL, job: ExportJob, onProgress: (rows: number) => void): ExportTask {
  const worker = new Worker(workerUrl, { workerData: job });
  let open!: (total: number) => void;
  let notOpened!: (error: Error) => void;
  const opened = new Promise<number>((resolve, reject) => {
    open = resolve;
    notOpened = reject;
  });
  let outcome: ExportOutcome | null = null;
  let cancelled = false;
  let exited = false;
  let terminateTimer: NodeJS.Timeout | undefined;

  worker.on('message', (report: ExportReport) => {
    if (report.type === 'opened') open(report.total);
    else if (report.type === 'progress') onProgress(report.rows);
    else if (report.type === 'ended') outcome = report.outcome;
    else {
      outcome = { state: 'failed', failure: report.failure };
      notOpened(errorOf(report.failure));
    }
  });
  // A job the worker refused, or a crash: it ends without reporting how.
  worker.on('error', (error) => {
    outcome ??= { state: 'failed', failure: { userFacing: false, code: null, message: `the export's worker failed: ${error.message}` } };
  });
  const finished = new Promise<ExportOutcome>((resolve) => {
    worker.once('exit', (code) => {
      exited = true;
      clearTimeout(terminateTimer);
      // A worker terminated (or crashed) mid-write could not remove its own temporary file.
      if (outcome?.state !== 'done') removeQuietly(temporaryFileOf(job.file));
      const ended: ExportOutcome =
        outcome ?? (cancelled ? { state: 'cancelled' } : { state: 'failed', failure: { userFacing: false, code: null, message: `the export's worker stopped (exit code ${code})` } });
      // Ended before it ever opened (a refused job, a cancel terminated in mid-count).
      notOpened(ended.state === 'failed' ? errorOf(ended.failure) : new TransferCancelled('export'));
      resolve(ended);
    });
  });

  return {
    opened,
    finished,
    cancel: () => {
      if (cancelled || exited) return;
      cancelled = true;
      worker.postMessage({ type: 'cancel' } satisfies ExportCommand);
      terminateTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
    },
  };
}

/** Removes a leftover file if there is one; a folder that cannot hold it (the failure just reported) is no error. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // ENOTDIR and the like: there is no such file.
  }
}
