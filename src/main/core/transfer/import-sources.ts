import BetterSqlite3, { type Database } from 'better-sqlite3';
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { SCHEMA_VERSION } from '../store/migrations';
import { csvRecords } from './csv-format';
import type { ExportRow } from './export-columns';
import { RoundPageReader } from './round-pages';
import { TransferError } from './transfer-error';

// The files import reads, each as a stream of records: plain objects keyed by the export's column
// names, each with where it came from (`line 12`, `row 12`) so that a bad one can be reported
// precisely. Nothing here judges a record beyond its format; import-rounds.ts validates it.

export const IMPORT_FORMATS = ['csv', 'jsonl', 'parquet', 'sqlite'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type SourceItem =
  | { readonly where: string; readonly value: Record<string, unknown> }
  | { readonly where: string; readonly problem: string };

export interface ImportSource {
  items(): AsyncGenerator<SourceItem>;
  /** 0..1 of the source read so far. */
  fraction(): number;
  close(): void;
}

const EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.sqlite': 'sqlite',
  '.sqlite3': 'sqlite',
  '.db': 'sqlite',
};

/** The format a file's name says it holds. */
export function formatOfFile(file: string): ImportFormat {
  const format = EXTENSIONS[extname(file).toLowerCase()];
  if (format === undefined) {
    throw new TransferError('unknown_format', `${file}: Roundlog imports .csv, .jsonl, .parquet and .sqlite files (a Roundlog export or history); rename the file if it is one of these.`);
  }
  return format;
}

export async function openSource(file: string, format: ImportFormat, nativeBinding?: string): Promise<ImportSource> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new TransferError('bad_file', `${file} cannot be read: check that it exists.`);
  }
  if (format === 'sqlite') return historySource(file, nativeBinding);
  if (format === 'parquet') return parquetSource(file);
  return textSource(file, format, size);
}

/** The columns every importable file must have: the game, and the row the round is rebuilt from. */
const REQUIRED = ['game', 'row_json'] as const;

function textSource(file: string, format: 'csv' | 'jsonl', size: number): ImportSource {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let read = 0;
  stream.on('data', (chunk) => (read += Buffer.byteLength(chunk)));
  return {
    fraction: () => (size === 0 ? 1 : Math.min(1, read / size)),
    close: () => stream.destroy(),
    items: format === 'csv' ? () => csvItems(file, stream) : () => jsonlItems(stream),
  };
}

async function* csvItems(file: string, stream: AsyncIterable<string>): AsyncGenerator<SourceItem> {
  let header: string[] | null = null;
  for await (const record of csvRecords(stream)) {
    const where = `line ${record.line}`;
    if ('error' in record) {
      yield { where, problem: `not readable as CSV: ${record.error}` };
      continue;
    }
    if (header === null) {
      header = record.fields;
      const missing = REQUIRED.filter((name) => !header!.includes(name));
      if (missing.length > 0) throw new TransferError('bad_file', `${file} is not a Roundlog export: its header (line ${record.line}) has no ${missing.join(' or ')} column.`);
      continue;
    }
    if (record.fields.length !== header.length) {
      yield { where, problem: `has ${record.fields.length} fields where the header has ${header.length}` };
      continue;
    }
    const value: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) {
      const name = header[i]!;
      const text = record.fields[i]!;
      // CSV has no null: an empty round_index or segment is a round without one.
      value[name] = text === '' && (name === 'round_index' || name === 'segment') ? null : text;
    }
    yield { where, value };
  }
}

async function* jsonlItems(stream: NodeJS.ReadableStream): AsyncGenerator<SourceItem> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    const where = `line ${number}`;
    let value: unknown;
    try {
      value = JSON.parse(number === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
    } catch (error) {
      yield { where, problem: `not JSON: ${(error as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { where, problem: 'is not a JSON object' };
      continue;
    }
    yield { where, value: value as Record<string, unknown> };
  }
}

/** Parquet, one row group at a time (hyparquet reads only the byte ranges it needs). */
async function parquetSource(file: string): Promise<ImportSource> {
  const buffer = await asyncBufferFromFile(file);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new TransferError('bad_file', `${file} is not a Parquet file (${(error as Error).message}).`);
  }
  const names = new Set(metadata.schema.slice(1).map((element) => element.name));
  const missing = REQUIRED.filter((name) => !names.has(name));
  if (missing.length > 0) throw new TransferError('bad_file', `${file} is not a Roundlog export: it has no ${missing.join(' or ')} column.`);
  const columns = ['game', 'round_id', 'round_index', 'multiplier', 'finalized_at', 'finalized_us', 'segment', 'row_json'].filter((name) => names.has(name));
  const total = Number(metadata.num_rows);
  let done = 0;
  return {
    fraction: () => (total === 0 ? 1 : done / total),
    close: () => {},
    items: async function* () {
      let rowStart = 0;
      for (const group of metadata.row_groups) {
        const rowEnd = rowStart + Number(group.num_rows);
        const rows = await parquetReadObjects({ file: buffer, metadata, columns, rowStart, rowEnd });
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          const value: Record<string, unknown> = { ...row };
          // INT64 columns arrive as BigInt: the exact digits are what the record carries.
          if (typeof row.round_index === 'bigint') value.round_index = row.round_index.toString();
          if (typeof row.finalized_us === 'bigint') value.finalized_us = row.finalized_us.toString();
          done++;
          yield { where: `row ${rowStart + i + 1}`, value };
        }
        rowStart = rowEnd;
      }
    },
  };
}

/** Another Roundlog history, read-only; one written by a newer Roundlog is refused untouched. */
function historySource(file: string, nativeBinding?: string): ImportSource {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    throw new TransferError('bad_file', `${file} cannot be opened as a Roundlog history (${(error as Error).message}).`);
  }
  try {
    let version: number;
    let tables: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('games', 'rounds')").get() as { n: number }).n;
    } catch (error) {
      throw new TransferError('not_a_history', `${file} is not a Roundlog history (${(error as Error).message}).`);
    }
    if (version > SCHEMA_VERSION) {
      throw new TransferError(
        'database_too_new',
        `${file} was written by a newer version of Roundlog (schema ${version}, this app knows ${SCHEMA_VERSION}). Update Roundlog to import it; the file was not changed.`,
      );
    }
    if (version === 0 || tables !== 2) throw new TransferError('not_a_history', `${file} is not a Roundlog history (it has no rounds table).`);
  } catch (error) {
    db.close();
    throw error;
  }
  const reader = new RoundPageReader(db);
  // One snapshot: a recorder still writing that file cannot make the import skip or repeat a page.
  db.exec('BEGIN');
  const games = reader.games();
  const everything = { fromUs: null, untilUs: null };
  const total = games.reduce((sum, game) => sum + reader.count(game, everything), 0);
  let done = 0;
  return {
    fraction: () => (total === 0 ? 1 : done / total),
    close: () => {
      if (db.open) db.close();
    },
    items: async function* () {
      for (const game of games) {
        for (const page of reader.pages(game, everything, 5_000)) {
          for (const row of page) {
            done++;
            yield { where: `${row.game} round ${row.roundId}`, value: recordOf(row) };
          }
        }
      }
    },
  };
}

function recordOf(row: ExportRow): Record<string, unknown> {
  return {
    game: row.game,
    round_id: row.roundId,
    round_index: row.roundIndex,
    multiplier: row.multiplier,
    finalized_at: row.finalizedAt,
    finalized_us: row.finalizedUs,
    segment: row.segment,
    row_json: row.rowJson,
  };
}
