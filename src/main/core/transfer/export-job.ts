import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { SLUG_PATTERN } from '../../../shared/games';
import { exportFormatSchema } from '../../../shared/transfer';
import { UserFacingError } from '../user-facing-error';
import { RoundExport } from './export-rounds';
import { TransferCancelled } from './transfer-error';

// One export the app asked for, as it crosses to the thread that runs it, and every message the
// two threads exchange about it. The main thread has already turned the request into a range and a
// file name; the worker parses the job once when it starts and trusts it from there.

const micros = z.number().int().nullable();

export const exportJobSchema = z
  .object({
    historyFile: z.string().min(1),
    /** A game slug, or `all`. */
    game: z.string().regex(SLUG_PATTERN, 'not a game slug'),
    range: z.object({ fromUs: micros, untilUs: micros }).strict(),
    format: exportFormatSchema,
    /** better-sqlite3 built for Electron's ABI, when the app runs in Electron. */
    nativeBinding: z.string().min(1).optional(),
    /** Where the finished file goes; RoundExport writes beside it under a temporary name. */
    file: z.string().refine(isAbsolute, 'not an absolute path'),
  })
  .strict();
export type ExportJob = z.infer<typeof exportJobSchema>;

/** From the main thread to an export's worker (the job itself travels as `workerData`). */
export type ExportCommand = { readonly type: 'cancel' };

/** Why an export failed, as it can cross a thread: a user-facing code survives the trip. */
export interface ExportFailure {
  readonly userFacing: boolean;
  readonly code: string | null;
  readonly message: string;
}

export type ExportOutcome =
  | { readonly state: 'done'; readonly rows: number }
  | { readonly state: 'cancelled' }
  | { readonly state: 'failed'; readonly failure: ExportFailure };

/**
 * From the worker: `opened` once its snapshot is counted, `progress` after each page, then one
 * `ended`; or only `not-opened` when the history cannot be opened as asked (an unknown game).
 */
export type ExportReport =
  | { readonly type: 'opened'; readonly total: number }
  | { readonly type: 'progress'; readonly rows: number }
  | { readonly type: 'ended'; readonly outcome: ExportOutcome }
  | { readonly type: 'not-opened'; readonly failure: ExportFailure };

export function failureOf(error: unknown): ExportFailure {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    userFacing: error instanceof UserFacingError,
    code: typeof code === 'string' ? code : null,
    message: error instanceof Error ? error.message : String(error),
  };
}

/** The failure as the error it was on the worker's side, as far as a request's caller can tell. */
export function errorOf(failure: ExportFailure): Error {
  if (failure.userFacing && failure.code !== null) return new UserFacingError(failure.code, failure.message);
  return Object.assign(new Error(failure.message), failure.code === null ? {} : { code: failure.code });
}

/** Opens the job's snapshot of the history (throws as RoundExport.open does). */
export function openExport(job: ExportJob): RoundExport {
  return RoundExport.open({
    historyFile: job.historyFile,
    game: job.game,
    range: job.range,
    format: job.format,
    ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}),
  });
}

/** Writes an opened export to the job's file; never rejects, whatever happens it says how it ended. */
export function writeExport(exporter: RoundExport, job: ExportJob, signal: AbortSignal, onProgress: (rows: number) => void): Promise<ExportOutcome> {
  return exporter.writeTo(job.file, { signal, onProgress }).then(
    (result): ExportOutcome => ({ state: 'done', rows: result.rows }),
    (error: unknown): ExportOutcome => (error instanceof TransferCancelled ? { state: 'cancelled' } : { state: 'failed', failure: failureOf(error) }),
  );
}
