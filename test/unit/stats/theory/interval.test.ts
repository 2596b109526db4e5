import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../../src/main/core/stats/theory/interval';
import { seededRandom } from '../../../../src/sim/seeded-random';


describe('Wilson interval of an observed rate', () => {
  it('8 hits in 10 trials gives the textbook 95% interval [0.4902, 0.9433]', () => {
    const interval = wilsonInterval(8, 10);
    expect(interval?.low).toBeCloseTo(0.4902, 4);
    expect(interval?.high).toBeCloseTo(0.9433, 4);
  });

  it('no hits still gives a band above zero, and all hits one below one, inside [0, 1]', () => {
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
    const all = wilsonInterval(10, 10);
    expect(all?.low).toBeCloseTo(0.7225, 4);
    expect(all?.high).toBe(1);
  });

  it('has no interval before the first trial', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('narrows as trials grow, around the observed rate', () => {
    const small = wilsonInterval(50, 100)!;
    const large = wilsonInterval(5_000, 10_000)!;
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 5);
    expect(large.low).toBeLessThan(0.5);
    expect(large.high).toBeGreaterThan(0.5);
  });

  it('takes another z for another confidence level (z = 2.5758 for 99%)', () => {
    const ninetyFive = wilsonInterval(30, 100)!;
    const ninetyNine = wilsonInterval(30, 100, 2.5758293035489)!;
    expect(ninetyNine.low).toBeLessThan(ninetyFive.low);
    expect(ninetyNine.high).toBeGreaterThan(ninetyFive.high);
  });

  it('refuses more hits than trials', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });

  it('covers the true rate about 95% of the time (2,000 seeded samples of 60 spins at p = 13/54)', () => {
    const random = seededRandom(20_240_601);
    const p = 13 / 54; // the "2" segment of Crazy Time
    const rounds = 60;
    let covered = 0;
    for (let sample = 0; sample < 2_000; sample++) {
      let hits = 0;
      for (let round = 0; round < rounds; round++) if (random() < p) hits++;
      const interval = wilsonInterval(hits, rounds)!;
      if (interval.low <= p && p <= interval.high) covered++;
    }
    // ±3 standard errors of a 95% rate over 2,000 samples.
    expect(covered / 2_000).toBeGreaterThan(0.935);
    expect(covered / 2_000).toBeLessThan(0.965);
  });
});
