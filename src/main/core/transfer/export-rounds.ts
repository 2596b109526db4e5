import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { canonicalSlug } from '../../../shared/games';
import type { ExportFormat } from '../../../shared/transfer';
import { CSV_HEADER } from './csv-format';
import type { ExportRow } from './export-columns';
import { ParquetRoundWriter } from './parquet-format';
import { RoundPageReader, type StoredGame, type TimeRange } from './round-pages';
import { describeExportWriteFailure, TransferCancelled, TransferError, yieldToLoop } from './transfer-error';

// An export reads the history through its own read-only connection inside one read transaction:
// the file is a snapshot of the history as it stood when the export began (WAL lets recording go
// on meanwhile), and the count given up front is exactly what is written. Rows are read a page at
// a time and written before the next page is read, so memory stays flat at any size. The file is
// written under a hidden temporary name and renamed into place only when complete: a cancelled or
// failed export leaves nothing behind.

/** Rows per page read: big enough that per-page costs vanish, small enough to stay a few MB. */
export const EXPORT_PAGE_ROWS = 5_000;

export interface ExportOptions {
  readonly historyFile: string;
  /** A game slug, or `all` for every game the history holds (one after another, by slug). */
  readonly game: string;
  readonly range: TimeRange;
  readonly format: ExportFormat;
  /** better-sqlite3 built for Electron's ABI, as the core opens the history with. */
  readonly nativeBinding?: string;
  readonly pageRows?: number;
  /** Parquet only: rows per row group (tests make several small ones). */
  readonly rowGroupRows?: number;
}

export interface ExportRun {
  readonly signal?: AbortSignal;
  /** Rows written so far, after each page. */
  readonly onProgress?: (rows: number) => void;
}

export interface ExportResult {
  readonly file: string;
  readonly rows: number;
  /** Pages read from the history, and the largest one: how the export kept its memory flat. */
  readonly pages: number;
  readonly largestPage: number;
}

/** Where an export's pages go, as rows (Parquet) or as text SQLite already wrote (CSV, JSON Lines). */
interface PageSink {
  addRows(rows: readonly ExportRow[]): Promise<void>;
  addText(bytes: Buffer): Promise<void>;
  finish(): Promise<void>;
  abandon(): Promise<void>;
}

export const FORMAT_EXTENSION: Readonly<Record<ExportFormat, string>> = { csv: 'csv', jsonl: 'jsonl', parquet: 'parquet' };

/** The hidden name an export is written under until complete (removed by whoever gives it up). */
export function temporaryFileOf(out: string): string {
  return join(dirname(out), `.${basename(out)}.partial`);
}

export class RoundExport {
  private constructor(
    private readonly db: Database,
    private readonly reader: RoundPageReader,
    private readonly games: readonly StoredGame[],
    private readonly options: ExportOptions,
    /** Rounds the export will write. */
    readonly total: number,
  ) {}

  /** Opens the history read-only, takes its snapshot and counts what the export will write. */
  static open(options: ExportOptions): RoundExport {
    const db = new BetterSqlite3(options.historyFile, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      const reader = new RoundPageReader(db);
      db.exec('BEGIN');
      const stored = reader.games();
      const wanted = options.game === 'all' ? stored : stored.filter((game) => game.slug === canonicalSlug(options.game));
      if (wanted.length === 0) {
        throw new TransferError('unknown_game', options.game === 'all' ? 'This history holds no rounds yet.' : `This history holds no rounds of ${options.game}.`);
      }
      const total = wanted.reduce((sum, game) => sum + reader.count(game, options.range), 0);
      return new RoundExport(db, reader, wanted, options, total);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Writes the export to `out` (its folder is created) and closes the snapshot, whatever happens. */
  async writeTo(out: string, run: ExportRun = {}): Promise<ExportResult> {
    const temporary = temporaryFileOf(out);
    const pageRows = this.options.pageRows ?? EXPORT_PAGE_ROWS;
    let sink: PageSink | null = null;
    try {
      mkdirSync(dirname(out), { recursive: true });
      sink = await openSink(this.options, temporary);
      let rows = 0;
      let pages = 0;
      let largestPage = 0;
      const { format, range } = this.options;
      for (const game of this.games) {
        const gamePages = format === 'parquet' ? this.reader.pages(game, range, pageRows) : this.reader.textPages(game, range, pageRows, format);
        for (const page of gamePages) {
          const size = Array.isArray(page) ? page.length : page.rows;
          if (Array.isArray(page)) await sink.addRows(page);
          else await sink.addText(page.bytes);
          rows += size;
          pages++;
          largestPage = Math.max(largestPage, size);
          run.onProgress?.(rows);
          await yieldToLoop();
          if (run.signal?.aborted) throw new TransferCancelled('export');
        }
      }
      await sink.finish();
      await rename(temporary, out);
      return { file: out, rows, pages, largestPage };
    } catch (error) {
      await sink?.abandon();
      // A folder that could not be made holds no file to remove: the first failure is the one told.
      await rm(temporary, { force: true }).catch(() => undefined);
      throw describeExportWriteFailure(error, out) ?? error;
    } finally {
      this.close();
    }
  }

  /** Ends the snapshot; an export never written is closed this way. */
  close(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}

/** How much an export writes between the flushes it starts in the background. */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;

async function openSink({ format, rowGroupRows }: ExportOptions, file: string): Promise<PageSink> {
  if (format === 'parquet') {
    const writer = new ParquetRoundWriter(file, 'Roundlog', rowGroupRows);
    return {
      addRows: async (rows) => writer.add(rows),
      addText: async () => {
        throw new Error('a Parquet export takes rows, not text');
      },
      finish: async () => writer.finish(),
      abandon: async () => writer.close(),
    };
  }
  const handle: FileHandle = await open(file, 'w');
  if (format === 'csv') await handle.write(CSV_HEADER);
  let closed = false;
  // A page is written while the next one is made: addText returns once the page before it is
  // written and this one's write has begun, so SQLite builds text on this thread while the kernel
  // copies the last page on libuv's. A failed write surfaces at the next page or at finish.
  let writing: Promise<void> = Promise.resolve();
  // The file reaches the disk while later pages are made: a flush of what was written is started
  // every SYNC_EVERY_BYTES, so the last one, awaited before the rename, has little left to do.
  let unsynced = 0;
  let flushing: Promise<void> = Promise.resolve();
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await writing.catch(() => undefined);
    await flushing.catch(() => undefined);
    await handle.close();
  };
  const write = async (bytes: Buffer): Promise<void> => {
    await handle.write(bytes);
    unsynced += bytes.length;
    if (unsynced < SYNC_EVERY_BYTES) return;
    unsynced = 0;
    await flushing;
    flushing = handle.datasync();
    // Handled where it is awaited (the next flush, finish or close); never an unhandled rejection meanwhile.
    flushing.catch(() => undefined);
  };
  return {
    addRows: async () => {
      throw new Error(`a ${format} export takes text, not rows`);
    },
    addText: async (bytes) => {
      await writing;
      writing = write(bytes);
      // Handled where it is awaited (the next page, finish or close).
      writing.catch(() => undefined);
    },
    finish: async () => {
      await writing;
      // On disk before it is renamed into place: a power cut never leaves a complete-looking short file.
      await flushing;
      await handle.sync();
      await close();
    },
    abandon: close,
  };
}
