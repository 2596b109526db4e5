import type { Database } from 'better-sqlite3';
import type { ExactFigures } from './exact-figures';

/** What the worker is asked: everything it needs to open the history and read a window. */
export interface ExactJob {
  readonly file: string;
  readonly nativeBinding?: string;
  readonly game: { readonly id: number; readonly slug: string; readonly kind: string };
  /** Rounds with fromUs ≤ finalized_us < toUs; fromUs null for the start of history. */
  readonly fromUs: number | null;
  readonly toUs: number;
}

export type ExactReply = { readonly ok: true; readonly figures: ExactFigures } | { readonly ok: false; readonly message: string };

export function readSortedMultipliers(db: Database, job: ExactJob): Float64Array {
  const statement = db
    .prepare('SELECT multiplier_value FROM rounds WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ?')
    .pluck();
  const values: number[] = [];
  for (const value of statement.iterate(job.game.id, job.fromUs ?? Number.MIN_SAFE_INTEGER, job.toUs) as Iterable<number>) values.push(value);
  return Float64Array.from(values).sort();
}
