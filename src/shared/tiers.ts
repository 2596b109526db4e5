// The seed's "Rate limits" section as data, shared by the client's request budget and the
// sandbox's enforcement. Starter is REST-only at 5 req/s, burst 10; Pro is 50 req/s plus the
// stream; Enterprise is "custom (default 200 req/s + dedicated WS)". The seed gives no burst for
// Pro or Enterprise: both sides assume Starter's proportion, two seconds' worth of requests.

export const TIER_NAMES = ['starter', 'pro', 'enterprise'] as const;
export type Tier = (typeof TIER_NAMES)[number];

export interface TierLimits {
  readonly tier: Tier;
  /** Sustained REST budget per key. */
  readonly ratePerSecond: number;
  /** Requests a fresh (or rested) key may send at once. */
  readonly burst: number;
  /** Whether the WebSocket stream is part of the plan. */
  readonly stream: boolean;
}

export const TIER_LIMITS: Readonly<Record<Tier, TierLimits>> = {
  starter: { tier: 'starter', ratePerSecond: 5, burst: 10, stream: false },
  pro: { tier: 'pro', ratePerSecond: 50, burst: 100, stream: true },
  enterprise: { tier: 'enterprise', ratePerSecond: 200, burst: 400, stream: true },
};

export function isTier(text: string): text is Tier {
  return (TIER_NAMES as readonly string[]).includes(text);
}
