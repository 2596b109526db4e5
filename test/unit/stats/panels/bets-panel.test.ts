import { describe, expect, it } from 'vitest';
import { BetTally } from '../../../../src/main/core/stats/bets/bet-tally';
import { betsPanelOf } from '../../../../src/main/core/stats/panels/bets-panel';
import { fairLaw } from '../../../../src/shared/game-law/crash-law';
import { betsPanelSchema } from '../../../../src/shared/stats/bets';

// The bet panel against figures worked out by hand: a fair 1%-edge law, so a bet at x wins with
// 0.99 / x and the law's return at every target is 99%.

const MICRO = 1_000_000;
const bet = (dollars: number, target: number, won: boolean, currency = 'usdt') => ({
  amountMicros: dollars * MICRO,
  payoutMicros: won ? dollars * target * MICRO : 0,
  targetUnits: Math.round(target * 10_000),
  currency,
  won,
});

describe('the bets panel', () => {
  const tally = new BetTally();
  tally.addBets([bet(10, 1.2, true), bet(5, 2, true, 'btc'), bet(5, 2, false)], true);
  tally.addBets([bet(1, 150, false, 'btc')], true);
  const panel = betsPanelOf(tally, fairLaw(0.01), Date.UTC(2026, 10, 20) * 1000)!;

  it('sums stake, payout and return over every bet, and per currency by volume', () => {
    expect(betsPanelSchema.parse(panel)).toEqual(panel);
    expect(panel.rounds).toBe(2);
    expect(panel.totals).toEqual({ bets: 4, volume: 21, payout: 22, rtp: 22 / 21 });
    expect(panel.fairRtp).toBeCloseTo(0.99, 12);
    expect(panel.targets).toBe(3);
    expect(panel.currencies).toEqual([
      { currency: 'usdt', bets: 2, volume: 15, payout: 12, rtp: 12 / 15 },
      { currency: 'btc', bets: 2, volume: 6, payout: 10, rtp: 10 / 6 },
    ]);
    expect(panel.recordedSince).toBe('2026-11-20T00:00:00.000000Z');
  });

  it('puts each target in its band, with the law\'s chance of winning there and no interval (bets of a round are not independent)', () => {
    expect(panel.bands.map((band) => [band.from, band.to, band.bets])).toEqual([
      [1, 1.5, 1],
      [2, 3, 2],
      [100, null, 1],
    ]);
    const [low, two, high] = panel.bands;
    expect(low!.winRate).toMatchObject({ hits: 1, rounds: 1, observed: 1, interval: null });
    expect(low!.winRate.theoretical).toBeCloseTo(0.99 / 1.2, 12);
    expect(two!.winRate.observed).toBe(0.5);
    expect(two!.winRate.theoretical).toBeCloseTo(0.495, 12);
    expect(two!.winRate.deltaPp).toBeCloseTo(0.5, 9);
    expect(two!.rtp).toBe(1);
    expect(high!.winRate.theoretical).toBeCloseTo(0.0066, 12);
    expect(high!.rtp).toBe(0);
    for (const band of panel.bands) expect(band.fairRtp).toBeCloseTo(0.99, 12);
  });

  it('says "no published theory" by leaving the law\'s figures empty, and is absent for a game never snapshotted', () => {
    const noLaw = betsPanelOf(tally, null, null)!;
    expect(noLaw.fairRtp).toBeNull();
    expect(noLaw.bands.every((band) => band.fairRtp === null && band.winRate.theoretical === null)).toBe(true);
    expect(betsPanelOf(new BetTally(), null, null)).toBeNull();
    expect(betsPanelOf(new BetTally(), null, 1)).toMatchObject({ rounds: 0, totals: { bets: 0, rtp: null }, bands: [], currencies: [] });
  });

  it('lists every exact target only when asked (scripts), lowest first', () => {
    expect(panel.byTarget).toBeNull();
    const exact = betsPanelOf(tally, fairLaw(0.01), null, true)!;
    expect(betsPanelSchema.parse(exact)).toEqual(exact);
    expect(exact.byTarget).toEqual([
      { target: 1.2, wins: 1, winRate: 1, bets: 1, volume: 10, payout: 12, rtp: 1.2 },
      { target: 2, wins: 1, winRate: 0.5, bets: 2, volume: 10, payout: 10, rtp: 1 },
      { target: 150, wins: 0, winRate: 0, bets: 1, volume: 1, payout: 0, rtp: 0 },
    ]);
  });
});
