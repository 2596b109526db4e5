import { z } from 'zod';
import { droughtSchema, goodnessOfFitSchema, intervalSchema, quotedRoundSchema, rateSchema, windowInfoSchema } from './common';

// The statistics every game with a multiplier series has (crash games, and the payout multiplier
// of the shows): the vendor's /summary, /stats/delays, /frequency, /streaks, /hourly,
// /multiplier-distribution, /biggest-wins and /rtp-empirical, answered from the local history,
// each figure beside its theory where game-math.md publishes one.

/** Quantiles read from the rollups' sketch are within 1% of a multiplier that occurred. */
export const shapeSchema = z
  .object({
    /** Mean multiplier (×), exact; null over no rounds. */
    mean: z.number().nullable(),
    median: z.number().nullable(),
    p95: z.number().nullable(),
    p99: z.number().nullable(),
    /** The largest multiplier, as its row shows it. */
    max: quotedRoundSchema.nullable(),
    /** True: median/p95/p99 come from the quantile sketch (±1%); `getExactStats` gives them exactly. */
    approximate: z.boolean(),
  })
  .strict();
export type ShapeView = z.infer<typeof shapeSchema>;

export const delaySchema = z
  .object({
    threshold: z.number(),
    drought: droughtSchema,
    lifetimeHits: z.number().int().nonnegative(),
    lifetimeRounds: z.number().int().nonnegative(),
    /** 1/p under the fair model: the mean wait; null without theory. */
    expectedGap: z.number().nullable(),
  })
  .strict();
export type DelayView = z.infer<typeof delaySchema>;

export const summarySchema = z
  .object({
    game: z.string(),
    kind: z.string(),
    roundsTotal: z.number().int().nonnegative(),
    last: quotedRoundSchema.nullable(),
    /** Rounds finalised in the last 5 minutes, 15 minutes, hour and day. */
    counts: z.object({ last5m: z.number().int(), last15m: z.number().int(), last1h: z.number().int(), last24h: z.number().int() }).strict(),
    shape24h: shapeSchema,
    delays: z.array(delaySchema),
    generatedAt: z.string(),
  })
  .strict();
export type SummaryView = z.infer<typeof summarySchema>;

export const frequencySchema = z
  .object({
    /** The house edge the theoretical column assumes: the game's own law, or the user's setting. */
    houseEdge: z.number().nullable(),
    /** The formula behind the theoretical column, or null (no published theory). */
    baseline: z.string().nullable(),
    thresholds: z.array(
      z
        .object({
          threshold: z.number(),
          rate: rateSchema,
          /** Return of a player always cashing out here: x·rate, with its band, beside x·S(x). */
          rtp: z.object({ observed: z.number(), interval: intervalSchema, theoretical: z.number().nullable() }).strict().nullable(),
        })
        .strict(),
    ),
    /** ê = 1 − 2·P̂(M ≥ 2) with its band: the edge a 2× cash-out has paid over the window. */
    edge: z.object({ target: z.number(), edge: z.number(), interval: intervalSchema }).strict().nullable(),
  })
  .strict();

export const streakSchema = z
  .object({
    threshold: z.number(),
    /** Rounds below the threshold since its last hit, however far back that began. */
    currentUnder: z.number().int().nonnegative(),
    longestInWindow: z.number().int().nonnegative(),
    longestStartedAt: quotedRoundSchema.nullable(),
    /** Schilling's expected longest run for this many rounds; null without theory. */
    expectedLongest: z.number().nullable(),
    /** P(the window's longest run is at least this long) under the fair model, or null. */
    longestChance: z.number().nullable(),
  })
  .strict();

export const hourSchema = z
  .object({
    hour: z.string(),
    count: z.number().int().nonnegative(),
    mean: z.number().nullable(),
    max: z.number().nullable(),
    /** From the hour's quantile sketch (±1%). */
    p95: z.number().nullable(),
    hits2x: z.number().int(),
    hits10x: z.number().int(),
    hits50x: z.number().int(),
  })
  .strict();

export const multiplierDistributionSchema = z
  .object({
    bins: z.array(
      z
        .object({
          from: z.number(),
          /** null for the open last bin. */
          to: z.number().nullable(),
          rate: rateSchema,
        })
        .strict(),
    ),
    shape: shapeSchema,
    /** χ² across the log bins against S(a) − S(b); null without theory. */
    fit: goodnessOfFitSchema.nullable(),
    /** KS distance at the headline thresholds (a lower bound of the exact D) with its p-value. */
    ks: z.object({ statistic: z.number(), at: z.number(), pValue: z.number() }).strict().nullable(),
  })
  .strict();

export const biggestWinSchema = z
  .object({
    round: quotedRoundSchema,
    /** The round's total payout in dollars, where the game reports one. */
    payout: z.number().nullable(),
  })
  .strict();

export const crowdReturnSchema = z
  .object({
    /** Rounds of the window that carried a bet snapshot. */
    rounds: z.number().int().nonnegative(),
    bettors: z.number().int().nonnegative(),
    winners: z.number().int().nonnegative(),
    volume: z.number(),
    payout: z.number(),
    /** payout / volume: directional only (snapshots miss bets), never the certified RTP. */
    ratio: z.number().nullable(),
    note: z.string(),
  })
  .strict();

export const multiplierStatsSchema = z
  .object({
    game: z.string(),
    kind: z.string(),
    window: windowInfoSchema,
    delays: z.array(delaySchema),
    frequency: frequencySchema,
    streaks: z.array(streakSchema),
    hourly: z.array(hourSchema),
    distribution: multiplierDistributionSchema,
    biggestWins: z.object({ rankedBy: z.enum(['payout-x-multiplier', 'multiplier']), wins: z.array(biggestWinSchema) }).strict(),
    crowd: crowdReturnSchema.nullable(),
    /** Sentences for figures without theory, e.g. "no published theory for multipliers of Crazy Time". */
    notes: z.array(z.string()),
  })
  .strict();
export type MultiplierStatsView = z.infer<typeof multiplierStatsSchema>;
