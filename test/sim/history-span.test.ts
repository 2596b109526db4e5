import { describe, expect, it } from 'vitest';
import { findGame, simulatedSlugs } from '../../src/sim/games/catalog';

// A history given in rounds is sized by lastFinishMs, which for crash games works out only each
// round's cadence (GameRules.cadenceMs) where a log plays the whole round: both must agree.

describe('sizing a history in rounds', () => {
  it('finds the finish a log reaches playing every round, for every game and at another speed', { timeout: 60_000 }, () => {
    for (const slug of simulatedSlugs()) {
      for (const speed of [1, 37]) {
        const timeline = { seed: 'span-check', epochMs: 1_780_000_000_000, speed };
        const log = findGame(slug)!.openLog(timeline);
        // Past HASH_AHEAD_ROUNDS, so both hash ahead on a worker (a crash game's without its crowd).
        log.finishCount(3_000);
        expect(findGame(slug)!.lastFinishMs(timeline, 3_000), `${slug} at ${speed}×`).toBe(log.records[2_999]!.finalizedAtMs);
      }
    }
  });
});
