import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival, ksFromSorted, ksPValue, ksStatistic } from '../../../../src/main/core/stats/theory/kolmogorov';

const uniform = (x: number): number => Math.min(1, Math.max(0, x));

describe('Kolmogorov–Smirnov p-value', () => {
  it('Q_KS(1.358) ≈ 0.05 and Q_KS(1.628) ≈ 0.01: the large-sample critical values', () => {
    expect(kolmogorovSurvival(1.358)).toBeCloseTo(0.05, 3);
    expect(kolmogorovSurvival(1.628)).toBeCloseTo(0.01, 3);
    expect(ksPValue(1.358 / Math.sqrt(1e8), 1e8)).toBeCloseTo(0.05, 3);
  });

  it('agrees with the Kolmogorov distribution to 1e-10 on both sides of where its two series meet', () => {
    // Reference values: scipy.stats.kstwobign.sf.
    expect(kolmogorovSurvival(0.3)).toBeCloseTo(0.9999906941986655, 10);
    expect(kolmogorovSurvival(1.17)).toBeCloseTo(0.12939004218561884, 10);
    expect(kolmogorovSurvival(1.18)).toBeCloseTo(0.1234538094297657, 10);
    expect(kolmogorovSurvival(1.19)).toBeCloseTo(0.11774229287977166, 10);
    expect(kolmogorovSurvival(2)).toBeCloseTo(0.0006709252557796953, 12);
  });

  it('is 1 at no distance', () => {
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.26999967, 7);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.96394524, 7);
    expect(ksPValue(0, 100)).toBe(1);
  });

  it("with Stephens' correction, the exact 5% critical values of small samples give about 5%", () => {
    // Exact critical values of D_n at the 5% level (Massey 1951; Marsaglia–Tsang–Wang 2003).
    const critical: readonly [n: number, d: number][] = [[5, 0.56328], [10, 0.40925], [20, 0.29408], [100, 0.13403]];
    for (const [n, d] of critical) expect(Math.abs(ksPValue(d, n) - 0.05)).toBeLessThan(0.002);
  });
});

describe('Kolmogorov–Smirnov distance', () => {
  it('from sorted raw values: the largest ECDF gap, either just below or at a value', () => {
    expect(ksFromSorted(new Float64Array([0.1, 0.4, 0.7]), uniform)).toEqual({ statistic: expect.closeTo(0.3, 12), x: 0.7 });
    expect(ksFromSorted(new Float64Array([0.5, 0.6, 0.9]), uniform)).toEqual({ statistic: expect.closeTo(0.5, 12), x: 0.5 });
  });

  it('compares the ECDF just below and at a repeated value, so ties count once', () => {
    // Two of four values at 0.5: the ECDF jumps from 1/4 to 3/4 there.
    const distance = ksFromSorted(new Float64Array([0.2, 0.5, 0.5, 0.9]), uniform)!;
    expect(distance.statistic).toBeCloseTo(0.25, 12);
  });

  it('a discrete law with its own P(X < x) sees no distance in a sample that matches it', () => {
    const faces = new Float64Array([1, 2, 3, 4, 5, 6]);
    const die = (x: number): number => Math.min(6, Math.max(0, Math.floor(x))) / 6;
    const dieBefore = (x: number): number => Math.min(6, Math.max(0, Math.ceil(x) - 1)) / 6;
    expect(ksFromSorted(faces, die, dieBefore)?.statistic).toBeCloseTo(0, 12);
    // Treated as continuous, the jumps themselves would look like a distance of 1/6.
    expect(ksFromSorted(faces, die)?.statistic).toBeCloseTo(1 / 6, 12);
  });

  it('from counts below histogram edges: the largest gap among the edges, and where', () => {
    // 1,000 Stake rounds; counts of M < x at x = 1.5, 2, 10 against 1 − 0.99/x.
    const edges = [
      { x: 1.5, below: 352 },
      { x: 2, below: 540 },
      { x: 10, below: 905 },
    ];
    const distance = ksStatistic(edges.map(({ x, below }) => ({ x, empirical: below / 1_000, theoretical: 1 - 0.99 / x })))!;
    expect(distance.x).toBe(2);
    expect(distance.statistic).toBeCloseTo(0.035, 12);
  });

  it('has no distance without data', () => {
    expect(ksStatistic([])).toBeNull();
    expect(ksFromSorted(new Float64Array(0), uniform)).toBeNull();
  });
});
