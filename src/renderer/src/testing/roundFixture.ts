import type { RoundView } from '../../../shared/round';
import { microsToIso } from '../../../shared/time';

/** A round as the service delivers it, with just the fields a test cares about spelled out. */
export function round(roundId: string, seconds: number, overrides: Partial<RoundView> = {}): RoundView {
  const finalizedUs = Math.round(seconds * 1e6);
  return {
    game: 'stake-crash',
    roundId,
    roundIndex: null,
    multiplier: '2.0000',
    finalizedAt: microsToIso(finalizedUs),
    finalizedUs,
    segment: null,
    ...overrides,
  };
}
