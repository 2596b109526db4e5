import type { SimRoundRecord } from '../round-log';
import { finalizedAtText } from '../stats/round-facts';
import { tallyOf, thresholdSlot, HEADLINE_THRESHOLDS } from '../stats/threshold-tally';
import type { JsonValue } from '../stats/json-text';
import type { GameRequest } from './game-request';

// /stats/delays and the summary's delay table: rounds since the last round at or above each
// threshold. rounds_since counts the hit itself, as the seed does (the newest round 4.71× shows
// rounds_since 1 for 2×); a threshold never reached shows every round and null last_* fields.

export interface Delay {
  readonly threshold: number;
  readonly roundsSince: number;
  readonly last: SimRoundRecord | null;
  readonly lifetimeHits: number;
  readonly lifetimeRounds: number;
}

export function delayOf(request: GameRequest, threshold: number): Delay {
  const tally = tallyOf(request.log, request.settled);
  const slot = thresholdSlot(threshold);
  const lastHit = tally.lastHit[slot] as number;
  return {
    threshold,
    roundsSince: lastHit < 0 ? tally.rounds : tally.rounds - lastHit,
    last: lastHit < 0 ? null : (request.log.records[lastHit] as SimRoundRecord),
    lifetimeHits: tally.hits[slot] as number,
    lifetimeRounds: tally.rounds,
  };
}

export function delaysJson(request: GameRequest): JsonValue {
  return HEADLINE_THRESHOLDS.map((threshold) => {
    const delay = delayOf(request, threshold);
    return {
      threshold: String(threshold),
      rounds_since: delay.roundsSince,
      last_round_index: delay.last?.roundIndex ?? null,
      last_multiplier: delay.last?.multiplier ?? null,
      last_finalized_at: delay.last === null ? null : finalizedAtText(delay.last),
      lifetime_hits: delay.lifetimeHits,
      lifetime_rounds: delay.lifetimeRounds,
    };
  });
}
