import type { Database } from 'better-sqlite3';
import type { ObservedBet, ObservedRound } from '../src/main/core/sources/trackersino/bet-snapshot';
import type { History } from '../src/main/core/store/history';
import { BetTally } from '../src/main/core/stats/bets/bet-tally';
import { DAY_US, HOUR_US } from '../src/main/core/stats/rollup/calendar';
import { seededRandom } from '../src/sim/seeded-random';

// A month of recorded bet snapshots for the statistics bench, as a user who keeps the app open
// would have: the newest days recorded through the app's own write path (a crash round every
// 10 s, 120–420 bets each, ~1,000 distinct cash-out targets as the sandbox's crowd has), the
// older days copies of them shifted back, so every window reads data of the real shape and size.

const ROUND_US = 10_000_000;
const CURRENCIES = ['usdt', 'usdt', 'usdt', 'usdt', 'btc', 'eth', 'ltc', 'trx'];

function betsOf(random: () => number): ObservedBet[] {
  const count = 120 + Math.floor(random() * 301);
  const crash = Math.max(1, 0.99 / (1 - random()));
  const bets: ObservedBet[] = new Array<ObservedBet>(count);
  for (let i = 0; i < count; i++) {
    const share = random();
    // Cents and hundredths, as the sandbox's snapshots give them.
    const amountCents = 10 + Math.floor(10_000 * share ** 4);
    const targetHundredths = Math.max(101, Math.floor((99 * 1024) / (1 + Math.floor(random() * 1024))));
    const won = targetHundredths / 100 <= crash;
    bets[i] = {
      amountMicros: amountCents * 10_000,
      payoutMicros: won ? Math.floor((amountCents * targetHundredths) / 100) * 10_000 : 0,
      targetUnits: targetHundredths * 100,
      currency: CURRENCIES[Math.floor(random() * CURRENCIES.length)] as string,
      won,
    };
  }
  return bets;
}

export interface BetHistory {
  readonly rounds: number;
  readonly bets: number;
  readonly recordedDays: number;
  readonly copiedDays: number;
  readonly seconds: number;
}

/** Bets for every 10 s of the `days` days before `lastUs`: `recordedDays` through History.recordBets, the rest copied. */
export function writeBetHistory(db: Database, history: History, game: string, lastUs: number, days: number, recordedDays: number): BetHistory {
  const started = performance.now();
  const random = seededRandom(11);
  // Recording starts at midnight, so the whole days before the last one are what is copied back.
  const lastDay = Math.floor(lastUs / DAY_US);
  const recordedFirstDay = lastDay - (recordedDays - 1);
  const firstUs = recordedFirstDay * DAY_US;
  let rounds = 0;
  let bets = 0;
  let hour: ObservedRound[] = [];
  for (let us = firstUs; us <= lastUs; us += ROUND_US) {
    const round = { roundId: `bet-${us}`, finalizedUs: us, bets: betsOf(random) };
    rounds++;
    bets += round.bets.length;
    hour.push(round);
    if (hour.length === HOUR_US / ROUND_US) {
      history.recordBets(game, hour, us);
      hour = [];
    }
  }
  if (hour.length > 0) history.recordBets(game, hour, lastUs);

  // Older days: whole recorded days shifted back by multiples of the recorded span.
  const gameId = history.statsGame(game)!.id;
  const shiftDays = lastDay - recordedFirstDay;
  let copiedDays = 0;
  const copy = db.transaction((shift: number) => {
    const shiftUs = shift * DAY_US;
    const fromUs = recordedFirstDay * DAY_US;
    const toUs = fromUs + shiftDays * DAY_US;
    db.prepare(
      `INSERT INTO bet_rounds (game_id, round_id, finalized_us, bets_seen, bets, recorded_us)
       SELECT game_id, round_id || '-' || @shift, finalized_us - @shiftUs, bets_seen, bets, recorded_us - @shiftUs
       FROM bet_rounds WHERE game_id = @game AND finalized_us >= @fromUs AND finalized_us < @toUs AND round_id NOT LIKE '%-%-%'`,
    ).run({ game: gameId, shift, shiftUs, fromUs, toUs });
    db.prepare(
      `INSERT INTO bet_hours (game_id, hour, first_us, last_us, tally)
       SELECT game_id, hour - @shiftHours, first_us - @shiftUs, last_us - @shiftUs, tally FROM bet_hours
       WHERE game_id = @game AND hour >= @fromHour AND hour < @toHour`,
    ).run({ game: gameId, shiftHours: shift * 24, shiftUs, fromHour: fromUs / HOUR_US, toHour: toUs / HOUR_US });
    db.prepare(
      `INSERT INTO bet_days (game_id, day, tally) SELECT game_id, day - @shift, tally FROM bet_days
       WHERE game_id = @game AND day >= @fromDay AND day < @toDay`,
    ).run({ game: gameId, shift, fromDay: recordedFirstDay, toDay: recordedFirstDay + shiftDays });
  });
  for (let shift = shiftDays; copiedDays + recordedDays < days && shiftDays > 0; shift += shiftDays) {
    copy(shift);
    copiedDays += shiftDays;
  }
  return { rounds, bets, recordedDays, copiedDays, seconds: (performance.now() - started) / 1000 };
}

/** The window's bet sums by plain decoding of every round's stored bets: what the tallies must equal. */
export function scanBets(db: Database, gameId: number, fromUs: number, toUs: number): BetTally {
  const tally = new BetTally();
  const rows = db.prepare('SELECT bets FROM bet_rounds WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ?').pluck();
  for (const blob of rows.iterate(gameId, fromUs, toUs)) tally.addRound(blob as Buffer);
  return tally;
}

export function sameBetSums(a: BetTally, b: BetTally): boolean {
  const x = a.totals();
  const y = b.totals();
  return a.rounds === b.rounds && x.bets === y.bets && x.wins === y.wins && x.volume === y.volume && x.payout === y.payout && a.targets.size === b.targets.size;
}
