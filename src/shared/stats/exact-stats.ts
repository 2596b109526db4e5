import { z } from 'zod';
import { windowInfoSchema } from './common';

/** Figures that need every multiplier of a window, computed exactly off the main thread. */
export const exactStatsSchema = z
  .object({
    game: z.string(),
    window: windowInfoSchema,
    /** Interpolated between ranks (PostgreSQL percentile_cont, as the vendor computes them). */
    median: z.number().nullable(),
    p95: z.number().nullable(),
    p99: z.number().nullable(),
    /** The exact Kolmogorov–Smirnov statistic against the game's law; null without theory. */
    ks: z.object({ statistic: z.number(), at: z.number(), pValue: z.number() }).strict().nullable(),
  })
  .strict();
export type ExactStatsView = z.infer<typeof exactStatsSchema>;
