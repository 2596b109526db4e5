export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** A floor so a jitter draw near zero does not hammer a server that just went away. */
  readonly minMs: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 15_000, minMs: 250 };

/**
 * Capped exponential backoff with full jitter: many tabs reconnecting to one restarted server
 * spread out instead of arriving in lockstep. `attempt` counts from 0; `random` is in [0, 1).
 */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy, random: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.max(policy.minMs, Math.floor(ceiling * random));
}
