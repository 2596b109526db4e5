import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelayMs } from '../../src/shared/backoff';

const policy = { baseMs: 1_000, capMs: 30_000 };

describe('reconnect backoff', () => {
  it('grows exponentially up to the cap, with the full range jittered', () => {
    const highest = new Backoff(policy, () => 0.999_999);
    expect(Array.from({ length: 7 }, () => highest.next())).toEqual([999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999]);
    expect(new Backoff(policy, () => 0).next()).toBe(0);
  });

  it('starts over after a reset', () => {
    const backoff = new Backoff(policy, () => 0.5);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('never goes below the floor, however low the draw', () => {
    expect(backoffDelayMs(4, { baseMs: 500, capMs: 15_000, minMs: 250 }, 0)).toBe(250);
    expect(backoffDelayMs(4, { baseMs: 500, capMs: 15_000, minMs: 250 }, 0.5)).toBe(4_000);
  });
});
