import { isoSeconds } from '../../shared/time';
import type { SimRoundRecord } from '../round-log';

// What the stats read from a stored round: the multiplier in units and fields of `raw`.
// Rows are stored as text with `raw` as their last key, so `raw` is parsed alone and the row's
// round_index (> 2^53) never meets JSON.parse.

export type RawPayload = Readonly<Record<string, unknown>>;

/**
 * Multipliers are compared in units of 1/10,000, the 4 decimals of the row's string: rounding a
 * `"1.9999"` to hundredths would put it on the wrong side of 2× (game-math.md §1).
 */
export const MULTIPLIER_UNIT = 10_000;

/** The multiplier in units (`"4.7100"` → 47100): thresholds compare as integers. */
export function unitsOf(record: SimRoundRecord): number {
  return Math.round(Number(record.multiplier) * MULTIPLIER_UNIT);
}

/** A threshold such as 1.5 in units. */
export function thresholdUnits(threshold: number): number {
  return Math.round(threshold * MULTIPLIER_UNIT);
}

const RAW_KEY = ',"raw":';

export function rawOf(record: SimRoundRecord): RawPayload {
  const at = record.json.lastIndexOf(RAW_KEY);
  const raw: unknown = at < 0 ? null : JSON.parse(record.json.slice(at + RAW_KEY.length, -1));
  return raw !== null && typeof raw === 'object' ? (raw as RawPayload) : {};
}

export function rawString(raw: RawPayload, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === 'string') return value;
  }
  return null;
}

export function rawNumber(raw: RawPayload, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

/** raw.segment without parsing the row, for scans that reach far back. */
export function segmentOf(record: SimRoundRecord): string | null {
  const match = /"segment":"([^"\\]*)"/.exec(record.json);
  return match ? (match[1] as string) : null;
}

/** finalized_at as the row shows it (seconds, or milliseconds for some games). */
export function finalizedAtText(record: SimRoundRecord): string {
  return /"finalized_at":"([^"]+)"/.exec(record.json)?.[1] ?? isoSeconds(record.finalizedAtMs);
}

/** observed_at as the row shows it. */
export function observedAtText(record: SimRoundRecord): string | null {
  const match = /"observed_at":"([^"]+)"/.exec(record.json);
  return match ? (match[1] as string) : null;
}

/**
 * The payout total of a round (crash `totalAmount`, wheel shows `total_payout`), read from the
 * row text without parsing it: biggest-wins ranks every round of windows up to 30 days.
 */
export function totalAmountOf(record: SimRoundRecord): number | null {
  const match = /"(?:totalAmount|total_payout|total_amount)":(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(record.json);
  return match ? Number(match[1]) : null;
}
