import type { ServerResponse } from 'node:http';
import { errorHeaders } from './api-error';
import type { TierRules } from './tiers';

// One token bucket per key, shared by every REST request the key makes. The seed: "On 429 we
// send Retry-After (seconds) ... We don't auto-throttle silently".

export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly rules: TierRules,
    nowMs: number,
  ) {
    this.tokens = rules.burst;
    this.lastMs = nowMs;
  }

  /** Spends one token; returns 0 if the request may pass, else the ms until a token is back. */
  take(nowMs: number): number {
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    this.tokens = Math.min(this.rules.burst, this.tokens + (elapsedMs * this.rules.ratePerSecond) / 1000);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) * 1000) / this.rules.ratePerSecond;
  }
}

/** Buckets by key (each key has its own rules object); a bucket starts full when its key is first seen. */
export class RateLimiter {
  private readonly buckets = new Map<TierRules, TokenBucket>();

  /** 0 if the request passes, else whole seconds to wait (at least 1), as Retry-After says. */
  check(rules: TierRules, nowMs: number): number {
    let bucket = this.buckets.get(rules);
    if (bucket === undefined) {
      bucket = new TokenBucket(rules, nowMs);
      this.buckets.set(rules, bucket);
    }
    const waitMs = bucket.take(nowMs);
    return waitMs === 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }
}

/** Writes a JSON error answer with the contract's headers; `body` is already JSON text. */
export function sendErrorJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    ...errorHeaders(status),
    ...headers,
  });
  res.end(body);
}

/** The seed's example, key for key: `{"error":"rate_limited","message":"Exceeded 50 req/s on tier=pro","retry_after_s":3}`. */
export function sendRateLimited(res: ServerResponse, rules: TierRules, retryAfterS: number): void {
  const body = JSON.stringify({
    error: 'rate_limited',
    message: `Exceeded ${rules.ratePerSecond} req/s on tier=${rules.tier}`,
    retry_after_s: retryAfterS,
  });
  sendErrorJson(res, 429, body, { 'retry-after': String(retryAfterS) });
}
