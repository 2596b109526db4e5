import { describe, expect, it } from 'vitest';
import { basePay } from '../../../src/sim/games/lightning-dice';
import { countCells } from './chi-square';
import { expectDeterministic, expectFits, sample } from './sample';

// Lightning Dice and Lightning Roulette (game-math.md §3).

const ROUNDS = 15_000;

describe('lightningdice', () => {
  const totals = Array.from({ length: 16 }, (_, i) => i + 3);
  /** Ways three dice make each total, out of 216. */
  const ways = totals.map((total) => {
    let count = 0;
    for (let a = 1; a <= 6; a++) for (let b = 1; b <= 6; b++) for (let c = 1; c <= 6; c++) if (a + b + c === total) count++;
    return count;
  });

  it('rolls totals 3..18 with the 3d6 combinations (χ², p > 1e-4) from fair faces', () => {
    const rounds = sample('lightningdice', 'dice-law', ROUNDS);
    expectFits(countCells(rounds.map(({ raw }) => raw.total as number), totals), ways.map((w) => w / 216));
    const faces = rounds.flatMap(({ raw }) => raw.dice as number[]);
    expectFits(countCells(faces, [1, 2, 3, 4, 5, 6]), Array(6).fill(1 / 6));
  });

  it('pays base pay + 1, or the lightning multiplier when the total was struck (1-4 strikes a round)', () => {
    for (const { raw, row } of sample('lightningdice', 'dice-pay', 1_000)) {
      const dice = raw.dice as number[];
      expect(dice.reduce((sum, face) => sum + face, 0)).toBe(raw.total);
      expect(row.random_number).toBe(raw.total);
      const strikes = raw.lightning as { total: number; multiplier: number }[];
      expect(strikes.length).toBeGreaterThanOrEqual(1);
      expect(strikes.length).toBeLessThanOrEqual(4);
      expect(new Set(strikes.map((strike) => strike.total)).size).toBe(strikes.length);
      const struck = strikes.find((strike) => strike.total === raw.total);
      expect(raw.is_lightning).toBe(struck !== undefined);
      expect(Number(row.multiplier)).toBe(struck?.multiplier ?? basePay(raw.total as number) + 1);
      for (const strike of strikes) expect(strike.multiplier).toBeGreaterThan(basePay(strike.total) + 1);
    }
  });

  it('replays the same rounds from the same seed', () => expectDeterministic('lightningdice'));
});

describe('lightningroulette', () => {
  const pockets = Array.from({ length: 37 }, (_, i) => i);

  it('lands on each of 37 pockets with probability 1/37 (χ², p > 1e-4)', () => {
    const rounds = sample('lightningroulette', 'roulette-law', ROUNDS);
    expectFits(countCells(rounds.map(({ raw }) => raw.result as number), pockets), Array(37).fill(1 / 37));
  });

  it('draws 1-5 lucky numbers at 50-500× and pays 30, or the lucky multiplier on a struck number', () => {
    for (const { raw, row } of sample('lightningroulette', 'roulette-pay', 1_000)) {
      const lucky = raw.lucky_numbers as { number: number; multiplier: number }[];
      expect(lucky.length).toBeGreaterThanOrEqual(1);
      expect(lucky.length).toBeLessThanOrEqual(5);
      for (const { number, multiplier } of lucky) {
        expect(pockets).toContain(number);
        expect([50, 100, 200, 300, 400, 500]).toContain(multiplier);
      }
      const hit = lucky.find((entry) => entry.number === raw.result);
      expect(raw.is_lucky).toBe(hit !== undefined);
      expect(Number(row.multiplier)).toBe(hit?.multiplier ?? 30);
      expect(row.random_number).toBe(raw.result);
    }
  });

  it('replays the same rounds from the same seed', () => expectDeterministic('lightningroulette'));
});
