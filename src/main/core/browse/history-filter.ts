import { bonusRuleOf, type HistoryQuery, type HistorySort } from '../../../shared/history-query';
import { isoToMicros } from '../../../shared/time';
import type { RolledGame } from '../stats/rollup/rollup-store';

// A history query as SQL over `rounds`: the WHERE clause with its parameters, and the order.
// Time-sorted queries whose only filter is a time range can be positioned from hour counts
// (see HourPositions); every other filter is counted and paged by SQLite.

export interface HistoryFilter {
  readonly gameId: number;
  /** `game_id = ? AND …`, over `rounds` unaliased. */
  readonly where: string;
  readonly params: readonly unknown[];
  readonly fromUs: number | null;
  /** Inclusive. */
  readonly throughUs: number | null;
  /** No filter but the time range: positions come from hour counts. */
  readonly timeRangeOnly: boolean;
  readonly sort: HistorySort;
}

export function historyFilter(game: RolledGame, query: HistoryQuery): HistoryFilter {
  const clauses = ['game_id = ?'];
  const params: unknown[] = [game.id];
  const fromUs = query.from === null ? null : (isoToMicros(query.from) as number);
  const throughUs = query.through === null ? null : (isoToMicros(query.through) as number);
  if (fromUs !== null) {
    clauses.push('finalized_us >= ?');
    params.push(fromUs);
  }
  if (throughUs !== null) {
    clauses.push('finalized_us <= ?');
    params.push(throughUs);
  }
  let narrowed = false;
  if (query.minMultiplier !== null) {
    clauses.push('multiplier_value >= ?');
    params.push(query.minMultiplier);
    narrowed = true;
  }
  if (query.maxMultiplier !== null) {
    clauses.push('multiplier_value <= ?');
    params.push(query.maxMultiplier);
    narrowed = true;
  }
  if (query.segments !== null) {
    clauses.push(`segment IN (${query.segments.map(() => '?').join(', ')})`);
    params.push(...query.segments);
    narrowed = true;
  }
  if (query.bonusOnly) {
    const rule = bonusRuleOf(game.slug);
    narrowed = true;
    if (rule.by === 'segments') {
      clauses.push(`segment IN (${rule.segments.map(() => '?').join(', ')})`);
      params.push(...rule.segments);
    } else if (rule.by === 'row-flag') {
      // The flag lives only in the row text; SQLite reads it without the row reaching JS.
      clauses.push('json_extract(row_json, ?) = 1');
      params.push(rule.jsonPath);
    } else {
      clauses.push('0');
    }
  }
  return {
    gameId: game.id,
    where: clauses.join(' AND '),
    params,
    fromUs,
    throughUs,
    timeRangeOnly: !narrowed && (query.sort === 'newest' || query.sort === 'oldest'),
    sort: query.sort,
  };
}

/**
 * The sort key's columns, and whether the order is descending. Rounds finishing in the same
 * instant (rows written to the second) go by round index, then by row id, in the same direction.
 */
export function sortKeyOf(sort: HistorySort): { columns: readonly string[]; descending: boolean } {
  const time = ['finalized_us', ROUND_INDEX_KEY, 'id'];
  const multiplier = ['multiplier_value', 'id'];
  switch (sort) {
    case 'newest':
      return { columns: time, descending: true };
    case 'oldest':
      return { columns: time, descending: false };
    case 'highest':
      return { columns: multiplier, descending: true };
    case 'lowest':
      return { columns: multiplier, descending: false };
  }
}

/** round_index as a sort key: a game without indices sorts as if all were equal. */
export const ROUND_INDEX_KEY = 'ifnull(round_index, -9223372036854775808)';
