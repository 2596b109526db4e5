import { describe, expect, it } from 'vitest';
import { droughtChance, droughtLength, droughtPercentile } from '../../../../src/main/core/stats/theory/drought';

describe('droughts: spins since an outcome last came', () => {
  it('the chance of a gap of at least g is (1 − p)^g', () => {
    expect(droughtChance(1 / 6, 6)).toBeCloseTo((5 / 6) ** 6, 15);
    expect(droughtChance(1 / 54, 0)).toBe(1);
  });

  it('places the current gap as a percentile: 142 spins without Crazy Time is the 93rd', () => {
    expect(droughtPercentile(1 / 54, 142)).toBeCloseTo(0.9297, 4);
    expect(droughtPercentile(1 / 54, 0)).toBe(0);
  });

  it.each([
    ['Crazy Time bonus', 1 / 54, 160, 246],
    ['Cash Hunt', 2 / 54, 79, 122],
    ['Coin Flip', 4 / 54, 39, 60],
    ['any Crazy Time bonus', 9 / 54, 16, 25],
    ['Monopoly 4 Rolls', 1 / 54, 160, 246],
    ['Monopoly 2 Rolls', 3 / 54, 52, 81],
  ])('%s: the 5%% and 1%% drought lengths of the game-math table', (_, p, fivePercent, onePercent) => {
    expect(droughtLength(p, 0.05)).toBe(fivePercent);
    expect(droughtLength(p, 0.01)).toBe(onePercent);
  });

  it('an outcome that never comes has droughts without end; one that always comes has none', () => {
    expect(droughtChance(0, 1_000)).toBe(1);
    expect(droughtLength(0, 0.05)).toBe(Number.POSITIVE_INFINITY);
    expect(droughtChance(1, 1)).toBe(0);
    expect(droughtPercentile(1, 1)).toBe(1);
    expect(droughtLength(1, 0.05)).toBe(0);
  });

  it('refuses a probability outside [0, 1]', () => {
    expect(() => droughtChance(1.5, 3)).toThrow(RangeError);
    expect(() => droughtLength(0.5, 0)).toThrow(RangeError);
  });
});
