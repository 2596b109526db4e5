import { isWindowPreset, WINDOW_PRESET_MS } from '../../../shared/stats/window';
import { isoToMicros, microsToIso } from '../../../shared/time';
import type { ExportRange } from '../../../shared/transfer';
import type { TimeRange } from './round-pages';
import { TransferError } from './transfer-error';

// Which rounds an export takes, by finalisation time: `since` inclusive, `until` exclusive, so
// consecutive exports (--since A --until B, then --since B --until C) neither miss nor repeat a
// round. A bound is an ISO instant with a zone, a date (UTC midnight), or one of the window presets
// the stats command takes (5m … 30d), meaning that long before now.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Microseconds of one bound as a person types it, or null when it cannot be read. */
export function boundMicros(text: string, nowUs: number): number | null {
  const trimmed = text.trim();
  if (isWindowPreset(trimmed)) return nowUs - WINDOW_PRESET_MS[trimmed] * 1000;
  return isoToMicros(DATE_ONLY.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
}

/** The range of `--since` / `--until` (either may be absent). */
export function rangeFromText(since: string | undefined, until: string | undefined, nowUs: number): TimeRange {
  const read = (flag: string, text: string | undefined): number | null => {
    if (text === undefined) return null;
    const us = boundMicros(text, nowUs);
    if (us === null) {
      throw new TransferError('bad_range', `${flag} ${text} is not a time: give an ISO instant such as 2025-01-01T12:00:00Z, a date such as 2025-01-01 (UTC), or a preset such as 24h or 7d (that long before now).`);
    }
    return us;
  };
  return checked({ fromUs: read('--since', since), untilUs: read('--until', until) });
}

/** The range of a request from the app. */
export function rangeOfRequest(range: ExportRange, nowUs: number): TimeRange {
  if (range === 'all') return { fromUs: null, untilUs: null };
  if (typeof range === 'string') return { fromUs: nowUs - WINDOW_PRESET_MS[range] * 1000, untilUs: null };
  return checked({
    fromUs: range.since === null ? null : isoToMicros(range.since),
    untilUs: range.until === null ? null : isoToMicros(range.until),
  });
}

function checked(range: TimeRange): TimeRange {
  if (range.fromUs !== null && range.untilUs !== null && range.fromUs >= range.untilUs) {
    throw new TransferError('bad_range', `The range is empty: since (${microsToIso(range.fromUs)}) must be before until (${microsToIso(range.untilUs)}).`);
  }
  return range;
}
