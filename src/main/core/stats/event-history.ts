import type { Database, Statement } from 'better-sqlite3';
import type { EventHistory, QuotedRound } from './round-facts-types';
import { dayOf, hourOf, DAY_US, HOUR_US } from './rollup/calendar';
import type { RoundRef } from './rollup/rollup';

// A game's lifetime as the stats read it: each event's last round and count (`stats_events`, kept
// on insert, so "the last round at or above 100×" is one lookup) and "rounds since" a moment,
// counted from the rollups: the rest of that moment's hour from rows, then whole hours and days.

interface EventRow {
  hits: number;
  last_us: number;
  last_id: number;
}

interface QuotedRow {
  round_id: string;
  round_index: bigint | null;
  multiplier: string;
  finalized_at: string;
}

/**
 * Rounds of a game in one instant with a lower round_index. The `+` keeps round_index off the
 * index choice: without it SQLite walks rounds_by_index over every earlier round of the game
 * (measured, 145 ms a lookup on a million rounds, twenty lookups a dashboard) instead of reading
 * the instant's few rows from rounds_by_time.
 */
export const EARLIER_IN_INSTANT_SQL = 'SELECT count(*) AS n FROM rounds WHERE game_id = ? AND finalized_us = ? AND +round_index < ?';

export class GameHistoryQueries {
  private readonly selectEvent: Statement<[number, string], EventRow>;
  private readonly selectQuoted: Statement<[number], QuotedRow>;
  private readonly countRows: Statement<[number, number, number], { n: number }>;
  private readonly countEarlierInInstant: Statement<[number, number, bigint], { n: number }>;
  private readonly sumHours: Statement<[number, number, number], { n: number | null }>;
  private readonly sumDaysFrom: Statement<[number, number], { n: number | null }>;
  private readonly sumAllDays: Statement<[number], { n: number | null }>;
  private readonly selectLast: Statement<[number], { id: number; finalized_us: number }>;

  constructor(db: Database) {
    this.selectEvent = db.prepare('SELECT hits, last_us, last_id FROM stats_events WHERE game_id = ? AND event = ?');
    this.selectQuoted = db
      .prepare('SELECT round_id, round_index, multiplier, finalized_at FROM rounds WHERE id = ?')
      .safeIntegers(true) as Statement<[number], QuotedRow>;
    this.countRows = db.prepare('SELECT count(*) AS n FROM rounds WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ?');
    this.countEarlierInInstant = db.prepare(EARLIER_IN_INSTANT_SQL);
    this.sumHours = db.prepare('SELECT sum(rounds) AS n FROM stats_hours WHERE game_id = ? AND hour >= ? AND hour < ?');
    this.sumDaysFrom = db.prepare('SELECT sum(rounds) AS n FROM stats_days WHERE game_id = ? AND day >= ?');
    this.sumAllDays = db.prepare('SELECT sum(rounds) AS n FROM stats_days WHERE game_id = ?');
    this.selectLast = db.prepare('SELECT id, finalized_us FROM rounds WHERE game_id = ? ORDER BY finalized_us DESC, id DESC LIMIT 1');
  }

  /** Every round of the game. */
  lifetimeRounds(gameId: number): number {
    return this.sumAllDays.get(gameId)?.n ?? 0;
  }

  /**
   * Rounds from the round at (`us`, `index`) on, itself included. Rounds stamped to the second share
   * an instant (a fast game, the sandbox at speed): those of the instant with a lower round_index
   * came before it. Without an index, every round of the instant counts.
   */
  roundsFromRound(gameId: number, us: number, index: bigint | null): number {
    return this.roundsFrom(gameId, us) - this.earlierInInstant(gameId, us, index);
  }

  /** Rounds finalised at `us` with a round_index below `index` (none without an index). */
  earlierInInstant(gameId: number, us: number, index: bigint | null): number {
    return index === null ? 0 : this.countEarlierInInstant.get(gameId, us, index)!.n;
  }

  /** Rounds finalised at or after `us`. */
  roundsFrom(gameId: number, us: number): number {
    const hour = hourOf(us);
    const day = dayOf(us);
    const rows = this.countRows.get(gameId, us, (hour + 1) * HOUR_US)!.n;
    const hours = this.sumHours.get(gameId, hour + 1, (day + 1) * (DAY_US / HOUR_US))?.n ?? 0;
    const days = this.sumDaysFrom.get(gameId, day + 1)?.n ?? 0;
    return rows + hours + days;
  }

  /** The newest round of a game. */
  lastRound(gameId: number): RoundRef | null {
    const row = this.selectLast.get(gameId);
    return row === undefined ? null : { us: row.finalized_us, id: row.id };
  }

  quote(ref: RoundRef | null): QuotedRound | null {
    if (ref === null) return null;
    const row = this.selectQuoted.get(ref.id);
    if (row === undefined) return null;
    return {
      roundId: row.round_id,
      roundIndex: row.round_index === null ? null : row.round_index.toString(),
      multiplier: row.multiplier,
      finalizedAt: row.finalized_at,
    };
  }

  /** The EventHistory of one game, with lookups cached for one answer. */
  eventHistory(gameId: number): EventHistory {
    const events = new Map<string, EventRow | undefined>();
    const event = (name: string): EventRow | undefined => {
      if (!events.has(name)) events.set(name, this.selectEvent.get(gameId, name));
      return events.get(name);
    };
    let rounds: number | undefined;
    const lifetimeRounds = (): number => (rounds ??= this.lifetimeRounds(gameId));
    return {
      roundsSince: (name) => {
        const row = event(name);
        if (row === undefined) return null;
        const index = this.selectQuoted.get(row.last_id)?.round_index ?? null;
        return this.roundsFromRound(gameId, row.last_us, index);
      },
      lastHit: (name) => {
        const row = event(name);
        return row === undefined ? null : this.quote({ us: row.last_us, id: row.last_id });
      },
      lifetime: (name) => ({ hits: event(name)?.hits ?? 0, rounds: lifetimeRounds() }),
      lifetimeRounds,
    };
  }
}
