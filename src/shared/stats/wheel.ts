import { z } from 'zod';
import { distributionSchema, droughtSchema, goodnessOfFitSchema, rateSchema, windowInfoSchema } from './common';

// The wheel-show panel: each segment's observed rate against the wheel's segment table, its
// drought, the Top Slot, bonus outcome distributions and what each show's payload adds. Nothing
// here predicts a spin: a segment is only ever its observed rate beside its interval and theory.

export const wheelSegmentSchema = z
  .object({
    /** raw.segment (`n1`, `cashhunt`, `leaf`…). */
    code: z.string(),
    /** What the wheel shows (`1`, `Cash Hunt`), or the code for a segment the table lacks. */
    label: z.string(),
    /** Hits of the window's rounds, against count / segments of the wheel table. */
    rate: rateSchema,
    /** Spins since its last hit in the whole history, with the chance of so long a wait. */
    drought: droughtSchema,
    /** Mean round multiplier of its hits in the window (bonus prizes, stacked numbers…), or null. */
    meanMultiplier: z.number().nullable(),
    /** Null beside a theoretical figure, NO_THEORY where the table has none. */
    theoryNote: z.string().nullable(),
  })
  .strict();
export type WheelSegmentView = z.infer<typeof wheelSegmentSchema>;

export const topSlotSchema = z
  .object({
    /** Window rounds that carried a Top Slot reading. */
    rounds: z.number().int().nonnegative(),
    /** Rounds whose Top Slot landed on the winning segment. */
    matches: rateSchema,
    /** The bet spot the Top Slot chose. */
    spots: distributionSchema,
    multipliers: distributionSchema,
    /** Multipliers actually applied (matched rounds only). */
    matchedMultipliers: distributionSchema,
    theoryNote: z.string(),
  })
  .strict();
export type TopSlotView = z.infer<typeof topSlotSchema>;

export const bonusBucketSchema = z
  .object({
    /** `lt10`, `10-25`, …, `1000+`. */
    bucket: z.string(),
    /** Result multiplier range [from, to) in ×; `to` null for the open last bucket. */
    from: z.number(),
    to: z.number().nullable(),
    count: z.number().int().nonnegative(),
    share: z.number().nullable(),
  })
  .strict();

/** Bonus results of one bonus segment (or, for Lightning Storm, one bonus type) in log buckets. */
export const bonusOutcomesSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    /** Bonus rounds counted. */
    rounds: z.number().int().nonnegative(),
    buckets: z.array(bonusBucketSchema),
    theoryNote: z.string(),
  })
  .strict();
export type BonusOutcomesView = z.infer<typeof bonusOutcomesSchema>;

/** Dream Catcher: numbers won with 2×/7× stacked onto them. */
export const stackedWinsSchema = z
  .object({
    /** Stacked wins among the window's number spins; theory (2×+7× segments)/54 from the table. */
    rate: rateSchema,
    /** The stacked product paid (2, 7, 4, 14, 49…). */
    products: distributionSchema,
  })
  .strict();

/** A payload-specific distribution: `chance` (MONOPOLY Live), `bonustype`, `boost`, `leafmult`, `chancemult`. */
export const namedDistributionSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    distribution: distributionSchema,
  })
  .strict();

/** MONOPOLY Big Baller: how often each ball was drawn, against 20/60 (exact, game-math.md §4). */
export const ballRateSchema = z.object({ ball: z.number().int().positive(), rate: rateSchema }).strict();

export const wheelExtrasSchema = z
  .object({
    stackedWins: stackedWinsSchema.nullable(),
    distributions: z.array(namedDistributionSchema),
    balls: z.array(ballRateSchema).nullable(),
  })
  .strict();

export const wheelPanelSchema = z
  .object({
    game: z.string(),
    window: windowInfoSchema,
    /** Table segments in table order, then codes the table lacks. */
    segments: z.array(wheelSegmentSchema),
    /** χ² of the table segments' hits against their shares; null without a table or data. */
    fit: goodnessOfFitSchema.nullable(),
    /** Null beside a χ² figure, NO_THEORY when the game has no published table. */
    fitNote: z.string().nullable(),
    /** Crazy Time's Top Slot; null for the other shows. */
    topSlot: topSlotSchema.nullable(),
    bonuses: z.array(bonusOutcomesSchema),
    extras: wheelExtrasSchema,
  })
  .strict();
export type WheelPanel = z.infer<typeof wheelPanelSchema>;
