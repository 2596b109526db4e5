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
