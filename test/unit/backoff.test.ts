import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/main/core/backoff';

describe('reconnect backoff', () => {
  it('grows exponentially up to the cap, with the full range jittered', () => {
    const highest = new Backoff(1_000, 30_000, () => 0.999_999);
    expect(Array.from({ length: 7 }, () => highest.next())).toEqual([999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999]);
    const lowest = new Backoff(1_000, 30_000, () => 0);
    expect(lowest.next()).toBe(0);
  });

  it('starts over after a reset', () => {
    const backoff = new Backoff(1_000, 30_000, () => 0.5);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});
