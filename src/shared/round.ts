import { z } from 'zod';

/**
 * A committed round as the UI sees it. `roundIndex` is a decimal string because upstream values
 * exceed 2^53 and a JS number would round them; `multiplier` is upstream's exact decimal string.
 */
export const roundViewSchema = z
  .object({
    game: z.string(),
    roundId: z.string(),
    roundIndex: z.string().regex(/^-?\d+$/).nullable(),
    multiplier: z.string(),
    finalizedAt: z.string(),
    /** Microseconds since the epoch: exact for every timestamp upstream sends (< 2^53). */
    finalizedUs: z.number().int(),
    /** Wheel shows name the segment that won (`n2`, `cashhunt`, `leaf`…); null elsewhere. */
    segment: z.string().nullable(),
  })
  .strict();

export type RoundView = z.infer<typeof roundViewSchema>;
