import type { Database, Statement } from 'better-sqlite3';
import type { ObservedBet, ObservedRound } from '../sources/trackersino/bet-snapshot';
import { BetTally } from '../stats/bets/bet-tally';
import { dayOf, hourOf } from '../stats/rollup/calendar';
import { decodeBets, encodeBets, sameBets } from './bet-codec';

// The bet_rounds, bet_hours and bet_days tables (migration 6). A snapshot lists each round's bets
// in the same order every time, cut short only by the answer's limit, so a round's stored bets
// are a prefix of its list: a later snapshot adds the bets past bets_seen, and the same bets seen
// again add nothing. A snapshot that disagrees with that prefix is counted as a conflict and kept
// out, never counted twice.

export interface BetRecording {
  /** Rounds seen for the first time. */
  readonly newRounds: number;
  /** Bets counted for the first time. */
  readonly newBets: number;
  /** Rounds whose snapshot disagreed with the bets already stored for them (left as they were). */
  readonly conflicts: number;
}

/** The span of a stored hour's rounds. */
export interface BetHourSpan {
  readonly firstUs: number;
  readonly lastUs: number;
}

interface Unit {
  tally: BetTally;
  firstUs: number;
  lastUs: number;
}

export class BetStore {
  private readonly selectRound: Statement<[number, string], { bets_seen: number; bets: Buffer }>;
  private readonly insertRound: Statement<[number, string, number, number, Uint8Array, number]>;
  private readonly updateRound: Statement<[number, Uint8Array, number, number, string]>;
  private readonly selectHour: Statement<[number, number], { first_us: number; last_us: number; tally: Buffer }>;
  private readonly upsertHour: Statement<[number, number, number, number, Uint8Array]>;
  private readonly selectDay: Statement<[number, number], { tally: Buffer }>;
  private readonly upsertDay: Statement<[number, number, Uint8Array]>;
  private readonly hoursStatement: Statement<[number, number, number], Buffer>;
  private readonly daysStatement: Statement<[number, number, number], Buffer>;
  private readonly roundsStatement: Statement<[number, number, number], { bets: Buffer }>;
  private readonly firstStatement: Statement<[number], { finalized_us: number }>;
  private readonly write: (gameId: number, rounds: readonly ObservedRound[], nowUs: number) => BetRecording;

  constructor(db: Database) {
    this.selectRound = db.prepare('SELECT bets_seen, bets FROM bet_rounds WHERE game_id = ? AND round_id = ?');
    this.insertRound = db.prepare(
      'INSERT INTO bet_rounds (game_id, round_id, finalized_us, bets_seen, bets, recorded_us) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateRound = db.prepare('UPDATE bet_rounds SET bets_seen = ?, bets = ?, recorded_us = ? WHERE game_id = ? AND round_id = ?');
    this.selectHour = db.prepare('SELECT first_us, last_us, tally FROM bet_hours WHERE game_id = ? AND hour = ?');
    this.upsertHour = db.prepare(
      `INSERT INTO bet_hours (game_id, hour, first_us, last_us, tally) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (game_id, hour) DO UPDATE SET first_us = excluded.first_us, last_us = excluded.last_us, tally = excluded.tally`,
    );
    this.selectDay = db.prepare('SELECT tally FROM bet_days WHERE game_id = ? AND day = ?');
    this.upsertDay = db.prepare(
      'INSERT INTO bet_days (game_id, day, tally) VALUES (?, ?, ?) ON CONFLICT (game_id, day) DO UPDATE SET tally = excluded.tally',
    );
    this.hoursStatement = db.prepare<[number, number, number], Buffer>('SELECT tally FROM bet_hours WHERE game_id = ? AND hour BETWEEN ? AND ?').pluck();
    this.daysStatement = db.prepare<[number, number, number], Buffer>('SELECT tally FROM bet_days WHERE game_id = ? AND day BETWEEN ? AND ?').pluck();
    this.roundsStatement = db.prepare(
      'SELECT bets FROM bet_rounds WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ? ORDER BY finalized_us',
    );
    this.firstStatement = db.prepare('SELECT finalized_us FROM bet_rounds WHERE game_id = ? ORDER BY finalized_us LIMIT 1');
    this.write = db.transaction((gameId: number, rounds: readonly ObservedRound[], nowUs: number) => this.recordIn(gameId, rounds, nowUs));
  }

  /** Stores what a snapshot shows that is not stored yet, with its sums, in one transaction. */
  record(gameId: number, rounds: readonly ObservedRound[], nowUs: number): BetRecording {
    return this.write(gameId, rounds, nowUs);
  }

  /** Adds the sums of hours first..last (inclusive) to `into`. */
  appendHours(into: BetTally, gameId: number, first: number, last: number): void {
    for (const blob of this.hoursStatement.iterate(gameId, first, last)) into.appendEncoded(blob);
  }

  /** Adds the sums of days first..last (inclusive) to `into`. */
  appendDays(into: BetTally, gameId: number, first: number, last: number): void {
    for (const blob of this.daysStatement.iterate(gameId, first, last)) into.appendEncoded(blob);
  }

  /** Adds (or, with sign −1, takes out) the bets of the rounds with fromUs ≤ finalized_us < toUs, from the rounds themselves. */
  appendRounds(into: BetTally, gameId: number, fromUs: number, toUs: number, sign: 1 | -1 = 1): void {
    for (const row of this.roundsStatement.iterate(gameId, fromUs, toUs)) into.addRound(row.bets, sign);
  }

  /** A stored hour's encoded sums, or undefined: no bets that hour. */
  hourTally(gameId: number, hour: number): Uint8Array | undefined {
    return this.selectHour.get(gameId, hour)?.tally;
  }

  /** The span of a stored hour's rounds, or undefined: no bets that hour. */
  hourSpan(gameId: number, hour: number): BetHourSpan | undefined {
    const row = this.selectHour.get(gameId, hour);
    return row === undefined ? undefined : { firstUs: row.first_us, lastUs: row.last_us };
  }

  /** When the oldest round with a recorded bet snapshot was finalised (µs), or null: none yet. */
  firstRecordedUs(gameId: number): number | null {
    return this.firstStatement.get(gameId)?.finalized_us ?? null;
  }

  private recordIn(gameId: number, rounds: readonly ObservedRound[], nowUs: number): BetRecording {
    const hours = new Map<number, Unit>();
    const days = new Map<number, Unit>();
    let newRounds = 0;
    let newBets = 0;
    let conflicts = 0;
    for (const round of rounds) {
      const stored = this.selectRound.get(gameId, round.roundId);
      let added: readonly ObservedBet[];
      if (stored === undefined) {
        this.insertRound.run(gameId, round.roundId, round.finalizedUs, round.bets.length, encodeBets(round.bets), nowUs);
        added = round.bets;
        newRounds++;
      } else {
        const known = decodeBets(stored.bets);
        const shared = Math.min(known.length, round.bets.length);
        if (!sameBets(known.slice(0, shared), round.bets.slice(0, shared))) {
          conflicts++;
          continue;
        }
        if (round.bets.length <= stored.bets_seen) continue;
        this.updateRound.run(round.bets.length, encodeBets(round.bets), nowUs, gameId, round.roundId);
        added = round.bets.slice(stored.bets_seen);
      }
      newBets += added.length;
      const isNew = stored === undefined;
      unitOf(hours, hourOf(round.finalizedUs), round.finalizedUs).tally.addBets(added, isNew);
      unitOf(days, dayOf(round.finalizedUs), round.finalizedUs).tally.addBets(added, isNew);
    }
    for (const [hour, unit] of hours) {
      const known = this.selectHour.get(gameId, hour);
      if (known !== undefined) {
        unit.tally.appendEncoded(known.tally);
        unit.firstUs = Math.min(unit.firstUs, known.first_us);
        unit.lastUs = Math.max(unit.lastUs, known.last_us);
      }
      this.upsertHour.run(gameId, hour, unit.firstUs, unit.lastUs, unit.tally.encode());
    }
    for (const [day, unit] of days) {
      const known = this.selectDay.get(gameId, day);
      if (known !== undefined) unit.tally.appendEncoded(known.tally);
      this.upsertDay.run(gameId, day, unit.tally.encode());
    }
    return { newRounds, newBets, conflicts };
  }
}

function unitOf(units: Map<number, Unit>, key: number, us: number): Unit {
  let unit = units.get(key);
  if (unit === undefined) {
    unit = { tally: new BetTally(), firstUs: us, lastUs: us };
    units.set(key, unit);
  } else {
    unit.firstUs = Math.min(unit.firstUs, us);
    unit.lastUs = Math.max(unit.lastUs, us);
  }
  return unit;
}
