import type { SimRoundRecord } from '../round-log';
import { crashLaw } from '../../shared/game-law/crash-law';
import { fixedText } from '../stats/decimal-text';
import type { JsonValue } from '../stats/json-text';
import { multiplierShape } from '../stats/multiplier-shape';
import { unitsOf, rawOf, rawString, thresholdUnits } from '../stats/round-facts';
import { generatedAt, recordAt, windowHeader, windowSpan, type GameRequest, type RoundSpan } from './game-request';

// /stats/multiplier-distribution, which the reference describes twice: a histogram for crash
// games, segment hit-rates for wheel shows, then "plus mean / median / p95 / p99 / max". Every
// answer carries the five statistics and `shape`: "histogram" (any kind but wheel-show) with
// `bins`, or "segments" (wheel-show) with `segments`.

/** Bin edges on a log scale: the headline thresholds; the last bin is open. */
const BIN_EDGES: readonly number[] = [1, 1.5, 2, 3, 5, 10, 20, 50, 100, 1000];

function histogram(request: GameRequest, span: RoundSpan): JsonValue {
  const limits = BIN_EDGES.map(thresholdUnits);
  const counts = BIN_EDGES.map(() => 0);
  for (let position = span.first; position < span.end; position++) {
    const units = unitsOf(recordAt(request, position));
    let bin = limits.length - 1;
    while (bin > 0 && units < (limits[bin] as number)) bin--;
    counts[bin] = (counts[bin] as number) + 1;
  }
  const rounds = span.end - span.first;
  const law = crashLaw(request.log.info.slug);
  return BIN_EDGES.map((lower, bin) => {
    const upper = BIN_EDGES[bin + 1] ?? null;
    const count = counts[bin] as number;
    const theoretical = law === null ? null : law.survival(lower) - (upper === null ? 0 : law.survival(upper));
    return {
      from: String(lower),
      to: upper === null ? null : String(upper),
      count,
      share: fixedText(rounds === 0 ? null : count / rounds, 6),
      theoretical_share: fixedText(theoretical, 6),
    };
  });
}

function segmentRates(request: GameRequest, span: RoundSpan): JsonValue {
  const hits = new Map<string, number>();
  for (let position = span.first; position < span.end; position++) {
    const segment = rawString(rawOf(recordAt(request, position)), 'segment') ?? 'unknown';
    hits.set(segment, (hits.get(segment) ?? 0) + 1);
  }
  const rounds = span.end - span.first;
  return [...hits]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([segment, count]) => ({ segment, hits: count, share: fixedText(count / rounds, 6) }));
}

export function distributionJson(request: GameRequest): JsonValue {
  const span = windowSpan(request, '1h');
  const shape = multiplierShape(request.log.records as readonly SimRoundRecord[], span.first, span.end);
  const bySegment = request.log.info.kind === 'wheel-show';
  return {
    ...windowHeader(request, span),
    shape: bySegment ? 'segments' : 'histogram',
    ...(bySegment ? { segments: segmentRates(request, span) } : { bins: histogram(request, span) }),
    mean: shape.mean,
    median: shape.median,
    p95: shape.p95,
    p99: shape.p99,
    max: shape.max,
    generated_at: generatedAt(request),
  };
}
