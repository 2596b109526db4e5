import { describe, expect, it } from 'vitest';
import type { ObservedBet, ObservedRound } from '../../../src/main/core/sources/trackersino/bet-snapshot';
import { decodeBets, encodeBets } from '../../../src/main/core/store/bet-codec';
import { BetTally } from '../../../src/main/core/stats/bets/bet-tally';
import { betTallyOf } from '../../../src/main/core/stats/bets/bet-window';
import { HOUR_US } from '../../../src/main/core/stats/rollup/calendar';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { MIGRATIONS } from '../../../src/main/core/store/migrations';
import { catalogKind } from '../../../src/shared/games';
import { crashRound, useFreshHistory } from '../../support/fresh-history';
import { useTempDir } from '../../support/temp-dir';

// Bet snapshots overlap: every answer repeats most of the last one and may cut its oldest round
// short. Whatever order and overlap they come in, each bet is counted once, and the hour and day
// sums always equal the bets stored.

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0) * 1000;

function bet(i: number, won = i % 3 === 0): ObservedBet {
  return {
    amountMicros: (i + 1) * 250_000,
    payoutMicros: won ? (i + 1) * 500_000 : 0,
    targetUnits: 20_000 + (i % 4) * 5_000,
    currency: ['usdt', 'btc'][i % 2] as string,
    won,
  };
}

function round(n: number, us: number, count: number): ObservedRound {
  return { roundId: `r${n}`, finalizedUs: us, bets: Array.from({ length: count }, (_, i) => bet(n * 1000 + i)) };
}

/** The first `count` bets of a round, as an answer cut by its limit shows them. */
function cut(whole: ObservedRound, count: number): ObservedRound {
  return { ...whole, bets: whole.bets.slice(0, count) };
}

/** The window's sums are exactly those of the rounds inside it, bet by bet. */
function expectWindowSums(tally: BetTally, inside: readonly ObservedRound[]): void {
  const bets = inside.flatMap((one) => one.bets);
  expect(tally.rounds).toBe(inside.length);
  expect(tally.targets.size).toBe(new Set(bets.map((one) => one.targetUnits)).size);
  expect(tally.totals()).toEqual({
    bets: bets.length,
    wins: bets.filter((one) => one.won).length,
    volume: bets.reduce((sum, one) => sum + one.amountMicros, 0),
    payout: bets.reduce((sum, one) => sum + one.payoutMicros, 0),
  });
}

describe('bet snapshots in the history', () => {
  const fresh = useFreshHistory();

  it('counts every bet once however the snapshots overlap, repeat and cut rounds short', () => {
    const { history } = fresh();
    const a = round(1, T0 + 10_000_000, 40);
    const b = round(2, T0 + 40_000_000, 30);
    const c = round(3, T0 + 70_000_000, 50);
    // Newest first, the oldest round cut by the limit; then the same again; then further on.
    expect(history.recordBets('stake-crash', [b, cut(a, 12)])).toEqual({ newRounds: 2, newBets: 42, conflicts: 0 });
    expect(history.recordBets('stake-crash', [b, cut(a, 12)])).toEqual({ newRounds: 0, newBets: 0, conflicts: 0 });
    expect(history.recordBets('stake-crash', [c, b, a])).toEqual({ newRounds: 1, newBets: 78, conflicts: 0 });
    expect(history.recordBets('stake-crash', [cut(c, 5)])).toEqual({ newRounds: 0, newBets: 0, conflicts: 0 });

    const tally = betTallyOf(history.bets, history.statsGame('stake-crash')!.id, null, T0 + HOUR_US);
    expectWindowSums(tally, [a, b, c]);
    expect(tally.currencies.get('btc')!.bets + tally.currencies.get('usdt')!.bets).toBe(a.bets.length + b.bets.length + c.bets.length);
  });

  it('keeps a round out when a snapshot disagrees with the bets already stored for it', () => {
    const { history, db } = fresh();
    const a = round(1, T0 + 10_000_000, 20);
    history.recordBets('stake-crash', [cut(a, 10)]);
    const reordered = { ...a, bets: [...a.bets].reverse() };
    expect(history.recordBets('stake-crash', [reordered])).toEqual({ newRounds: 0, newBets: 0, conflicts: 1 });
    const stored = db.prepare('SELECT bets_seen, bets FROM bet_rounds').get() as { bets_seen: number; bets: Buffer };
    expect(stored.bets_seen).toBe(10);
    expect(decodeBets(stored.bets)).toEqual(a.bets.slice(0, 10));
  });

  it('reads a window from whole days, whole hours and the rounds of its part-hours, as the bets add up', () => {
    const { history } = fresh();
    const rounds = Array.from({ length: 60 }, (_, n) => round(n, T0 - 26 * HOUR_US + n * HOUR_US * 0.5, 3 + (n % 5)));
    // Recorded in three overlapping snapshots, out of order.
    history.recordBets('stake-crash', rounds.slice(30).reverse());
    history.recordBets('stake-crash', rounds.slice(0, 35).reverse());
    history.recordBets('stake-crash', rounds.slice(20, 40).reverse());
    const gameId = history.statsGame('stake-crash')!.id;
    for (const [fromUs, toUs] of [
      [null, T0 + 10 * HOUR_US],
      [T0 - 25.3 * HOUR_US, T0 + 1.7 * HOUR_US],
      [T0 - 3.2 * HOUR_US, T0 - 3.1 * HOUR_US],
      [T0 - 20 * HOUR_US, T0 - 2 * HOUR_US],
    ] as const) {
      expectWindowSums(betTallyOf(history.bets, gameId, fromUs, toUs), rounds.filter((one) => (fromUs === null || one.finalizedUs >= fromUs) && one.finalizedUs < toUs));
    }
  });

  it('reads a long part of an hour as the hour without the rounds outside it, and gets the same sums', () => {
    const { history } = fresh();
    // A round every 6 minutes: each edge hour of these windows holds rounds on both sides of the edge.
    const rounds = Array.from({ length: 60 }, (_, n) => round(n, T0 - 3 * HOUR_US + n * HOUR_US * 0.1 + 7, 2 + (n % 4)));
    history.recordBets('stake-crash', rounds);
    const gameId = history.statsGame('stake-crash')!.id;
    for (const [fromUs, toUs] of [
      [T0 - 2.8 * HOUR_US, T0 + 0.85 * HOUR_US],
      [T0 - 2.2 * HOUR_US, T0 + 0.3 * HOUR_US],
      [T0 + 0.05 * HOUR_US, T0 + 0.95 * HOUR_US],
    ] as const) {
      expectWindowSums(betTallyOf(history.bets, gameId, fromUs, toUs), rounds.filter((one) => one.finalizedUs >= fromUs && one.finalizedUs < toUs));
    }
  });

  it('encodes a round\'s bets losslessly, amounts past 2^32 included', () => {
    const bets: ObservedBet[] = [
      { amountMicros: 2 ** 40 + 7, payoutMicros: 0, targetUnits: 10_100, currency: 'usdt', won: false },
      { amountMicros: 1, payoutMicros: 9_999_999_999_999, targetUnits: 100_000_000, currency: 'eth', won: true },
      { amountMicros: 0, payoutMicros: 0, targetUnits: 10_000, currency: 'ü-coin', won: false },
    ];
    expect(decodeBets(encodeBets(bets))).toEqual(bets);
    expect(decodeBets(encodeBets([]))).toEqual([]);
    // Cents and hundredths when the whole round allows it: ~6 bytes a bet, read back the same.
    const plain = Array.from({ length: 300 }, (_, i) => ({ amountMicros: (10 + i) * 10_000, payoutMicros: i % 2 === 0 ? 0 : (25 + i) * 10_000, targetUnits: 10_100 + i * 100, currency: 'usdt', won: i % 2 === 1 }));
    expect(decodeBets(encodeBets(plain))).toEqual(plain);
    expect(encodeBets(plain).length).toBeLessThan(300 * 7);
    expect(() => decodeBets(encodeBets(bets).slice(0, 6))).toThrow(/ends inside/);
  });
});

describe('migration 6', () => {
  it('adds the bet tables to a history of version 5, keeping its rounds', () => {
    const dir = useTempDir();
    const file = join(dir.path, 'history.sqlite');
    try {
      const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 5) });
      const one = crashRound(1, T0, '2.00');
      old.prepare("INSERT INTO games (id, slug, kind) VALUES (1, 'stake-crash', 'crash')").run();
      old
        .prepare('INSERT INTO rounds (game_id, round_id, round_index, multiplier, multiplier_value, finalized_us, finalized_at, row_json) VALUES (1, ?, ?, ?, 2, ?, ?, ?)')
        .run(one.roundId, one.roundIndex, one.multiplier, one.finalizedUs, one.finalizedAt, one.json);
      old.close();
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      const history = new History(db, catalogKind);
      expect(history.rounds.countRounds('stake-crash')).toBe(1);
      expect(history.recordBets('stake-crash', [round(1, T0, 3)]).newBets).toBe(3);
      db.close();
    } finally {
      dir.remove();
    }
  });
});
