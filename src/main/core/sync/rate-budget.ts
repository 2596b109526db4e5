import type { TierLimits } from '../../../shared/tiers';
import { Emitter } from '../emitter';

/**
 * Who is asking, most urgent first: `live` (polling for new rounds when the tier has no stream),
 * `catch-up` (filling the gap after a reconnect, a wake or a restart), `deep` (older history).
 * A waiting request of a higher priority is always granted first, so a deep backfill never starves
 * live tracking of budget.
 */
export type RequestPriority = 'live' | 'catch-up' | 'deep';
const PRIORITIES: readonly RequestPriority[] = ['live', 'catch-up', 'deep'];

/**
 * Roundlog keeps a little under the documented budget: the server counts requests when they
 * arrive, and on one loaded machine two sent 20 ms apart may arrive 15 ms apart.
 */
const RATE_MARGIN = 0.98;
const BURST_MARGIN = 0.9;
/** After a 429 the rate drops to this fraction, then climbs back linearly over RECOVERY_MS. */
const SLOWDOWN = 0.75;
const MIN_SLOWDOWN = 0.25;
const RECOVERY_MS = 60_000;

interface Waiter {
  /** True while the request is a page asked for before it is known to be needed (walk.ts): served after every other. */
  readonly isGuess: () => boolean;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * One token bucket per API key, shared by every request the key makes, sized by its tier. A 429
 * stops every request until its Retry-After has passed and slows the budget for a while (another
 * client may be spending the same key), so retries can never become a storm.
 */
export class RateBudget {
  /** A 429 or a new tier: what the status shows of the budget changed. */
  readonly changed = new Emitter<void>();
  private limits: TierLimits;
  private tokens: number;
  private lastMs: number;
  private pausedUntilMs = 0;
  private slowdownFloor = 1;
  private slowdownAtMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly queues: Record<RequestPriority, Waiter[]> = { live: [], 'catch-up': [], deep: [] };
  private rateLimited = 0;
  private granted = 0;

  constructor(
    limits: TierLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limits = limits;
    this.tokens = this.burst;
    this.lastMs = now();
  }

  /**
   * Resizes the bucket for a tier learned later. The server's bucket for the key was the larger
   * one all along, so what was spent is spent from it: a bigger burst adds its difference.
   */
  setLimits(limits: TierLimits): void {
    this.refill();
    const oldBurst = this.burst;
    this.limits = limits;
    this.tokens = Math.min(this.burst, this.tokens + Math.max(0, this.burst - oldBurst));
    this.changed.emit();
    this.pump();
  }

  get tier(): TierLimits['tier'] {
    return this.limits.tier;
  }

  get ratePerSecond(): number {
    return this.limits.ratePerSecond * RATE_MARGIN * this.slowdown();
  }

  private get burst(): number {
    return Math.max(1, Math.floor(this.limits.burst * BURST_MARGIN));
  }

  /**
   * Resolves when the request may be sent; rejects with the signal's reason if aborted first.
   * `isGuess` is asked each time a request is granted: while it says true, every waiting request
   * not a guess goes first, so when 429s make the budget scarce the pages walks wait for come
   * before pages they may never read. A guess the walk comes to need stops being one.
   */
  acquire(priority: RequestPriority, signal?: AbortSignal, isGuess: () => boolean = () => false): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues[priority];
      const waiter: Waiter = {
        isGuess,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      queue.push(waiter);
      this.pump();
    });
  }

  /** TrackerSino answered 429: nobody sends before `retryAfterMs` has passed. */
  onRateLimited(retryAfterMs: number): void {
    const now = this.now();
    this.refill();
    this.rateLimited++;
    // Requests in flight together meet the same limit: one slowdown per pause, not one per 429.
    if (now >= this.pausedUntilMs) {
      this.slowdownFloor = Math.max(MIN_SLOWDOWN, this.slowdown() * SLOWDOWN);
      this.slowdownAtMs = now;
    }
    this.pausedUntilMs = Math.max(this.pausedUntilMs, now + retryAfterMs);
    this.tokens = 0;
    this.changed.emit();
    this.pump();
  }

  get waiting(): number {
    return PRIORITIES.reduce((sum, priority) => sum + this.queues[priority].length, 0);
  }

  get rateLimitedCount(): number {
    return this.rateLimited;
  }

  /** Requests granted so far. */
  get grantedCount(): number {
    return this.granted;
  }

  /** Milliseconds until a 429's wait is over, or 0. */
  get pausedForMs(): number {
    return Math.max(0, this.pausedUntilMs - this.now());
  }

  /** Rejects every waiter; the recorder has stopped. */
  dispose(reason: unknown): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const priority of PRIORITIES) {
      for (const waiter of this.queues[priority].splice(0)) {
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.reject(reason);
      }
    }
  }

  private slowdown(): number {
    if (this.slowdownFloor >= 1) return 1;
    const recovered = this.slowdownFloor + ((1 - this.slowdownFloor) * (this.now() - this.slowdownAtMs)) / RECOVERY_MS;
    if (recovered >= 1) this.slowdownFloor = 1;
    return Math.min(1, recovered);
  }

  private refill(): void {
    const now = this.now();
    const elapsedMs = Math.max(0, now - Math.max(this.lastMs, Math.min(now, this.pausedUntilMs)));
    this.lastMs = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.ratePerSecond) / 1000);
  }

  private next(): Waiter | undefined {
    for (const priority of PRIORITIES) {
      const queue = this.queues[priority];
      const needed = queue.findIndex((waiter) => !waiter.isGuess());
      if (needed >= 0) return queue.splice(needed, 1)[0];
    }
    for (const priority of PRIORITIES) {
      const waiter = this.queues[priority].shift();
      if (waiter) return waiter;
    }
    return undefined;
  }

  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.refill();
    const paused = this.pausedForMs;
    while (paused === 0 && this.tokens >= 1 && this.waiting > 0) {
      const waiter = this.next()!;
      this.tokens -= 1;
      this.granted++;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    if (this.waiting > 0) {
      const waitMs = paused > 0 ? paused : ((1 - this.tokens) * 1000) / this.ratePerSecond;
      this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(waitMs)));
    }
  }
}
