import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './backoff';

const policy = { baseMs: 500, capMs: 15_000, minMs: 250 };

describe('reconnect backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect(reconnectDelayMs(0, policy, 0.999_999)).toBe(499);
    expect(reconnectDelayMs(3, policy, 0.999_999)).toBe(3999);
    expect(reconnectDelayMs(20, policy, 0.999_999)).toBe(14_999);
  });

  it('spreads retries over the whole window (full jitter) but never below the floor', () => {
    expect(reconnectDelayMs(4, policy, 0.5)).toBe(4000);
    expect(reconnectDelayMs(4, policy, 0)).toBe(250);
  });
});
