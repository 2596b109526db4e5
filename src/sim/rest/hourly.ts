import { isoSeconds } from '../../shared/time';
import { fixedText, meanText, quantileText } from '../stats/decimal-text';
import type { JsonValue } from '../stats/json-text';
import { MULTIPLIER_UNIT, thresholdUnits, unitsOf } from '../stats/round-facts';
import { generatedAt, recordAt, windowHeader, windowSpan, type GameRequest } from './game-request';

// /stats/hourly: one bucket per UTC hour that the window touches, oldest first (the order a
// heatmap draws in), empty hours included with count 0 and null statistics. A round belongs to
// the hour of its finalized_at.

const HOUR_MS = 3_600_000;
const HIT_THRESHOLDS: readonly [string, number][] = [
  ['hits_2x', thresholdUnits(2)],
  ['hits_10x', thresholdUnits(10)],
  ['hits_50x', thresholdUnits(50)],
];

function bucketJson(hourMs: number, values: number[]): JsonValue {
  const sorted = Float64Array.from(values).sort();
  const sum = values.reduce((total, value) => total + value, 0);
  const bucket: Record<string, JsonValue> = {
    hour: isoSeconds(hourMs),
    count: values.length,
    mean: meanText(sum, values.length),
    max: values.length === 0 ? null : fixedText((sorted[sorted.length - 1] as number) / MULTIPLIER_UNIT),
    p95: quantileText(sorted, 0.95),
  };
  for (const [name, limit] of HIT_THRESHOLDS) bucket[name] = values.filter((value) => value >= limit).length;
  return bucket;
}

export function hourlyJson(request: GameRequest): JsonValue {
  const span = windowSpan(request);
  const firstHourMs = Math.floor(span.sinceMs / HOUR_MS) * HOUR_MS;
  const buckets: number[][] = [];
  for (let hourMs = firstHourMs; hourMs <= request.nowMs; hourMs += HOUR_MS) buckets.push([]);
  for (let position = span.first; position < span.end; position++) {
    const record = recordAt(request, position);
    const bucket = buckets[Math.floor((record.finalizedAtMs - firstHourMs) / HOUR_MS)];
    bucket?.push(unitsOf(record));
  }
  return {
    ...windowHeader(request, span),
    hours: buckets.map((values, hour) => bucketJson(firstHourMs + hour * HOUR_MS, values)),
    generated_at: generatedAt(request),
  };
}
