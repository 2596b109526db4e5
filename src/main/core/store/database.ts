import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';
import { describeWriteFailure, StoreError } from './store-error';

export interface OpenOptions {
  /** Path of a native binding built for another runtime (Electron's ABI); tests use the default. */
  readonly nativeBinding?: string;
  readonly migrations?: readonly ((db: Database) => void)[];
}

/**
 * Opens (creating if needed) a Roundlog history and brings its schema up to date.
 * A database written by a newer Roundlog is refused rather than touched.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw describeOpenFailure(error) ?? error;
  }
  try {
    // The version is checked before anything is set: a newer app's file is left exactly as it was.
    refuseNewer(db, migrations.length);
    chooseNewPageSize(db);
    configure(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw describeOpenFailure(error) ?? error;
  }
}

/** A folder or file that cannot be created or written is the user's to fix, and said so. */
function describeOpenFailure(error: unknown): StoreError | null {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return describeWriteFailure({ code: 'SQLITE_READONLY' });
  if (code === 'ENOSPC') return describeWriteFailure({ code: 'SQLITE_FULL' });
  return describeWriteFailure(error);
}

/**
 * Page size of a history created from now on. Measured on 200k Stake Crash rounds, checkpoints at
 * the same WAL bytes: against SQLite's default 4 KiB, raw insert costs ~15% less CPU a row and
 * the bulk ingest path's main thread ~18% less a round (median of 13 interleaved runs on a
 * shared machine); 64 KiB was measured no better than 16 KiB for raw insert.
 */
export const NEW_FILE_PAGE_SIZE = 16_384;

/**
 * A file with no schema yet (new, or created empty) gets NEW_FILE_PAGE_SIZE before anything is
 * written to it. An existing history keeps its page size: changing it takes a VACUUM outside WAL,
 * a rewrite of the whole file that is not worth it. SQLite ignores the pragma on a file that
 * already has pages, so a half-created file is left as it is.
 */
function chooseNewPageSize(db: Database): void {
  if ((db.pragma('user_version', { simple: true }) as number) !== 0) return;
  const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  if (objects === 0) db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`);
}

/** WAL bytes between automatic checkpoints: 16,000 pages of 4 KiB, as measured for bulk ingest. */
const WAL_CHECKPOINT_BYTES = 16_000 * 4096;

function configure(db: Database): void {
  // WAL: readers never block the writer. synchronous=NORMAL: a committed transaction survives a
  // process crash (kill -9); only a power cut can take the last ones, which the next backfill
  // fetches again.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A ceiling, not an allocation. Measured on a million Stake Crash rows: the random round_id and
  // multiplier indexes make each insert dirty its own page, and a bulk transaction of 20,000
  // rounds dirties ~70 MiB; at 64 or 128 MiB the cache spills mid-transaction and bulk ingest
  // costs ~30 µs a row of SQLite's time against ~22 at 256 MiB (RoundWriter now commits at most
  // 8,000 at a time, well inside it).
  db.pragma('cache_size = -262144');
  // SQLite counts the WAL in pages: the same ~62.5 MiB between checkpoints at any page size.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.round(WAL_CHECKPOINT_BYTES / pageSize)}`);
  // After a checkpoint the WAL file is cut back, so a bulk backfill leaves no 64 MiB file behind.
  db.pragma('journal_size_limit = 16777216');
}

function refuseNewer(db: Database, known: number): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) {
    throw new StoreError(
      'database_too_new',
      `This history was written by a newer version of Roundlog (schema ${current}, this app knows ${known}). Update Roundlog to open it; the file was not changed.`,
    );
  }
}

function migrate(db: Database, migrations: readonly ((db: Database) => void)[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
