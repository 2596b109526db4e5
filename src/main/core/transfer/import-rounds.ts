import { realpathSync } from 'node:fs';
import { z } from 'zod';
import { canonicalSlug, SLUG_PATTERN } from '../../../shared/games';
import type { Round } from '../round';
import { readRow, RowError, toRound } from '../sources/trackersino/round-row';
import type { History } from '../store/history';
import { formatOfFile, openSource, type ImportFormat } from './import-sources';
import { TransferCancelled, TransferError, yieldToLoop } from './transfer-error';

// Import merges a file into a history with the recorder's own guarantee: each round is rebuilt from
// its exact row text by the parser recording uses (readRow), then committed through History.commit,
// the same idempotent upsert keyed on (game, round_id) that every stream frame and backfill page
// goes through. Importing a file twice, or two overlapping files, therefore adds each round once;
// an unknown game is registered as the recorder registers it (a generic `unknown` series).
// Imported rounds carry no coverage: what another recorder proved complete is not taken on trust,
// so the local recorder's walks still cover those spans (and find the rounds already stored).
// A record that cannot be taken in is reported with where it is (`line 12`) and why, and the rest
// goes on: never dropped silently, never a crash.

/** Rounds per transaction: large enough for bulk speed, small enough that a cancel is prompt. */
export const IMPORT_BATCH_ROUNDS = 5_000;
/** Reports kept in full; past this only the count grows, so a garbage file cannot fill memory. */
const MAX_REPORTED = 1_000;

const digits = z.string().regex(/^-?\d+$/, 'is not an integer');

/** A record as read from any format; columns other than these (kind, multiplier_value) are informational. */
const importRecordSchema = z.object({
  game: z.string().regex(SLUG_PATTERN, 'is not a game slug'),
  row_json: z.string().min(1, 'is empty'),
  round_id: z.string().optional(),
  round_index: digits.nullable().optional(),
  multiplier: z.string().optional(),
  finalized_at: z.string().optional(),
  finalized_us: z.union([z.number().int(), digits]).optional(),
  segment: z.string().nullable().optional(),
});
type ImportRecord = z.infer<typeof importRecordSchema>;

export interface RejectedRecord {
  /** `line 12` (CSV, JSON Lines), `row 12` (Parquet) or `<game> round <id>` (a history). */
  readonly where: string;
  readonly reason: string;
}

export interface ImportOptions {
  readonly file: string;
  /** From the file's extension when not given. */
  readonly format?: ImportFormat;
  /** Import only these games (by slug, aliases resolved); every game when absent. */
  readonly games?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly nativeBinding?: string;
  /** The history being imported into, to refuse importing it into itself. */
  readonly historyFile?: string;
}

export interface ImportProgress {
  /** 0..1 of the file read. */
  readonly fraction: number;
  readonly read: number;
  readonly added: number;
  readonly rejected: number;
}

export interface ImportSummary {
  /** Records read that were rounds of the games asked for. */
  readonly read: number;
  /** Rounds new to the history. */
  readonly added: number;
  /** Rounds the history already held (read − added − rejected). */
  readonly alreadyStored: number;
  /** Records of other games, left out by `games`. */
  readonly skipped: number;
  readonly rejectedCount: number;
  /** The first MAX_REPORTED rejected records, in file order. */
  readonly rejected: readonly RejectedRecord[];
  readonly addedByGame: Readonly<Record<string, number>>;
}

export async function importRounds(history: History, options: ImportOptions): Promise<ImportSummary> {
  const format = options.format ?? formatOfFile(options.file);
  if (format === 'sqlite' && options.historyFile !== undefined && sameFile(options.file, options.historyFile)) {
    throw new TransferError('same_history', `${options.file} is the history being imported into; there is nothing to import.`);
  }
  const wanted = options.games === undefined ? null : new Set(options.games.map(canonicalSlug));
  const source = await openSource(options.file, format, options.nativeBinding);
  let read = 0;
  let added = 0;
  let skipped = 0;
  let rejectedCount = 0;
  const rejected: RejectedRecord[] = [];
  const addedByGame: Record<string, number> = {};
  let batch: Round[] = [];

  const reject = (where: string, reason: string): void => {
    rejectedCount++;
    if (rejected.length < MAX_REPORTED) rejected.push({ where, reason });
  };
  const commit = async (): Promise<void> => {
    if (batch.length === 0) return;
    const inserted = history.commit({ rounds: batch, coverage: [], quarantine: [] });
    batch = [];
    added += inserted.length;
    for (const round of inserted) addedByGame[round.game] = (addedByGame[round.game] ?? 0) + 1;
    options.onProgress?.({ fraction: source.fraction(), read, added, rejected: rejectedCount });
    await yieldToLoop();
    if (options.signal?.aborted) throw new TransferCancelled('import');
  };

  try {
    for await (const item of source.items()) {
      if ('problem' in item) {
        read++;
        reject(item.where, item.problem);
        continue;
      }
      const parsed = importRecordSchema.safeParse(item.value);
      if (!parsed.success) {
        read++;
        reject(item.where, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'} ${issue.message}`).join('; '));
        continue;
      }
      const game = canonicalSlug(parsed.data.game);
      if (wanted !== null && !wanted.has(game)) {
        skipped++;
        continue;
      }
      read++;
      const round = roundOf(game, parsed.data);
      if (typeof round === 'string') reject(item.where, round);
      else batch.push(round);
      if (batch.length >= IMPORT_BATCH_ROUNDS) await commit();
    }
    await commit();
  } finally {
    source.close();
  }
  return { read, added, alreadyStored: read - added - rejectedCount, skipped, rejectedCount, rejected, addedByGame };
}

/**
 * The round a record carries, rebuilt from its row text as recording builds it, or why not. The
 * record's other columns must agree with that text: a value edited in a spreadsheet is reported,
 * never imported as a round that differs from its own row.
 */
function roundOf(game: string, record: ImportRecord): Round | string {
  const json = record.row_json;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return `row_json is not JSON: ${(error as Error).message}`;
  }
  let round: Round;
  try {
    // Stored rows start at their first character; a row with leading space is read where it starts.
    const start = json.search(/\S/);
    round = toRound(game, readRow(value, json, start), json);
  } catch (error) {
    if (error instanceof RowError) return `row_json is not a finalised round: ${error.reason}`;
    throw error;
  }
  const disagree = (column: string, declared: string, actual: string): string =>
    `${column} ${JSON.stringify(declared)} disagrees with row_json (${JSON.stringify(actual)})`;
  if (record.round_id !== undefined && record.round_id !== round.roundId) return disagree('round_id', record.round_id, round.roundId);
  if (record.round_index !== undefined) {
    const declared = record.round_index === null ? null : BigInt(record.round_index);
    if (declared !== round.roundIndex) return disagree('round_index', String(record.round_index), String(round.roundIndex));
  }
  if (record.multiplier !== undefined && record.multiplier !== round.multiplier) return disagree('multiplier', record.multiplier, round.multiplier);
  if (record.finalized_at !== undefined && record.finalized_at !== round.finalizedAt) return disagree('finalized_at', record.finalized_at, round.finalizedAt);
  if (record.finalized_us !== undefined && Number(record.finalized_us) !== round.finalizedUs) {
    return disagree('finalized_us', String(record.finalized_us), String(round.finalizedUs));
  }
  if (record.segment !== undefined && (record.segment ?? null) !== round.segment) return disagree('segment', String(record.segment), String(round.segment));
  return round;
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
