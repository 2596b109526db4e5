import { JsonText, type JsonValue } from '../stats/json-text';
import { multiplierShape } from '../stats/multiplier-shape';
import { finalizedAtText, observedAtText } from '../stats/round-facts';
import { delayOf } from './delays';
import { generatedAt, recordAt, spanOf, type GameRequest } from './game-request';

// /summary: the game header in one call, exactly the seed example's fields and order.

const MINUTE_MS = 60_000;
const COUNT_WINDOWS: readonly [string, number][] = [
  ['last_5m', 5 * MINUTE_MS],
  ['last_15m', 15 * MINUTE_MS],
  ['last_1h', 60 * MINUTE_MS],
  ['last_24h', 24 * 60 * MINUTE_MS],
];
const SUMMARY_THRESHOLDS = [2, 10, 50, 100];

export function summaryJson(request: GameRequest): JsonValue {
  const { log, settled } = request;
  const last = settled > 0 ? recordAt(request, settled - 1) : null;
  const counts: Record<string, number> = {};
  for (const [name, ms] of COUNT_WINDOWS) {
    const span = spanOf(request, name, ms);
    counts[name] = span.end - span.first;
  }
  const day = spanOf(request, '24h', 24 * 60 * MINUTE_MS);
  const shape = multiplierShape(log.records, day.first, day.end);
  return {
    game_id: log.info.slug,
    name: log.info.name,
    provider: log.info.provider,
    kind: log.info.kind,
    rounds_total: settled,
    last_round: last === null ? null : new JsonText(last.json),
    last_finalized_index: last?.roundIndex ?? null,
    last_finalized_multiplier: last?.multiplier ?? null,
    last_finalized_at: last === null ? null : finalizedAtText(last),
    last_observed_at: last === null ? null : observedAtText(last),
    counts,
    multiplier_24h: { window: '24h', mean: shape.mean, median: shape.median, p95: shape.p95, max: shape.max },
    delays: SUMMARY_THRESHOLDS.map((threshold) => {
      const delay = delayOf(request, threshold);
      return {
        threshold: String(threshold),
        rounds_since: delay.roundsSince,
        last_multiplier: delay.last?.multiplier ?? null,
        last_finalized_at: delay.last === null ? null : finalizedAtText(delay.last),
      };
    }),
    generated_at: generatedAt(request),
  };
}
