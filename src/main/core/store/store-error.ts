/** A storage failure a user can meet (newer database, full or read-only disk), with what to do. */
export class StoreError extends Error {
  constructor(
    readonly code: 'database_too_new' | 'disk_full' | 'read_only' | 'io_error',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Maps SQLite's error codes for a full or read-only disk to errors that say what to do. */
export function describeWriteFailure(error: unknown): StoreError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') {
    return new StoreError('disk_full', 'The disk holding the history is full. Free some space; recording resumes by itself.');
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new StoreError('read_only', 'The history file cannot be written (read-only disk or permissions). Check the data folder.');
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) {
    return new StoreError('io_error', 'The disk reported an error while saving rounds. Check the data folder and free space.');
  }
  return null;
}
