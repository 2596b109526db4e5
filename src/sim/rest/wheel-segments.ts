import { ApiError } from '../api-error';
import { fixedText, meanText } from '../stats/decimal-text';
import type { JsonValue } from '../stats/json-text';
import { finalizedAtText, unitsOf, rawOf, rawString, segmentOf } from '../stats/round-facts';
import { segmentCount, wheelSegments } from '../../shared/game-law/wheel-law';
import { generatedAt, recordAt, windowHeader, windowSpan, type GameRequest } from './game-request';

// /crazytime/segments: per-segment hits in the window, observed vs theoretical share (percent),
// spins since the segment's last hit (0 = the newest spin; counted across the whole history, null
// when never seen), the mean multiplier of its hits and its last hit. Only wheel shows have
// segments: any other kind answers 404 not_found, as a path that does not exist for that game.

interface SegmentTally {
  hits: number;
  sumUnits: number;
  /** Position of the newest hit anywhere in history; -1 until found. */
  lastHit: number;
}

function requireWheelShow(request: GameRequest): void {
  const { slug, kind } = request.log.info;
  if (kind !== 'wheel-show') {
    throw new ApiError(404, 'not_found', `${slug} is a ${kind} game; /crazytime/segments only exists for wheel shows.`);
  }
}

export function wheelSegmentsJson(request: GameRequest): JsonValue {
  requireWheelShow(request);
  const span = windowSpan(request);
  const table = wheelSegments(request.log.info.slug);
  const tallies = new Map<string, SegmentTally>(table.map((entry) => [entry.code, { hits: 0, sumUnits: 0, lastHit: -1 }]));
  for (let position = span.end - 1; position >= span.first; position--) {
    const record = recordAt(request, position);
    const segment = rawString(rawOf(record), 'segment') ?? 'unknown';
    let tally = tallies.get(segment);
    if (tally === undefined) {
      tally = { hits: 0, sumUnits: 0, lastHit: -1 };
      tallies.set(segment, tally);
    }
    tally.hits += 1;
    tally.sumUnits += unitsOf(record);
    if (tally.lastHit < 0) tally.lastHit = position;
  }
  // Segments the window missed: look further back, stopping once every one is found.
  let missing = [...tallies.values()].filter((tally) => tally.lastHit < 0).length;
  for (let position = span.first - 1; position >= 0 && missing > 0; position--) {
    const tally = tallies.get(segmentOf(recordAt(request, position)) ?? 'unknown');
    if (tally !== undefined && tally.lastHit < 0) {
      tally.lastHit = position;
      missing -= 1;
    }
  }
  const rounds = span.end - span.first;
  const wheelSize = segmentCount(table);
  return {
    ...windowHeader(request, span),
    segments: [...tallies].map(([segment, tally]) => {
      const entry = table.find((candidate) => candidate.code === segment);
      const last = tally.lastHit < 0 ? null : recordAt(request, tally.lastHit);
      return {
        segment,
        sector: entry?.label ?? segment,
        hits: tally.hits,
        observed_pct: fixedText(rounds === 0 ? null : (tally.hits / rounds) * 100),
        theoretical_pct: fixedText(entry === undefined ? null : (entry.count / wheelSize) * 100),
        spins_since: tally.lastHit < 0 ? null : span.end - 1 - tally.lastHit,
        avg_multiplier: meanText(tally.sumUnits, tally.hits),
        last_hit_round_index: last?.roundIndex ?? null,
        last_hit_multiplier: last?.multiplier ?? null,
        last_hit_at: last === null ? null : finalizedAtText(last),
      };
    }),
    generated_at: generatedAt(request),
  };
}
