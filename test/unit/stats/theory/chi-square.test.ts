import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, chiSquareTest, logGamma } from '../../../../src/main/core/stats/theory/chi-square';

// Critical values from the NIST/SEMATECH e-Handbook, table 1.3.6.7.4 (upper tail).
describe('χ² survival P(X ≥ x)', () => {
  it('matches the 5% critical values for 1 and 10 degrees of freedom', () => {
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(18.307, 10)).toBeCloseTo(0.05, 4);
  });

  it('matches the table row for 53 degrees of freedom (a 54-segment wheel)', () => {
    expect(chiSquareSurvival(66.548, 53)).toBeCloseTo(0.1, 5);
    expect(chiSquareSurvival(70.993, 53)).toBeCloseTo(0.05, 5);
    expect(chiSquareSurvival(75.002, 53)).toBeCloseTo(0.025, 5);
    expect(chiSquareSurvival(79.843, 53)).toBeCloseTo(0.01, 5);
    expect(chiSquareSurvival(90.573, 53)).toBeCloseTo(0.001, 6);
  });

  it('agrees with closed forms to 1e-10: e^(−x/2) for 2 df, erfc for 1 df', () => {
    for (const x of [0.01, 0.5, 2, 7.5, 30, 80]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 10);
    // For 1 df, P(X ≥ z²) = 2·(1 − Φ(z)): at z = 1.959963984540054 it is exactly 0.05.
    expect(chiSquareSurvival(1.959963984540054 ** 2, 1)).toBeCloseTo(0.05, 10);
  });

  it('is 1 at zero and falls to tiny values far in the tail without going negative', () => {
    expect(chiSquareSurvival(0, 5)).toBe(1);
    const far = chiSquareSurvival(400, 53);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-50);
  });

  it('uses a log-gamma good to 1e-10: Γ(1) = 1, Γ(10) = 9!, Γ(1/2) = √π, ln Γ(26.5)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(26.5)).toBeCloseTo(59.6278460958843, 10);
  });
});

describe('χ² goodness of fit across segments', () => {
  it('a perfect fit has statistic 0 and p-value 1', () => {
    const fit = chiSquareTest([
      { observed: 21, expected: 21 },
      { observed: 13, expected: 13 },
      { observed: 20, expected: 20 },
    ]);
    expect(fit).toEqual({ statistic: 0, degreesOfFreedom: 2, pValue: 1, cells: 3, merged: 0 });
  });

  it('a fair die rolled 60 times: the textbook statistic and k − 1 degrees of freedom', () => {
    const observed = [5, 8, 9, 8, 10, 20];
    const fit = chiSquareTest(observed.map((count) => ({ observed: count, expected: 10 })))!;
    expect(fit.statistic).toBeCloseTo(13.4, 10);
    expect(fit.degreesOfFreedom).toBe(5);
    expect(fit.pValue).toBeCloseTo(0.0199, 4);
  });

  it('merges cells expecting fewer than 5 into their smaller neighbour, smallest first', () => {
    // 108 Crazy Time spins: Cash Hunt, Pachinko and Crazy Time expect 4, 4 and 2.
    const fit = chiSquareTest([
      { observed: 42, expected: 42 },
      { observed: 26, expected: 26 },
      { observed: 14, expected: 14 },
      { observed: 8, expected: 8 },
      { observed: 8, expected: 8 },
      { observed: 4, expected: 4 },
      { observed: 6, expected: 4 },
      { observed: 0, expected: 2 },
    ])!;
    // Crazy Time (2) joins Pachinko (4) → 6; then Cash Hunt (4) joins Coin Flip (8) → 12.
    expect(fit.cells).toBe(6);
    expect(fit.merged).toBe(2);
    expect(fit.degreesOfFreedom).toBe(5);
    expect(fit.statistic).toBeCloseTo(0, 12);
  });

  it('merges a small cell at the end of the list into its only neighbour', () => {
    const fit = chiSquareTest([
      { observed: 30, expected: 20 },
      { observed: 10, expected: 20 },
      { observed: 3, expected: 1 },
    ])!;
    expect(fit.cells).toBe(2);
    expect(fit.statistic).toBeCloseTo((30 - 20) ** 2 / 20 + (13 - 21) ** 2 / 21, 10);
  });

  it('has no test when everything merges into one cell, or nothing was expected', () => {
    expect(chiSquareTest([{ observed: 2, expected: 2 }, { observed: 1, expected: 2 }])).toBeNull();
    expect(chiSquareTest([{ observed: 0, expected: 0 }, { observed: 0, expected: 0 }])).toBeNull();
    expect(chiSquareTest([])).toBeNull();
  });
});
