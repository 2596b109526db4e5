import { describe, expect, it } from 'vitest';
import { edgeAt, rtpAt } from '../../../../src/main/core/stats/theory/edge';
import { wilsonInterval } from '../../../../src/main/core/stats/theory/interval';

describe('edge and return at a cash-out target', () => {
  it('a player cashing out at 2× in 495 of 1,000 rounds got back 0.99: a 1% edge', () => {
    const rtp = rtpAt(2, 495, 1_000)!;
    expect(rtp.rtp).toBeCloseTo(0.99, 12);
    expect(rtp.interval.low).toBeCloseTo(0.92818, 5);
    expect(rtp.interval.high).toBeCloseTo(1.05190, 5);
    const edge = edgeAt(2, 495, 1_000)!;
    expect(edge.edge).toBeCloseTo(0.01, 12);
  });

  it("the edge's band is the return's band turned over: a higher hit rate means a lower edge", () => {
    const edge = edgeAt(2, 495, 1_000)!;
    const rate = wilsonInterval(495, 1_000)!;
    expect(edge.interval.low).toBeCloseTo(1 - 2 * rate.high, 12);
    expect(edge.interval.high).toBeCloseTo(1 - 2 * rate.low, 12);
    expect(edge.interval.low).toBeLessThan(edge.edge);
    expect(edge.interval.high).toBeGreaterThan(edge.edge);
  });

  it('at 10× after 1,000 rounds the band is wide: one standard error is about 9 points (game-math §5)', () => {
    const rtp = rtpAt(10, 99, 1_000)!;
    const oneStandardError = (rtp.interval.high - rtp.interval.low) / 2 / 1.96;
    expect(oneStandardError).toBeGreaterThan(0.085);
    expect(oneStandardError).toBeLessThan(0.1);
  });

  it('has no estimate before the first round', () => {
    expect(edgeAt(2, 0, 0)).toBeNull();
    expect(rtpAt(2, 0, 0)).toBeNull();
  });
});
