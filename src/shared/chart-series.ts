import { z } from 'zod';

// A game's multiplier series for a chart over any span of its history: every round when the span
// is short, and a min/max decimation per time bucket when it holds more points than a chart can
// draw, so zooming out to years of history stays as fast as the last hour.

export const MAX_CHART_POINTS = 20_000;

export const chartSeriesInputSchema = z
  .object({
    /** Microseconds since the epoch, inclusive; null: the game's first / newest round. */
    fromUs: z.number().int().nullable(),
    throughUs: z.number().int().nullable(),
    /** Buckets the answer may hold; each bucket gives up to two points (its min and its max). */
    maxPoints: z.number().int().min(10).max(MAX_CHART_POINTS),
  })
  .strict();

export const chartSeriesSchema = z
  .object({
    /** The span the points cover (µs), after open ends were resolved against the history. */
    fromUs: z.number().int().nullable(),
    throughUs: z.number().int().nullable(),
    /** True when points are bucket minima and maxima rather than every round. */
    decimated: z.boolean(),
    /** Rounds in the span. */
    rounds: z.number().int().nonnegative(),
    /** Parallel columns: time (µs) and multiplier (×), oldest first. */
    times: z.array(z.number().int()),
    values: z.array(z.number()),
  })
  .strict();
export type ChartSeries = z.infer<typeof chartSeriesSchema>;
