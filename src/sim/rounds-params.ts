import { badParameter } from './api-error';
import { isoToMicros } from '../shared/time';
import { isWindowPreset, WINDOW_PRESET_MS, WINDOW_PRESETS } from '../shared/stats/window';

// The /rounds query string, validated once into typed values. Anything malformed is a 400 that
// names the parameter; parameters the sandbox does not know are ignored, as additions upstream
// would be.

export interface RoundsParams {
  readonly limit: number;
  /** Only rows with finalized_at at or after this (µs since the epoch); -Infinity for all. */
  readonly sinceMicros: number;
  /** Only rows with round_index strictly below this; null for no bound. */
  readonly beforeIndex: bigint | null;
  readonly onlyFinalized: boolean;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export function parseOnlyFinalized(query: ReadonlyMap<string, string>): boolean {
  const value = query.get('only_finalized');
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw badParameter('only_finalized', 'must be true or false');
}

/** `limit` as an integer from 1 to `max`; `fallback` when absent. */
export function parseLimit(value: string | undefined, fallback = DEFAULT_LIMIT, max = MAX_LIMIT): number {
  if (value === undefined) return fallback;
  const limit = /^\d{1,9}$/.test(value) ? Number(value) : 0;
  if (limit < 1 || limit > max) throw badParameter('limit', `must be an integer from 1 to ${max}`);
  return limit;
}

export interface WindowParam {
  /** The preset as written, e.g. `24h`. */
  readonly preset: string;
  readonly ms: number;
}

/** A `window` preset (5m … 30d); `fallback` when absent. */
export function parseWindow(value: string | undefined, fallback: string): WindowParam {
  const preset = value ?? fallback;
  if (!isWindowPreset(preset)) throw badParameter('window', `must be one of ${WINDOW_PRESETS.join(', ')}`);
  return { preset, ms: WINDOW_PRESET_MS[preset] };
}

/** The most restrictive of window, since_minutes and since (they may be combined). */
function parseSinceMicros(query: ReadonlyMap<string, string>, nowMs: number): number {
  let sinceMicros = Number.NEGATIVE_INFINITY;
  const preset = query.get('window');
  if (preset !== undefined) {
    sinceMicros = Math.max(sinceMicros, (nowMs - parseWindow(preset, preset).ms) * 1000);
  }
  const sinceMinutes = query.get('since_minutes');
  if (sinceMinutes !== undefined) {
    const minutes = /^\d+$/.test(sinceMinutes) ? Number(sinceMinutes) : 0;
    if (!(minutes > 0)) throw badParameter('since_minutes', 'must be a positive whole number of minutes');
    // A count beyond any history simply means "everything" (it may even be Infinity).
    sinceMicros = Math.max(sinceMicros, (nowMs - minutes * 60_000) * 1000);
  }
  const since = query.get('since');
  if (since !== undefined) {
    const micros = isoToMicros(since);
    if (micros === null) throw badParameter('since', 'must be an ISO 8601 time with a zone, e.g. 2026-06-01T12:20:27Z');
    sinceMicros = Math.max(sinceMicros, micros);
  }
  return sinceMicros;
}

function parseBeforeIndex(value: string | undefined): bigint | null {
  if (value === undefined) return null;
  if (!/^-?\d+$/.test(value)) throw badParameter('before_index', 'must be a decimal integer');
  return BigInt(value);
}

export function parseRoundsParams(query: ReadonlyMap<string, string>, nowMs: number): RoundsParams {
  return {
    limit: parseLimit(query.get('limit')),
    sinceMicros: parseSinceMicros(query, nowMs),
    beforeIndex: parseBeforeIndex(query.get('before_index')),
    onlyFinalized: parseOnlyFinalized(query),
  };
}
