import type { SimRoundRecord } from '../round-log';
import { meanText, quantileText } from './decimal-text';
import { unitsOf } from './round-facts';

// mean / median / p95 / p99 / max of the multipliers of a run of rounds.

export interface MultiplierShape {
  readonly mean: string | null;
  readonly median: string | null;
  readonly p95: string | null;
  readonly p99: string | null;
  /** The largest multiplier as its row shows it. */
  readonly max: string | null;
}

export function sortedUnits(records: readonly SimRoundRecord[], first: number, end: number): Float64Array {
  const values = new Float64Array(Math.max(0, end - first));
  for (let position = first; position < end; position++) {
    values[position - first] = unitsOf(records[position] as SimRoundRecord);
  }
  return values.sort();
}

export function multiplierShape(records: readonly SimRoundRecord[], first: number, end: number): MultiplierShape {
  const sorted = sortedUnits(records, first, end);
  let sum = 0;
  let maxPosition = -1;
  let maxUnits = Number.NEGATIVE_INFINITY;
  for (let position = first; position < end; position++) {
    const units = unitsOf(records[position] as SimRoundRecord);
    sum += units;
    if (units > maxUnits) {
      maxUnits = units;
      maxPosition = position;
    }
  }
  return {
    mean: meanText(sum, sorted.length),
    median: quantileText(sorted, 0.5),
    p95: quantileText(sorted, 0.95),
    p99: quantileText(sorted, 0.99),
    max: maxPosition < 0 ? null : (records[maxPosition] as SimRoundRecord).multiplier,
  };
}
