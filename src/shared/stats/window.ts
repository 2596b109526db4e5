import { z } from 'zod';
import { isoToMicros } from '../time';

// The windows a statistic is asked over: the presets TrackerSino documents for `window=`, all of
// the local history, or a custom range of ISO instants.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const WINDOW_PRESETS = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '24h', '72h', '7d', '30d'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export const WINDOW_PRESET_MS: Readonly<Record<WindowPreset, number>> = {
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '3h': 3 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '12h': 12 * HOUR_MS,
  '24h': DAY_MS,
  '72h': 3 * DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

export function isWindowPreset(value: string): value is WindowPreset {
  return (WINDOW_PRESETS as readonly string[]).includes(value);
}

const isoInstant = z.string().refine((text) => isoToMicros(text) !== null, 'not an ISO 8601 instant');

export const statsWindowSchema = z.union([
  z.enum(WINDOW_PRESETS),
  z.literal('all'),
  z
    .object({ from: isoInstant, through: isoInstant })
    .strict()
    .refine(({ from, through }) => (isoToMicros(from) as number) <= (isoToMicros(through) as number), 'from is after through'),
]);
export type StatsWindow = z.infer<typeof statsWindowSchema>;

/** A window given on a command line: a preset, `all`, or `FROM..THROUGH` (ISO instants). */
export function parseWindowText(text: string): StatsWindow | null {
  const range = /^(.+)\.\.(.+)$/.exec(text);
  const parsed = statsWindowSchema.safeParse(range ? { from: range[1], through: range[2] } : text);
  return parsed.success ? parsed.data : null;
}
