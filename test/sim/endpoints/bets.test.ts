import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimBet } from '../../../src/sim/games/game';
import { findGame } from '../../../src/sim/games/catalog';
import type { RoundLog } from '../../../src/sim/round-log';
import type { Sandbox } from '../../../src/sim/server';
import {
  FROZEN_NOW_MS,
  HOUR_MS,
  fetchJson,
  fetchText,
  finalizedAt,
  inWindow,
  startFrozenSandbox,
  stopFrozenSandbox,
} from './frozen-sandbox';

// Bets are not in the rows: the recomputation replays the same seed in a log of its own.

const SEED = 'bets-spec';
const HISTORY_MS = 30 * HOUR_MS;
let sandbox: Sandbox;
let replay: RoundLog;

beforeAll(async () => {
  sandbox = await startFrozenSandbox(SEED, HISTORY_MS);
  replay = findGame('stake-crash')!.openLog({ seed: SEED, epochMs: FROZEN_NOW_MS - HISTORY_MS, speed: 1 });
  replay.finishDue(FROZEN_NOW_MS);
});
afterAll(() => stopFrozenSandbox(sandbox));

function cents(value: number): string {
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

/** Bets of the window's rounds, newest round first, with the round's position. */
function windowBets(windowMs: number): { bet: SimBet; position: number }[] {
  const records = sandbox.rounds('stake-crash');
  const first = records.length - inWindow(records, windowMs).length;
  const bets: { bet: SimBet; position: number }[] = [];
  for (let position = records.length - 1; position >= first; position--) {
    for (const bet of replay.bets(position)) bets.push({ bet, position });
  }
  return bets;
}

type Answer = Record<string, unknown>;

describe('bet-based stats of a crash game', () => {
  it('rtp-empirical sums volume and payout of the window’s observed bets, with a note on bias', async () => {
    expect(replay.records.length).toBe(sandbox.rounds('stake-crash').length);
    const bets = windowBets(6 * HOUR_MS);
    expect(bets.length).toBeGreaterThan(0);
    const volume = bets.reduce((sum, { bet }) => sum + bet.amountCents, 0);
    const payout = bets.reduce((sum, { bet }) => sum + bet.payoutCents, 0);
    const answer = await fetchJson<Answer>(sandbox, '/v1-beta/games/stake-crash/stats/rtp-empirical?window=6h');
    expect(answer).toMatchObject({
      window: '6h',
      bets_count: bets.length,
      volume: cents(volume),
      payout: cents(payout),
      ratio: (payout / volume).toFixed(4),
    });
    expect(answer.note).toMatch(/snapshot/i);
  });

  it('rtp-detailed breaks the same bets down per cash-out target', async () => {
    const bets = windowBets(3 * HOUR_MS);
    const answer = await fetchJson<Answer & { targets: Answer[] }>(sandbox, '/v1-beta/games/stake-crash/stats/rtp-detailed?window=3h');
    const targets = [...new Set(bets.map(({ bet }) => bet.targetHundredths))].sort((a, b) => a - b);
    expect(answer.targets.map((row) => row.target_multiplier)).toEqual(targets.map((target) => (target / 100).toFixed(2)));
    const byTarget = new Map<number, SimBet[]>();
    for (const { bet } of bets) {
      const list = byTarget.get(bet.targetHundredths) ?? [];
      list.push(bet);
      byTarget.set(bet.targetHundredths, list);
    }
    answer.targets.forEach((row, i) => {
      const mine = byTarget.get(targets[i]!)!;
      const volume = mine.reduce((sum, bet) => sum + bet.amountCents, 0);
      const payout = mine.reduce((sum, bet) => sum + bet.payoutCents, 0);
      expect(row).toEqual({
        target_multiplier: (targets[i]! / 100).toFixed(2),
        bets_count: mine.length,
        volume: cents(volume),
        payout: cents(payout),
        win_rate: (mine.filter((bet) => bet.payoutCents > 0).length / mine.length).toFixed(4),
        rtp: volume === 0 ? null : (payout / volume).toFixed(4),
      });
    });
  });

  it('currency-volume groups by balance type and totals across them', async () => {
    const bets = windowBets(24 * HOUR_MS);
    const answer = await fetchJson<Answer & { currencies: Answer[]; totals: Answer }>(
      sandbox,
      '/v1-beta/games/stake-crash/stats/currency-volume',
    );
    const byCurrency = new Map<string, SimBet[]>();
    for (const { bet } of bets) {
      const list = byCurrency.get(bet.currency) ?? [];
      list.push(bet);
      byCurrency.set(bet.currency, list);
    }
    const sum = (list: SimBet[], key: 'amountCents' | 'payoutCents'): number => list.reduce((total, bet) => total + bet[key], 0);
    expect(new Map(answer.currencies.map((row) => [row.balance_type, row]))).toEqual(
      new Map(
        [...byCurrency].map(([currency, list]) => [
          currency,
          { balance_type: currency, bets_count: list.length, volume: cents(sum(list, 'amountCents')), payout: cents(sum(list, 'payoutCents')) },
        ]),
      ),
    );
    const all = bets.map(({ bet }) => bet);
    expect(answer.totals).toEqual({ bets_count: all.length, volume: cents(sum(all, 'amountCents')), payout: cents(sum(all, 'payoutCents')) });
  });

  it('recent-bets lists the newest bets with their round’s outcome and exact round_index', async () => {
    const reply = await fetchText(sandbox, '/v1-beta/games/stake-crash/stats/recent-bets?limit=300');
    const answer = JSON.parse(reply.text) as Answer & { bets: Answer[] };
    const records = sandbox.rounds('stake-crash');
    const expected = windowBets(HOUR_MS).slice(0, 300);
    expect(answer.bets).toHaveLength(300);
    answer.bets.forEach((row, i) => {
      const { bet, position } = expected[i]!;
      const record = records[position]!;
      expect(row).toMatchObject({
        round_id: record.roundId,
        finalized_at: finalizedAt(record),
        bet_amount: cents(bet.amountCents),
        balance_type: bet.currency,
        target_multiplier: (bet.targetHundredths / 100).toFixed(2),
        round_multiplier: record.multiplier,
        won: bet.payoutCents > 0,
      });
      expect(row.won).toBe(Number(record.multiplier) * 100 >= bet.targetHundredths);
    });
    const indices = [...reply.text.matchAll(/"round_index":(\d+)/g)].map((match) => BigInt(match[1]!));
    expect(indices).toEqual(expected.map(({ position }) => records[position]!.roundIndex));
  });
});

describe('bet-based stats of a game without bet snapshots', () => {
  it('answer zeros and a note rather than an error', async () => {
    const path = (name: string): string => `/v1-beta/games/crazytime/stats/${name}`;
    const empirical = await fetchJson<Answer>(sandbox, path('rtp-empirical'));
    expect(empirical).toMatchObject({ bets_count: 0, volume: '0.00', payout: '0.00', ratio: null });
    expect(empirical.note).toMatch(/no bet snapshots/);
    expect(await fetchJson<Answer>(sandbox, path('rtp-detailed'))).toMatchObject({ targets: [] });
    expect(await fetchJson<Answer>(sandbox, path('currency-volume'))).toMatchObject({
      currencies: [],
      totals: { bets_count: 0, volume: '0.00', payout: '0.00' },
    });
    expect(await fetchJson<Answer>(sandbox, path('recent-bets'))).toMatchObject({ bets: [] });
  });
});
