import { z } from 'zod';
import { distributionSchema, droughtSchema, goodnessOfFitSchema, rateSchema, windowInfoSchema } from './common';

// The Lightning Dice panel: each total 3..18 against three fair dice (game-math.md §3), its
// drought, and what lightning did. How many totals lightning strikes and the multiplier weights
// are unpublished, so every lightning figure is empirical and says NO_THEORY.

export const diceTotalSchema = z
  .object({
    total: z.number().int().min(3).max(18),
    /** Rounds the dice showed this total, against combinations / 216. */
    rate: rateSchema,
    drought: droughtSchema,
    /** What a win pays, to 1, when lightning does not strike the total; null without a law. */
    basePay: z.number().int().nullable(),
    /** Highest total return with lightning (game-math.md §3); null without a law. */
    maxWithLightning: z.number().int().nullable(),
    /** Rounds lightning struck this total (whatever the dice showed); empirical. */
    struck: rateSchema,
  })
  .strict();
export type DiceTotalView = z.infer<typeof diceTotalSchema>;

export const diceLightningSchema = z
  .object({
    /** Every strike's multiplier. */
    multipliers: distributionSchema,
    /** Totals struck per round. */
    strikesPerRound: distributionSchema,
    /** Rounds whose winning total was struck. */
    struckWins: rateSchema,
    /** The multiplier paid in those rounds. */
    struckWinMultipliers: distributionSchema,
    theoryNote: z.string(),
  })
  .strict();

export const dicePanelSchema = z
  .object({
    game: z.string(),
    window: windowInfoSchema,
    totals: z.array(diceTotalSchema),
    /** χ² of the totals against 3d6; null without data or a law. */
    fit: goodnessOfFitSchema.nullable(),
    /** Null beside a theoretical column, NO_THEORY when the game has no dice law. */
    theoryNote: z.string().nullable(),
    lightning: diceLightningSchema,
  })
  .strict();
export type DicePanel = z.infer<typeof dicePanelSchema>;
