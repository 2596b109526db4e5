import type { RoundLog, SimRoundRecord } from './round-log';
import type { RoundsParams } from './rounds-params';

// Answers /rounds from a log by position: round_index is base + position, and finalized_at
// never decreases with position, so both bounds are found without scanning. The stats endpoints
// find their window start the same way.

/** The step of the game's finalized_at text: whole seconds, or milliseconds for some games. */
export function finalizedStepMs(log: RoundLog): number {
  return log.info.finalizedPrecision === 'millis' ? 1 : 1000;
}

/** finalized_at in µs as the row shows it: the finish time floored to the row's precision. */
function finalizedMicros(record: SimRoundRecord, stepMs: number): number {
  return Math.floor(record.finalizedAtMs / stepMs) * stepMs * 1000;
}

/** First position whose finalized_at is at or after `sinceMicros` (binary search). */
export function firstAtOrAfter(log: RoundLog, sinceMicros: number): number {
  const records = log.records;
  const stepMs = finalizedStepMs(log);
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (finalizedMicros(records[middle] as SimRoundRecord, stepMs) < sinceMicros) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Highest position whose round_index is strictly below `beforeIndex`, compared as BigInt. */
function lastBefore(indexBase: bigint, beforeIndex: bigint, count: number): number {
  const position = beforeIndex - indexBase - 1n;
  if (position < 0n) return -1;
  return position < BigInt(count) ? Number(position) : count - 1;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** The JSON array of rows, latest first, as bytes copied from the stored rows. */
export function roundsPageBytes(log: RoundLog, params: RoundsParams): Buffer {
  const records = log.records;
  const newest =
    params.beforeIndex === null ? records.length - 1 : lastBefore(log.info.indexBase, params.beforeIndex, records.length);
  const oldest = firstAtOrAfter(log, params.sinceMicros);
  const parts: Buffer[] = [OPEN];
  let rows = 0;
  // The round in play has no finalized_at, so time filters cannot exclude it; before_index can.
  const runningIndex = log.info.indexBase + BigInt(records.length);
  if (!params.onlyFinalized && (params.beforeIndex === null || runningIndex < params.beforeIndex)) {
    parts.push(Buffer.from(log.runningRowJson()));
    rows++;
  }
  for (let position = newest; position >= oldest && rows < params.limit; position--) {
    if (rows > 0) parts.push(COMMA);
    parts.push(log.rowBytes(position));
    rows++;
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
