import { z } from 'zod';
import { distributionSchema, droughtSchema, goodnessOfFitSchema, rateSchema, windowInfoSchema } from './common';

// The Lightning Roulette panel: each pocket against 1/37 (game-math.md §3), its drought, and the
// lucky numbers. Their count per round and multiplier weights are unpublished, so every lucky
// figure is empirical and says NO_THEORY.

export const pocketSchema = z
  .object({
    pocket: z.number().int().min(0).max(36),
    color: z.enum(['green', 'red', 'black']),
    rate: rateSchema,
    drought: droughtSchema,
  })
  .strict();
export type PocketView = z.infer<typeof pocketSchema>;

export const luckyNumbersSchema = z
  .object({
    /** Lucky numbers per round. */
    countPerRound: distributionSchema,
    /** Every lucky number's multiplier. */
    multipliers: distributionSchema,
    /** Rounds whose winning pocket was a lucky number. */
    hits: rateSchema,
    /** The multiplier paid in those rounds. */
    hitMultipliers: distributionSchema,
    theoryNote: z.string(),
  })
  .strict();

export const roulettePanelSchema = z
  .object({
    game: z.string(),
    window: windowInfoSchema,
    pockets: z.array(pocketSchema),
    /** χ² of the pockets against 1/37 each; null without data or a law. */
    fit: goodnessOfFitSchema.nullable(),
    /** Null beside a theoretical column, NO_THEORY when the game has no roulette law. */
    theoryNote: z.string().nullable(),
    lucky: luckyNumbersSchema,
  })
  .strict();
export type RoulettePanel = z.infer<typeof roulettePanelSchema>;
