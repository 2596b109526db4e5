import { z } from 'zod';

// The building blocks every statistics answer shares. Rates are fractions (0..1), never percent:
// the UI formats them. `theoretical` is null where game-math.md has no published figure, and the
// panel then says so instead of inventing one.

export const intervalSchema = z.object({ low: z.number(), high: z.number() }).strict();
export type IntervalView = z.infer<typeof intervalSchema>;

/** An observed rate beside its theory: hits of `rounds`, a Wilson 95% interval, and the fair value. */
export const rateSchema = z
  .object({
    hits: z.number().int().nonnegative(),
    rounds: z.number().int().nonnegative(),
    /** hits / rounds, or null over no rounds. */
    observed: z.number().nullable(),
    /** Wilson 95% interval of the observed rate, or null over no rounds. */
    interval: intervalSchema.nullable(),
    /** The fair model's probability, or null where no theory is published. */
    theoretical: z.number().nullable(),
    /** observed − theoretical in percentage points, or null. */
    deltaPp: z.number().nullable(),
  })
  .strict();
export type RateView = z.infer<typeof rateSchema>;

/** A round as a statistic quotes it. */
export const quotedRoundSchema = z
  .object({
    roundId: z.string(),
    /** Exact digits (round_index exceeds 2^53). */
    roundIndex: z.string().nullable(),
    multiplier: z.string(),
    finalizedAt: z.string(),
  })
  .strict();

/** "Rounds since" an event, and how unusual that wait is under the fair model. */
export const droughtSchema = z
  .object({
    /** Rounds since the last hit, counting the hit itself (1 = the newest round); every round when never seen. */
    roundsSince: z.number().int().nonnegative(),
    /** False when the event was never seen in the local history (roundsSince is then all rounds). */
    seen: z.boolean(),
    last: quotedRoundSchema.nullable(),
    /**
     * P(a wait at least this long) under the fair model, e.g. 0.05 for "happens 5% of the time";
     * null where no theory is published.
     */
    chance: z.number().nullable(),
    /** Share of fair waits shorter than this one (the drought's percentile), or null. */
    percentile: z.number().nullable(),
  })
  .strict();
export type DroughtView = z.infer<typeof droughtSchema>;

/** A χ² goodness-of-fit result across cells (segments, totals, log bins). */
export const goodnessOfFitSchema = z
  .object({
    statistic: z.number(),
    degreesOfFreedom: z.number().int().positive(),
    pValue: z.number(),
    /** Cells compared after merging those expected below 5. */
    cells: z.number().int().positive(),
  })
  .strict();

export type GoodnessOfFitView = z.infer<typeof goodnessOfFitSchema>;

/** What every windowed answer says about the rounds it is based on. */
export const windowInfoSchema = z
  .object({
    /** The window as asked: a preset (`24h`), `all`, or `custom`. */
    window: z.string(),
    /** Inclusive bounds (ISO, microseconds) of the rounds considered; from is null for all history. */
    from: z.string().nullable(),
    through: z.string(),
    rounds: z.number().int().nonnegative(),
  })
  .strict();
export type WindowInfo = z.infer<typeof windowInfoSchema>;

export const NO_THEORY = 'no published theory';

/** How often one value occurred: a slot multiplier, a Chance card kind, a lucky-number count… */
export const outcomeCountSchema = z
  .object({
    value: z.string(),
    count: z.number().int().nonnegative(),
    /** count / the distribution's total, or null when it is empty. */
    share: z.number().nullable(),
  })
  .strict();
export type OutcomeCountView = z.infer<typeof outcomeCountSchema>;

/** An empirical distribution, values in ascending order (numerically where they are numbers). */
export const distributionSchema = z
  .object({
    /** Everything counted (events, which may be several per round). */
    total: z.number().int().nonnegative(),
    entries: z.array(outcomeCountSchema),
    /** NO_THEORY: none of these distributions is published. */
    theoryNote: z.string(),
  })
  .strict();
export type DistributionView = z.infer<typeof distributionSchema>;

