import type { Database, Statement } from 'better-sqlite3';
import type { RequestInput, RequestOutput } from '../../../shared/contract';
import type { RoundView } from '../../../shared/round';
import { isoToMicros } from '../../../shared/time';
import { UnknownGameError } from '../stats/stats-engine';
import type { RolledGame } from '../stats/rollup/rollup-store';
import type { History } from '../store/history';
import { UserFacingError } from '../user-facing-error';
import { historyFilter, ROUND_INDEX_KEY, sortKeyOf, type HistoryFilter } from './history-filter';
import { HourPositions } from './hour-positions';
import { roundDetailOf } from './round-detail/round-detail';

// Pages of a game's whole history at any position. The unfiltered time order (and a plain time
// range) is positioned from hour counts: a page at row 1,000,000 costs a binary search and an
// OFFSET inside one hour. Other filters are counted once per query until the game's round count
// changes, and paged by keyset from the nearest page boundary already served, so scrolling on
// from where one is costs a page, not a scan of everything before it.

const COLUMNS = 'id, round_id, round_index, multiplier, multiplier_value, finalized_at, finalized_us, segment';
/** Prepared statements kept for filter shapes seen; more shapes than this are prepared afresh. */
const MAX_STATEMENTS = 200;
const MAX_ANCHORS_PER_QUERY = 4_000;
const MAX_CACHED_QUERIES = 64;

interface PageRow {
  id: bigint;
  round_id: string;
  round_index: bigint | null;
  multiplier: string;
  multiplier_value: number;
  finalized_at: string;
  finalized_us: bigint;
  segment: string | null;
}

/** A served row's position and sort key: the next page can start right after it. */
interface Anchor {
  readonly offset: number;
  /** The row's values of the sort key's columns. */
  readonly key: readonly unknown[];
}

/** What a query has learnt while the game's round count stays the same. */
interface QueryMemo {
  version: number;
  total: number | null;
  /** Ascending by offset. */
  anchors: Anchor[];
}

export class HistoryBrowser {
  private readonly hours: HourPositions;
  private readonly statements = new Map<string, Statement>();
  private readonly memos = new Map<string, QueryMemo>();
  private readonly selectRound: Statement<[number, string], PageRow & { row_json: string }>;
  private readonly countSpan: Statement<[number, number, number], { n: number }>;

  constructor(
    readonly db: Database,
    readonly history: History,
  ) {
    this.hours = new HourPositions(db);
    this.selectRound = db
      .prepare(`SELECT ${COLUMNS}, row_json FROM rounds WHERE game_id = ? AND round_id = ?`)
      .safeIntegers(true) as Statement<[number, string], PageRow & { row_json: string }>;
    this.countSpan = db.prepare('SELECT count(*) AS n FROM rounds WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ?');
  }

  page(input: RequestInput<'getHistoryPage'>): RequestOutput<'getHistoryPage'> {
    const game = this.requireGame(input.game);
    const filter = historyFilter(game, input.query);
    const memo = this.memoOf(filter);
    const total = this.totalOf(filter, memo);
    const offset = Math.min(input.offset, total);
    const limit = Math.min(input.limit, total - offset);
    if (limit <= 0) return { total, offset, rows: [] };
    const rows = filter.timeRangeOnly ? this.timePage(filter, total, offset, limit) : this.keysetPage(filter, memo, offset, limit);
    return { total, offset, rows: rows.map((row) => viewOf(game.slug, row)) };
  }

  locate(input: RequestInput<'locateInHistory'>): RequestOutput<'locateInHistory'> {
    const game = this.requireGame(input.game);
    const atUs = isoToMicros(input.at);
    if (atUs === null) throw new UserFacingError('bad_time', `"${input.at}" is not a date and time Roundlog can read.`);
    const filter = historyFilter(game, input.query);
    if (filter.sort !== 'newest' && filter.sort !== 'oldest') {
      throw new UserFacingError('locate_needs_time_order', 'Jumping to a date needs the newest or oldest first order; sort by time and try again.');
    }
    const total = this.totalOf(filter, this.memoOf(filter));
    let offset: number;
    if (filter.timeRangeOnly) {
      const { base, end } = this.rangeOf(filter, total);
      offset = filter.sort === 'oldest' ? clamp(this.rowsBefore(filter.gameId, atUs) - base, 0, total) : end - clamp(this.rowsBefore(filter.gameId, atUs + 1), base, end);
    } else {
      // Oldest first: matching rows before the moment; newest first: after it. Whichever side of
      // the moment holds fewer rounds is counted, along the time index; the other is the rest.
      const before = this.rowsBefore(filter.gameId, atUs);
      const through = this.rowsBefore(filter.gameId, atUs + 1);
      const gameTotal = this.hours.total(filter.gameId);
      const wantedSide = filter.sort === 'oldest' ? { op: '<', rows: before } : { op: '>', rows: gameTotal - through };
      const otherSide = filter.sort === 'oldest' ? { op: '>=', rows: gameTotal - before } : { op: '<=', rows: through };
      const countSide = (op: string) =>
        (
          this.statement(
            `SELECT count(*) AS n FROM rounds INDEXED BY rounds_by_time WHERE ${filter.where.replaceAll('multiplier_value', '+multiplier_value')} AND finalized_us ${op} ?`,
          ).get(...filter.params, atUs) as { n: number }
        ).n;
      offset = wantedSide.rows <= otherSide.rows ? countSide(wantedSide.op) : total - countSide(otherSide.op);
    }
    return { offset, total };
  }

  detail(input: RequestInput<'getRoundDetail'>): RequestOutput<'getRoundDetail'> {
    const game = this.requireGame(input.game);
    const row = this.selectRound.get(game.id, input.roundId);
    if (row === undefined) {
      throw new UserFacingError('unknown_round', `Round ${input.roundId} of ${game.slug} is not in the local history.`);
    }
    return roundDetailOf(viewOf(game.slug, row), game.kind, row.row_json);
  }

  private requireGame(slug: string): RolledGame {
    const game = this.history.statsGame(slug);
    if (game === undefined) throw new UnknownGameError(slug);
    return game;
  }

  /** The query's memo, emptied when the game's round count has changed since it was filled. */
  private memoOf(filter: HistoryFilter): QueryMemo {
    const version = this.hours.total(filter.gameId);
    const key = `${filter.sort}\u0000${filter.where}\u0000${JSON.stringify(filter.params)}`;
    let memo = this.memos.get(key);
    if (memo === undefined || memo.version !== version) {
      memo = { version, total: null, anchors: [] };
      if (this.memos.size >= MAX_CACHED_QUERIES) this.memos.delete(this.memos.keys().next().value as string);
    } else {
      this.memos.delete(key);
    }
    // Re-inserted: the Map's order is least recently used first.
    this.memos.set(key, memo);
    return memo;
  }

  private totalOf(filter: HistoryFilter, memo: QueryMemo): number {
    if (memo.total !== null) return memo.total;
    if (filter.where === 'game_id = ?') {
      // Unfiltered in any order: every round of the game.
      memo.total = this.hours.total(filter.gameId);
    } else if (filter.timeRangeOnly) {
      const { base, end } = this.rangeOf(filter, this.hours.total(filter.gameId));
      memo.total = end - base;
    } else {
      memo.total = (this.statement(`SELECT count(*) AS n FROM rounds WHERE ${filter.where}`).get(...filter.params) as { n: number }).n;
    }
    return memo.total;
  }

  /** Rounds of the game strictly before `us`: whole hours from the counts, the rest by the time index. */
  private rowsBefore(gameId: number, us: number): number {
    const { startUs, before } = this.hours.hoursBefore(gameId, us);
    return before + (us > startUs ? this.countSpan.get(gameId, startUs, us)!.n : 0);
  }

  /** The time range as positions [base, end) in the game's oldest-first order. */
  private rangeOf(filter: HistoryFilter, gameTotal: number): { base: number; end: number } {
    const base = filter.fromUs === null ? 0 : this.rowsBefore(filter.gameId, filter.fromUs);
    const end = filter.throughUs === null ? gameTotal : this.rowsBefore(filter.gameId, filter.throughUs + 1);
    return { base, end: Math.max(base, end) };
  }

  /** A page of the time order, positioned by hour counts and an OFFSET inside one hour. */
  private timePage(filter: HistoryFilter, total: number, offset: number, limit: number): PageRow[] {
    const newest = filter.sort === 'newest';
    // Positions in the oldest-first order of the range.
    const start = newest ? total - offset - limit : offset;
    const { base } = this.rangeOf(filter, this.hours.total(filter.gameId));
    const hour = this.hours.hourAt(filter.gameId, base + start);
    if (hour === null) return [];
    const rows = this.statement(`
      SELECT ${COLUMNS} FROM rounds WHERE game_id = ? AND finalized_us >= ?
      ORDER BY finalized_us, ${ROUND_INDEX_KEY}, id LIMIT ? OFFSET ?`).all(filter.gameId, hour.startUs, limit, base + start - hour.before) as PageRow[];
    return newest ? rows.reverse() : rows;
  }

  /** A page of any query, by keyset from the nearest served row before it. */
  private keysetPage(filter: HistoryFilter, memo: QueryMemo, offset: number, limit: number): PageRow[] {
    const { columns, descending } = sortKeyOf(filter.sort);
    const direction = descending ? 'DESC' : '';
    const order = `ORDER BY ${columns.map((column) => `${column} ${direction}`).join(', ')}`;
    // In time order, walk the time index and test the multiplier on each row: SQLite would
    // otherwise read the multiplier index and sort every match to find one page.
    const byTime = columns[0] === 'finalized_us';
    const source = byTime ? 'rounds INDEXED BY rounds_by_time' : 'rounds';
    const where = byTime ? filter.where.replaceAll('multiplier_value', '+multiplier_value') : filter.where;
    const anchor = nearestBefore(memo.anchors, offset);
    const rows = (
      anchor === null
        ? this.statement(`SELECT ${COLUMNS} FROM ${source} WHERE ${where} ${order} LIMIT ? OFFSET ?`).all(...filter.params, limit, offset)
        : this.statement(
            `SELECT ${COLUMNS} FROM ${source} WHERE ${where} AND ${columns[0]} ${descending ? '<=' : '>='} ? AND (${columns.join(', ')}) ${descending ? '<' : '>'} (${columns.map(() => '?').join(', ')}) ${order} LIMIT ? OFFSET ?`,
          ).all(...filter.params, anchor.key[0], ...anchor.key, limit, offset - anchor.offset - 1)
    ) as PageRow[];
    const last = rows.at(-1);
    if (last !== undefined) {
      const key = byTime ? [last.finalized_us, last.round_index ?? -9223372036854775808n, last.id] : [last.multiplier_value, last.id];
      addAnchor(memo.anchors, { offset: offset + rows.length - 1, key });
    }
    return rows;
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql).safeIntegers(true);
      if (this.statements.size < MAX_STATEMENTS) this.statements.set(sql, statement);
    }
    // Counts are small integers; only the row columns need exact 64-bit values.
    return statement.safeIntegers(!sql.trimStart().startsWith('SELECT count(*)'));
  }
}

function viewOf(slug: string, row: PageRow): RoundView {
  return {
    game: slug,
    roundId: row.round_id,
    roundIndex: row.round_index === null ? null : row.round_index.toString(),
    multiplier: row.multiplier,
    finalizedAt: row.finalized_at,
    finalizedUs: Number(row.finalized_us),
    segment: row.segment,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The served row closest before `offset` (the row at `offset` itself is not yet known). */
function nearestBefore(anchors: readonly Anchor[], offset: number): Anchor | null {
  let low = 0;
  let high = anchors.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((anchors[mid] as Anchor).offset < offset) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? null : (anchors[low - 1] as Anchor);
}

function addAnchor(anchors: Anchor[], anchor: Anchor): void {
  let low = 0;
  let high = anchors.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((anchors[mid] as Anchor).offset < anchor.offset) low = mid + 1;
    else high = mid;
  }
  if (anchors[low]?.offset === anchor.offset) return;
  anchors.splice(low, 0, anchor);
  // Beyond the cap, forget one at random but keep the spread: a long scroll keeps its boundaries.
  if (anchors.length > MAX_ANCHORS_PER_QUERY) anchors.splice(Math.floor(anchors.length / 2), 1);
}
