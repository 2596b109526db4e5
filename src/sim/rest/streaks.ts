import { finalizedAtText, unitsOf, thresholdUnits } from '../stats/round-facts';
import type { JsonValue } from '../stats/json-text';
import { delayOf } from './delays';
import { generatedAt, recordAt, windowHeader, windowSpan, type GameRequest } from './game-request';

// /stats/streaks: runs of consecutive rounds below each threshold. current_under_count is the run
// ending at the newest round, however far back it began (the lifetime tally knows the last hit);
// longest_under_in_window only counts rounds inside the window, and says where that run began.

const STREAK_THRESHOLDS: readonly number[] = [2, 3, 5, 10, 20, 50, 100];

interface LongestRun {
  readonly length: number;
  /** Position of the run's first round; -1 when no round was under. */
  readonly start: number;
}

function longestUnder(request: GameRequest, first: number, end: number, limit: number): LongestRun {
  let best: LongestRun = { length: 0, start: -1 };
  let runStart = first;
  for (let position = first; position <= end; position++) {
    if (position === end || unitsOf(recordAt(request, position)) >= limit) {
      // A tie keeps the earlier run: "the longest" began when it first reached that length.
      if (position - runStart > best.length) best = { length: position - runStart, start: runStart };
      runStart = position + 1;
    }
  }
  return best;
}

export function streaksJson(request: GameRequest): JsonValue {
  const span = windowSpan(request);
  return {
    ...windowHeader(request, span),
    streaks: STREAK_THRESHOLDS.map((threshold) => {
      const longest = longestUnder(request, span.first, span.end, thresholdUnits(threshold));
      const start = longest.start < 0 ? null : recordAt(request, longest.start);
      const delay = delayOf(request, threshold);
      return {
        threshold: String(threshold),
        // rounds_since counts the hit itself; with no hit ever, every round is under.
        current_under_count: delay.last === null ? delay.roundsSince : delay.roundsSince - 1,
        longest_under_in_window: longest.length,
        longest_started_at: start === null ? null : finalizedAtText(start),
        longest_start_round_index: start?.roundIndex ?? null,
      };
    }),
    generated_at: generatedAt(request),
  };
}
