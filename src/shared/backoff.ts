// Capped exponential backoff with full jitter, for every reconnect in the app (the upstream
// stream in the core, the serve socket in the renderer): many clients redialling one restarted
// server spread out instead of arriving in lockstep.

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** A floor so a jitter draw near zero does not hammer a server that just went away. */
  readonly minMs?: number;
}

/** A delay in [minMs, min(cap, base·2^attempt)); `attempt` counts from 0, `random` is in [0, 1). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.max(policy.minMs ?? 0, Math.floor(ceiling * random));
}

/** The same policy with its attempt count, for a loop that retries until it succeeds. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    return backoffDelayMs(this.attempt++, this.policy, this.random());
  }

  reset(): void {
    this.attempt = 0;
  }

  /** Delays handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }
}
