import { describe, expect, it } from 'vitest';
import { chiSquare, upperRegularizedGamma } from './chi-square';

describe('the χ² helper', () => {
  it('matches tabulated χ² critical values (p = 0.05 and 0.001)', () => {
    // [degrees of freedom, χ² at p = 0.05, χ² at p = 0.001]
    const table: [number, number, number][] = [
      [1, 3.841, 10.828],
      [2, 5.991, 13.816],
      [7, 14.067, 24.322],
      [15, 24.996, 37.697],
      [36, 50.998, 67.985],
    ];
    for (const [df, at05, at001] of table) {
      expect(upperRegularizedGamma(df / 2, at05 / 2)).toBeCloseTo(0.05, 3);
      expect(upperRegularizedGamma(df / 2, at001 / 2)).toBeCloseTo(0.001, 4);
    }
  });

  it('passes counts equal to the expectation and rejects a clearly biased die', () => {
    const fair = chiSquare([100, 100, 100, 100, 100, 100], Array(6).fill(1 / 6));
    expect(fair.statistic).toBe(0);
    expect(fair.pValue).toBeCloseTo(1, 10);
    expect(chiSquare([160, 100, 100, 100, 100, 40], Array(6).fill(1 / 6)).pValue).toBeLessThan(1e-6);
  });

  it('merges cells expecting fewer than 5 into their neighbours', () => {
    const result = chiSquare([50, 48, 1, 1], [0.49, 0.49, 0.01, 0.01]);
    expect(result.degreesOfFreedom).toBe(1);
  });
});
