import { UserFacingError } from '../user-facing-error';

/** An export or import a user asked for that cannot run as asked, with what to do instead. */
export class TransferError extends UserFacingError {
  constructor(code: 'unknown_game' | 'bad_range' | 'bad_file' | 'unknown_format' | 'not_a_history' | 'same_history' | 'database_too_new', message: string) {
    super(code, message);
    this.name = 'TransferError';
  }
}

/** Thrown out of an export or import that its AbortSignal stopped; nothing half-written is left. */
export class TransferCancelled extends UserFacingError {
  constructor(what: 'export' | 'import') {
    super('cancelled', what === 'export' ? 'The export was cancelled; no file was written.' : 'The import was cancelled; the rounds committed before it stopped are kept.');
    this.name = 'TransferCancelled';
  }
}

/** Lets the event loop run (progress, a cancel, other requests) between two pages of work. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An export's file that the disk or its folder would not take; nothing of it is kept. */
export class ExportWriteError extends UserFacingError {
  constructor(message: string) {
    super('write_failed', message);
    this.name = 'ExportWriteError';
  }
}

/** A file-system refusal while writing an export, as a sentence that says what to do; null for anything else. */
export function describeExportWriteFailure(error: unknown, file: string): ExportWriteError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full. Free some space, or export a shorter range or to another disk'
      : code === 'EFBIG'
        ? 'the file would be larger than this system allows (a file-size limit, or a FAT32 disk’s 4 GB). Export a shorter range or to another disk'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'the folder cannot be written (a read-only disk or its permissions). Choose another folder'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'a file holds the name of its folder. Move that file, or choose another folder'
            : code === 'EIO'
              ? 'the disk reported an error. Check the disk, or export to another one'
              : null;
  return why === null ? null : new ExportWriteError(`${file} could not be written: ${why}. Nothing of it was kept.`);
}
