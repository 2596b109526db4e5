// The seed's "Rate limits" section as data: what each plan may do and how fast.
// Starter is REST-only at 5 req/s, burst 10; Pro is 50 req/s plus the stream; Enterprise is
// "custom (default 200 req/s + dedicated WS)". The seed gives no burst for Pro or Enterprise:
// the sandbox gives them Starter's proportion, two seconds' worth of requests.

export const TIER_NAMES = ['starter', 'pro', 'enterprise'] as const;
export type Tier = (typeof TIER_NAMES)[number];

export interface TierRules {
  readonly tier: Tier;
  /** Sustained REST budget per key. */
  readonly ratePerSecond: number;
  /** Requests a fresh (or rested) key may send at once. */
  readonly burst: number;
  /** Whether the WebSocket stream is part of the plan. */
  readonly stream: boolean;
}

export const TIERS: Readonly<Record<Tier, TierRules>> = {
  starter: { tier: 'starter', ratePerSecond: 5, burst: 10, stream: false },
  pro: { tier: 'pro', ratePerSecond: 50, burst: 100, stream: true },
  enterprise: { tier: 'enterprise', ratePerSecond: 200, burst: 400, stream: true },
};

/** One API key and its plan; Enterprise is "custom", so any key may carry its own numbers. */
export interface KeyGrant {
  readonly key: string;
  readonly tier: Tier;
  readonly ratePerSecond?: number;
  readonly burst?: number;
}

export function isTier(text: string): text is Tier {
  return (TIER_NAMES as readonly string[]).includes(text);
}

/** The plan a key actually gets: its tier's rules with the key's own overrides. */
export function rulesFor(grant: KeyGrant): TierRules {
  const base = TIERS[grant.tier];
  const ratePerSecond = grant.ratePerSecond ?? base.ratePerSecond;
  const burst = grant.burst ?? (grant.ratePerSecond === undefined ? base.burst : Math.max(1, ratePerSecond * 2));
  if (!(ratePerSecond > 0) || !(burst >= 1)) {
    throw new Error(`startSandbox: key of tier ${grant.tier} needs ratePerSecond > 0 and burst >= 1`);
  }
  return { tier: base.tier, ratePerSecond, burst, stream: base.stream };
}
