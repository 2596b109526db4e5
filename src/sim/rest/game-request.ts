import type { RoundLog, SimRoundRecord } from '../round-log';
import { firstAtOrAfter } from '../rounds-page';
import { parseWindow } from '../rounds-params';
import { microsToIso } from '../../shared/time';

// One request about one game, fixed at one instant: every endpoint answers "as of nowMs", over
// the rounds settled by then, so a round finishing mid-answer never half-counts.

export interface GameRequest {
  readonly log: RoundLog;
  readonly query: ReadonlyMap<string, string>;
  readonly nowMs: number;
  /** Rounds finished by nowMs: positions [0, settled). */
  readonly settled: number;
  /** Path segments after the endpoint's own (the round id of /round/{round_id}). */
  readonly tail: readonly string[];
}

export function gameRequest(
  log: RoundLog,
  query: ReadonlyMap<string, string>,
  nowMs: number,
  tail: readonly string[] = [],
): GameRequest {
  const records = log.records;
  let settled = records.length;
  while (settled > 0 && (records[settled - 1] as SimRoundRecord).finalizedAtMs > nowMs) settled--;
  return { log, query, nowMs, settled, tail };
}

/** Positions [first, end) of the rounds inside a time window, found by binary search. */
export interface RoundSpan {
  readonly window: string;
  /** The window's start: rounds finalized at or after it are inside. */
  readonly sinceMs: number;
  readonly first: number;
  readonly end: number;
}

/** The span of `?window=` (default 24h): finalized_at at or after now − window, as /rounds filters. */
export function windowSpan(request: GameRequest, fallback = '24h'): RoundSpan {
  const { preset, ms } = parseWindow(request.query.get('window'), fallback);
  return spanOf(request, preset, ms);
}

export function spanOf(request: GameRequest, window: string, ms: number): RoundSpan {
  const first = Math.min(firstAtOrAfter(request.log, (request.nowMs - ms) * 1000), request.settled);
  return { window, sinceMs: request.nowMs - ms, first, end: request.settled };
}

export function recordAt(request: GameRequest, position: number): SimRoundRecord {
  return request.log.records[position] as SimRoundRecord;
}

/** generated_at, as the seed's summary writes it (microseconds). */
export function generatedAt(request: GameRequest): string {
  return microsToIso(request.nowMs * 1000);
}

/** The fields every windowed stats answer opens with. */
export function windowHeader(request: GameRequest, span: RoundSpan): Record<string, string | number> {
  return { game_id: request.log.info.slug, kind: request.log.info.kind, window: span.window, rounds: span.end - span.first };
}
