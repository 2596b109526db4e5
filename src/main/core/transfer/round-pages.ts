import type { Database, Statement } from 'better-sqlite3';
import { CSV_LINE_SQL, csvField } from './csv-format';
import type { ExportRow } from './export-columns';
import { JSONL_LINE_SQL } from './jsonl-format';

// A keyset-paged read of a history's rounds by (finalized_us, id): each page is one indexed range
// scan on rounds_by_time (game_id, finalized_us, and the rowid it implies) starting just past the
// last row of the page before, so reading row 9,000,000 costs what reading row 0 does, and no more
// than one page is ever held. Used by export and by import from another Roundlog database.

/** A game of a history file, as its `games` table has it. */
export interface StoredGame {
  readonly id: number;
  readonly slug: string;
  readonly kind: string;
}

/** [fromUs, untilUs): finalisation times, inclusive start, exclusive end; null is open. */
export interface TimeRange {
  readonly fromUs: number | null;
  readonly untilUs: number | null;
}

const OPEN_LOW = Number.MIN_SAFE_INTEGER;
const OPEN_HIGH = Number.MAX_SAFE_INTEGER;

/**
 * A page of rows already written out as lines by SQLite, as UTF-8 bytes, and how many rows it
 * holds. Bytes, not a string: the page goes to the file as SQLite made it, never decoded into a JS
 * string and encoded again (measured: a fifth of a CSV export's CPU on rows of real size).
 */
export interface TextPage {
  readonly bytes: Buffer;
  readonly rows: number;
}

export type TextFormat = 'csv' | 'jsonl';

interface KeysetParams {
  game: number;
  untilUs: number;
  afterUs: number;
  afterId: number;
}

/**
 * Rows of one game before untilUs, past (afterUs, afterId) in (finalized_us, id) order; the first
 * page starts at (fromUs, -1). One lower bound, so the index range starts exactly there.
 */
const KEYSET_WHERE = 'game_id = @game AND finalized_us >= @afterUs AND finalized_us < @untilUs AND (finalized_us > @afterUs OR id > @afterId)';

/** A text page runs through (endUs, endId); CSV binds the game's fields as @prefix, JSON Lines as @slug and @kind. */
type TextParams = KeysetParams & { endUs: number; endId: number; limit: number } & ({ prefix: string } | { slug: string; kind: string });

type PageRow = [id: number, roundId: string, roundIndex: string | null, multiplier: string, finalizedAt: string, finalizedUs: number, segment: string | null, rowJson: string];

export class RoundPageReader {
  private readonly selectGames: Statement<[], StoredGame>;
  private readonly selectCount: Statement<[number, number, number], { n: number }>;
  private readonly selectPage: Statement<[number, number, number, number, number, number], PageRow>;
  private readonly selectPageEnd: Statement<[KeysetParams & { offset: number }], { us: number; id: number }>;
  private readonly selectText: Record<TextFormat, Statement<[TextParams], { rows: number; bytes: Buffer | null }>>;

  constructor(db: Database) {
    this.selectGames = db.prepare('SELECT id, slug, kind FROM games ORDER BY slug');
    this.selectCount = db.prepare('SELECT count(*) AS n FROM rounds WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ?');
    // round_index as text: SQLite prints the exact 64-bit value, and no BigInt is made per row.
    this.selectPage = db
      .prepare(`
        SELECT id, round_id, CAST(round_index AS TEXT), multiplier, finalized_at, finalized_us, segment, row_json
        FROM rounds
        WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ? AND (finalized_us > ? OR id > ?)
        ORDER BY finalized_us, id LIMIT ?`)
      .raw(true) as Statement<[number, number, number, number, number, number], PageRow>;
    this.selectPageEnd = db.prepare(`SELECT finalized_us AS us, id FROM rounds WHERE ${KEYSET_WHERE} ORDER BY finalized_us, id LIMIT 1 OFFSET @offset`);
    // The subquery's ORDER BY with a LIMIT keeps it a co-routine that hands rows over in order, and
    // string_agg joins them in the order it is given (an ORDER BY inside string_agg would sort the
    // page again: measured, a third of the export's CPU). The round-trip tests check the order.
    const text = (line: string) =>
      db.prepare(`
        SELECT count(*) AS rows, CAST(string_agg(line, '') AS BLOB) AS bytes FROM (
          SELECT ${line} AS line FROM rounds
          WHERE ${KEYSET_WHERE} AND (finalized_us < @endUs OR (finalized_us = @endUs AND id <= @endId))
          ORDER BY finalized_us, id LIMIT @limit)`) as Statement<[TextParams], { rows: number; bytes: Buffer | null }>;
    this.selectText = { csv: text(CSV_LINE_SQL), jsonl: text(JSONL_LINE_SQL.replace('@game', '@slug')) };
  }

  /** Every game the history holds, by slug. */
  games(): StoredGame[] {
    return this.selectGames.all();
  }

  count(game: StoredGame, range: TimeRange): number {
    return this.selectCount.get(game.id, range.fromUs ?? OPEN_LOW, range.untilUs ?? OPEN_HIGH)!.n;
  }

  /** The game's rounds in the range, oldest first, `pageSize` at a time. */
  *pages(game: StoredGame, range: TimeRange, pageSize: number): Generator<ExportRow[]> {
    const fromUs = range.fromUs ?? OPEN_LOW;
    const untilUs = range.untilUs ?? OPEN_HIGH;
    // The first page takes every row at fromUs (no id is below 0); later ones start past the last row read.
    let afterUs = fromUs;
    let afterId = -1;
    for (;;) {
      const rows = this.selectPage.all(game.id, afterUs, untilUs, afterUs, afterId, pageSize);
      if (rows.length === 0) return;
      const page = new Array<ExportRow>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const [, roundId, roundIndex, multiplier, finalizedAt, finalizedUs, segment, rowJson] = rows[i]!;
        page[i] = { game: game.slug, kind: game.kind, roundId, roundIndex, multiplier, finalizedAt, finalizedUs, segment, rowJson };
      }
      const last = rows[rows.length - 1]!;
      afterUs = last[5];
      afterId = last[0];
      yield page;
      if (rows.length < pageSize) return;
    }
  }

  /**
   * The game's rounds in the range as lines of text, oldest first, `pageSize` rows a page. SQLite
   * writes each page as one string: first the page's last key is found on the index, then the
   * rows up to it are formatted and joined in order.
   */
  *textPages(game: StoredGame, range: TimeRange, pageSize: number, format: TextFormat): Generator<TextPage> {
    const keyset: KeysetParams = { game: game.id, untilUs: range.untilUs ?? OPEN_HIGH, afterUs: range.fromUs ?? OPEN_LOW, afterId: -1 };
    const extra = format === 'csv' ? { prefix: `${csvField(game.slug)},${csvField(game.kind)},` } : { slug: game.slug, kind: game.kind };
    for (;;) {
      const end = this.selectPageEnd.get({ ...keyset, offset: pageSize - 1 });
      const page = this.selectText[format].get({ ...keyset, ...extra, endUs: end?.us ?? OPEN_HIGH, endId: end?.id ?? OPEN_HIGH, limit: pageSize })!;
      if (page.rows === 0 || page.bytes === null) return;
      yield { bytes: page.bytes, rows: page.rows };
      if (end === undefined) return;
      keyset.afterUs = end.us;
      keyset.afterId = end.id;
    }
  }
}
