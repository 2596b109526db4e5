// The plans the sandbox enforces are the documented ones (src/shared/tiers.ts); a key may carry
// its own numbers, as Enterprise plans are "custom".
import { TIER_LIMITS, type Tier, type TierLimits } from '../shared/tiers';

export { isTier, type Tier } from '../shared/tiers';
export type TierRules = TierLimits;

/** One API key and its plan; Enterprise is "custom", so any key may carry its own numbers. */
export interface KeyGrant {
  readonly key: string;
  readonly tier: Tier;
  readonly ratePerSecond?: number;
  readonly burst?: number;
}

/** The plan a key actually gets: its tier's rules with the key's own overrides. */
export function rulesFor(grant: KeyGrant): TierRules {
  const base = TIER_LIMITS[grant.tier];
  const ratePerSecond = grant.ratePerSecond ?? base.ratePerSecond;
  const burst = grant.burst ?? (grant.ratePerSecond === undefined ? base.burst : Math.max(1, ratePerSecond * 2));
  if (!(ratePerSecond > 0) || !(burst >= 1)) {
    throw new Error(`startSandbox: key of tier ${grant.tier} needs ratePerSecond > 0 and burst >= 1`);
  }
  return { tier: base.tier, ratePerSecond, burst, stream: base.stream };
}
