import type { Database, Statement } from 'better-sqlite3';
import { mergeSpan, sortSpans, type Edge, type Span } from '../sync/coverage';

interface SpanRow {
  from_us: bigint;
  from_index: bigint | null;
  through_us: bigint;
  through_index: bigint | null;
  at_start: bigint;
}

/** A change to a game's spans, committed in the same transaction as the rounds that prove it. */
export type CoverageChange = { readonly game: string; readonly span: Span } | { readonly game: string; readonly extend: Edge };

/** The `coverage` table: each game's spans of complete history (see sync/coverage.ts). */
export class CoverageStore {
  private readonly select: Statement<[number], SpanRow>;
  private readonly remove: Statement<[number]>;
  private readonly insert: Statement<[number, number, bigint | null, number, bigint | null, number]>;
  private readonly extendNewest: Statement<[number, bigint | null, number, number]>;

  constructor(db: Database) {
    this.select = db
      .prepare('SELECT from_us, from_index, through_us, through_index, at_start FROM coverage WHERE game_id = ?')
      .safeIntegers(true) as Statement<[number], SpanRow>;
    this.remove = db.prepare('DELETE FROM coverage WHERE game_id = ?');
    this.insert = db.prepare(
      'INSERT INTO coverage (game_id, from_us, from_index, through_us, through_index, at_start) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // The live path's change, one statement per commit: the newest span's end moves forward.
    this.extendNewest = db.prepare(`
      UPDATE coverage SET through_us = ?, through_index = ?
      WHERE id = (SELECT id FROM coverage WHERE game_id = ? ORDER BY through_us DESC LIMIT 1) AND through_us < ?`);
  }

  spans(gameId: number): Span[] {
    return sortSpans(
      this.select.all(gameId).map((row) => ({
        fromUs: Number(row.from_us),
        fromIndex: row.from_index,
        throughUs: Number(row.through_us),
        throughIndex: row.through_index,
        atStart: row.at_start === 1n,
      })),
    );
  }

  /** Applies a change; call inside the transaction that stores its rounds. */
  apply(gameId: number, change: CoverageChange): void {
    if ('extend' in change) {
      this.extendNewest.run(change.extend.us, change.extend.index, gameId, change.extend.us);
      return;
    }
    const before = this.spans(gameId);
    const after = mergeSpan(before, change.span);
    if (after.length === before.length && after.every((span, i) => sameSpan(span, before[i]!))) return;
    this.remove.run(gameId);
    for (const span of after) {
      this.insert.run(gameId, span.fromUs, span.fromIndex, span.throughUs, span.throughIndex, span.atStart ? 1 : 0);
    }
  }
}

function sameSpan(a: Span, b: Span): boolean {
  return a.fromUs === b.fromUs && a.fromIndex === b.fromIndex && a.throughUs === b.throughUs && a.throughIndex === b.throughIndex && a.atStart === b.atStart;
}
