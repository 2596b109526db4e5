import type { RoundLog, SimRoundRecord } from '../round-log';
import { HEADLINE_THRESHOLDS } from '../../shared/stats/thresholds';
import { unitsOf, thresholdUnits } from './round-facts';

// Lifetime hits and the last hit of each headline threshold, kept per log and advanced only over
// rounds finished since the last request: /delays, /summary and /streaks never rescan history.

export { HEADLINE_THRESHOLDS };

export interface ThresholdTally {
  /** Rounds counted: positions [0, rounds). */
  readonly rounds: number;
  /** Per HEADLINE_THRESHOLDS entry: rounds with multiplier ≥ threshold. */
  readonly hits: readonly number[];
  /** Per HEADLINE_THRESHOLDS entry: position of the newest such round, -1 for none. */
  readonly lastHit: readonly number[];
}

interface MutableTally {
  rounds: number;
  hits: number[];
  lastHit: number[];
}

const LIMITS = HEADLINE_THRESHOLDS.map(thresholdUnits);
const tallies = new WeakMap<RoundLog, MutableTally>();

function freshTally(): MutableTally {
  return { rounds: 0, hits: LIMITS.map(() => 0), lastHit: LIMITS.map(() => -1) };
}

/** The tally of positions [0, settled); settled only grows between requests. */
export function tallyOf(log: RoundLog, settled: number): ThresholdTally {
  let tally = tallies.get(log);
  if (tally === undefined || tally.rounds > settled) {
    tally = freshTally();
    tallies.set(log, tally);
  }
  const records = log.records;
  for (let position = tally.rounds; position < settled; position++) {
    const units = unitsOf(records[position] as SimRoundRecord);
    for (let t = 0; t < LIMITS.length; t++) {
      if (units >= (LIMITS[t] as number)) {
        tally.hits[t] = (tally.hits[t] as number) + 1;
        tally.lastHit[t] = position;
      }
    }
  }
  tally.rounds = settled;
  return tally;
}

export function thresholdSlot(threshold: number): number {
  const slot = HEADLINE_THRESHOLDS.indexOf(threshold);
  if (slot < 0) throw new Error(`sandbox: ${threshold} is not a headline threshold`);
  return slot;
}
