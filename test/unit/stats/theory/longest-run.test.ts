import { describe, expect, it } from 'vitest';
import { expectedLongestRun, longestRunChance } from '../../../../src/main/core/stats/theory/longest-run';

/** P(longest run of failures ≥ length) by listing all 2^n outcomes, weighted by p. */
function bruteForce(n: number, p: number, length: number): number {
  let total = 0;
  for (let outcome = 0; outcome < 2 ** n; outcome++) {
    let run = 0;
    let longest = 0;
    let weight = 1;
    for (let round = 0; round < n; round++) {
      const success = ((outcome >> round) & 1) === 1;
      weight *= success ? p : 1 - p;
      run = success ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    if (longest >= length) total += weight;
  }
  return total;
}

describe('longest run of rounds below x', () => {
  it.each([
    ['Stake below 2×', 0.495, 1_000, 9],
    ['Stake below 2×', 0.495, 10_000, 12],
    ['Stake below 10×', 0.099, 1_000, 44],
    ['Stake below 10×', 0.099, 10_000, 66],
    ['Roobet below 2×', 0.4776, 1_000, 9.5],
    ['Roobet below 2×', 0.4776, 10_000, 13],
  ])('%s (p = %s) in %s rounds: about %s, as in game-math', (_, p, n, about) => {
    expect(Math.abs(expectedLongestRun(n, p) - about)).toBeLessThan(0.5);
  });

  it('is every round when the outcome never comes, and none when it always does', () => {
    expect(expectedLongestRun(500, 0)).toBe(500);
    expect(expectedLongestRun(500, 1)).toBe(0);
    expect(expectedLongestRun(0, 0.5)).toBe(0);
  });

  it('the chance of a run of at least k matches counting every outcome of a short session', () => {
    for (const [n, p] of [[12, 0.5], [13, 0.099], [10, 0.9]] as const) {
      for (const length of [1, 2, 3, 5, 8, n]) expect(longestRunChance(n, p, length)).toBeCloseTo(bruteForce(n, p, length), 12);
    }
  });

  it('is certain for a run of 0, impossible for a run longer than the session', () => {
    expect(longestRunChance(100, 0.5, 0)).toBe(1);
    expect(longestRunChance(100, 0.5, 101)).toBe(0);
    expect(longestRunChance(100, 0, 100)).toBe(1);
    expect(longestRunChance(100, 1, 1)).toBe(0);
  });

  it('keeps tiny chances accurate: 200 fair rounds all failing is 2^-200', () => {
    expect(longestRunChance(200, 0.5, 200) / 2 ** -200).toBeCloseTo(1, 10);
  });

  it('the typical run is reached about 1 − 1/e of the time (Stake below 10×, 10,000 rounds)', () => {
    const typical = expectedLongestRun(10_000, 0.099);
    expect(longestRunChance(10_000, 0.099, typical)).toBeGreaterThan(0.5);
    expect(longestRunChance(10_000, 0.099, typical + 1)).toBeLessThan(0.7);
  });

  it('past 20,000 rounds the approximation continues the exact values without a visible step', () => {
    for (const length of [14, 16, 18, 20]) {
      const exact = longestRunChance(20_000, 0.495, length);
      const approximate = longestRunChance(20_001, 0.495, length);
      expect(Math.abs(approximate - exact)).toBeLessThan(0.005);
    }
  });
});
