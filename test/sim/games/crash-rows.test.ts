import { describe, expect, it } from 'vitest';
import { findGame } from '../../../src/sim/games/catalog';
import { CURRENCY_WEIGHTS } from '../../../src/sim/games/crowd';
import { expectFits, keysOf, meanCadenceSeconds, sample } from './sample';

// Crash rows: the seed's raw shape, and bet snapshots whose sums are the raw totals.

describe('crash rows', () => {
  it('carry the seed’s raw keys in order, totals that are the sums of the reported bets, and whole-second times', () => {
    for (const slug of ['stake-crash', 'duel-crash', 'shuffle-crash', 'crash', 'stake-slide']) {
      const log = findGame(slug)!.openLog({ seed: 'bets', epochMs: 1_780_000_000_000, speed: 1 });
      log.finishCount(150);
      for (let n = 0; n < 150; n++) {
        const record = log.records[n]!;
        const raw = JSON.parse(record.json.slice(record.json.indexOf(',"raw":') + 7, -1)) as {
          result: { rtp: number; maxMultiplier: number; roundDuration: number };
          totalAmount: number;
          bettorsCount: number;
          totalWinners: number;
          totalBetAmount: number;
        };
        expect(keysOf(raw)).toEqual(['result', 'source', 'round_id', 'settledAt', 'startedAt', 'totalAmount', 'bettorsCount', 'totalWinners', 'totalBetAmount']);
        expect(keysOf(raw.result)).toEqual(['rtp', 'maxMultiplier', 'roundDuration']);
        expect(record.json).toMatch(/"finalized_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
        const bets = log.bets(n);
        expect(bets).toHaveLength(raw.bettorsCount);
        const cents = (sum: number, value: number): number => sum + value;
        expect(bets.map((bet) => bet.amountCents).reduce(cents, 0)).toBe(Math.round(raw.totalBetAmount * 100));
        expect(bets.map((bet) => bet.payoutCents).reduce(cents, 0)).toBe(Math.round(raw.totalAmount * 100));
        expect(bets.filter((bet) => bet.payoutCents > 0)).toHaveLength(raw.totalWinners);
        const crash = Number(record.multiplier);
        const misPaid = bets.filter((bet) => {
          const won = bet.targetHundredths / 100 <= crash;
          return bet.payoutCents !== (won ? Math.floor((bet.amountCents * bet.targetHundredths) / 100) : 0);
        });
        expect(misPaid).toEqual([]);
        if (slug !== 'duel-crash') expect(raw.result.maxMultiplier).toBe(crash);
        else expect(raw.result.maxMultiplier.toFixed(4)).toBe(record.multiplier);
      }
    }
  });

  it('samples cash-out targets with P(target ≥ x) ≈ 0.99/x and currencies by their weights', () => {
    const log = findGame('stake-crash')!.openLog({ seed: 'targets', epochMs: 0, speed: 1 });
    log.finishCount(300);
    const bets = Array.from({ length: 300 }, (_, n) => log.bets(n)).flat();
    for (const x of [1.5, 2, 5, 10, 50]) {
      const share = bets.filter((bet) => bet.targetHundredths >= x * 100).length / bets.length;
      expect(share).toBeGreaterThan((0.99 / x) * 0.9);
      expect(share).toBeLessThan((0.99 / x) * 1.1);
    }
    const currencies = CURRENCY_WEIGHTS.map(([currency]) => currency);
    const counts = currencies.map((currency) => bets.filter((bet) => bet.currency === currency).length);
    expectFits(counts, CURRENCY_WEIGHTS.map(([, weight]) => weight / 256));
  });

  it('plays a crash round every ~10-30 s, betting included; Duel keeps 4 unfloored decimals', () => {
    const rounds = sample('duel-crash', 'cadence', 2_000);
    const seconds = meanCadenceSeconds(rounds);
    expect(seconds).toBeGreaterThan(10);
    expect(seconds).toBeLessThan(30);
    expect(rounds.some((round) => !round.record.multiplier.endsWith('00'))).toBe(true);
    const slide = sample('slide', 'cadence', 50);
    expect(keysOf(slide[0]!.raw)).toEqual(['source', 'round_id', 'multiplier', 'settledAt']);
  });
});
