import { z } from 'zod';
import { SLUG_PATTERN } from './games';

// Alert rules and the alerts they fire: the shapes the core stores and evaluates, the renderer's
// editor validates against, and every transport checks on arrival. What a rule *means* (which
// games have segments, which have a fair model for percentiles) is checked by the core when it
// saves a rule (src/main/core/alerts/rule-plan.ts), because it needs the game tables.

/** The largest multiplier a rule may name: Stake's cap is 1,000,000×. */
const MAX_MULTIPLIER = 1_000_000;
const MAX_ROUNDS = 10_000_000;
const WEEK_SECONDS = 7 * 24 * 3600;

const slugSchema = z.string().regex(SLUG_PATTERN, 'is not a game slug');

/** "≥ x" and "below x", in × (1.01 to 1,000,000); compared in the 4-decimal units of the row's string. */
export const multiplierThresholdSchema = z
  .number({ error: 'Give a multiplier, e.g. 100 for 100×.' })
  .min(1.01, 'A multiplier threshold is at least 1.01×.')
  .max(MAX_MULTIPLIER, 'A multiplier threshold is at most 1,000,000×.');

/** A number of rounds a drought or streak must pass. */
export const roundCountSchema = z
  .number({ error: 'Give a number of rounds.' })
  .int('A number of rounds is a whole number.')
  .min(1, 'A drought or streak must be longer than at least 1 round.')
  .max(MAX_ROUNDS, 'At most 10,000,000 rounds.');

/**
 * Winning segment codes as the rows name them (`cashhunt`, `n10`, `2rolls`…), or `bonus` for any
 * bonus segment of the game (Crazy Time's four bonus games, MONOPOLY's Chance and Rolls…).
 */
export const BONUS_TARGET = 'bonus';
export const segmentListSchema = z
  .array(z.string().regex(/^[a-z0-9]{1,32}$/, 'is not a segment code (e.g. cashhunt, n10, 2rolls or bonus)'))
  .min(1, 'Choose at least one segment.')
  .max(20, 'At most 20 segments.');

/** Local time of day `HH:MM`, 24-hour clock. */
const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time as HH:MM, e.g. 23:00.');

/**
 * Hours in which alerts are kept in the feed as muted instead of notified (local time). `start`
 * after `end` wraps midnight: 23:00–07:00 is the night.
 */
export const quietHoursSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .strict()
  .refine((quiet) => quiet.start !== quiet.end, { message: 'Quiet hours need a start and an end that differ.' });
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** What a drought waits for: a round at or above x, or one of these segments. */
export const droughtTargetSchema = z.union([
  z.object({ atLeast: multiplierThresholdSchema }).strict(),
  z.object({ segments: segmentListSchema }).strict(),
]);
export type DroughtTarget = z.infer<typeof droughtTargetSchema>;

/**
 * When a drought fires: once it is longer than `rounds` rounds, or once its length reaches the
 * `percentile` of waits the game's fair model gives (0.99: only 1% of fair droughts are as long).
 */
export const droughtLimitSchema = z.union([
  z.object({ rounds: roundCountSchema }).strict(),
  z
    .object({
      percentile: z
        .number({ error: 'Give a percentile, e.g. 0.99.' })
        .min(0.5, 'A percentile is between 50% and 99.99%.')
        .max(0.9999, 'A percentile is between 50% and 99.99%.'),
    })
    .strict(),
]);
export type DroughtLimit = z.infer<typeof droughtLimitSchema>;

export const alertConditionSchema = z.discriminatedUnion('kind', [
  /** Every round at or above `atLeast`. */
  z.object({ kind: z.literal('multiplier'), atLeast: multiplierThresholdSchema }).strict(),
  /** Every round whose winning segment is one of `segments`. */
  z.object({ kind: z.literal('segment'), segments: segmentListSchema }).strict(),
  /** Once per drought, when the rounds since `target` pass `longerThan`. */
  z.object({ kind: z.literal('drought'), target: droughtTargetSchema, longerThan: droughtLimitSchema }).strict(),
  /** Once per run, when more than `longerThan` rounds in a row land below `below`. */
  z.object({ kind: z.literal('streak'), below: multiplierThresholdSchema, longerThan: roundCountSchema }).strict(),
]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;
export type AlertKind = AlertCondition['kind'];

const ruleFields = {
  name: z.string().trim().min(1, 'Give the rule a name.').max(80, 'A name has at most 80 characters.'),
  enabled: z.boolean(),
  /** One game or several: the rule watches each on its own (its drought, its streak). */
  games: z
    .array(slugSchema)
    .min(1, 'Choose at least one game.')
    .max(32, 'At most 32 games.')
    .refine((games) => new Set(games).size === games.length, { message: 'A game is listed twice.' }),
  condition: alertConditionSchema,
  /** After the rule fires (on any of its games), it stays silent this long. 0: no cooldown. */
  cooldownSeconds: z
    .number({ error: 'Give a cooldown in seconds.' })
    .int('A cooldown is a whole number of seconds.')
    .min(0, 'A cooldown cannot be negative.')
    .max(WEEK_SECONDS, 'A cooldown is at most a week.'),
  quietHours: quietHoursSchema.nullable(),
  /** A sound with the notification (and a tone in an open window). */
  sound: z.boolean(),
  /** Also fire for rounds that arrive by backfill (older than a couple of minutes when stored). */
  includeBackfill: z.boolean(),
};

/** A rule as the editor sends it: `id` null creates, a number replaces that rule. */
export const alertRuleInputSchema = z.object({ id: z.number().int().positive().nullable(), ...ruleFields }).strict();
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

export const alertRuleSchema = z
  .object({
    id: z.number().int().positive(),
    ...ruleFields,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** One alert: everything a notification, the feed and a click through to the round need. */
export const alertSchema = z
  .object({
    id: z.number().int().positive(),
    ruleId: z.number().int().positive(),
    ruleName: z.string(),
    kind: z.enum(['multiplier', 'segment', 'drought', 'streak']),
    game: z.string(),
    /** `Stake Crash`, `Crazy Time`. */
    gameName: z.string(),
    roundId: z.string(),
    /** Exact digits (above 2^53), or null for a game whose rows carry none. */
    roundIndex: z.string().nullable(),
    multiplier: z.string(),
    segment: z.string().nullable(),
    finalizedAt: z.string(),
    /** The notification's title and its sentence, e.g. "Stake Crash hit 1,204.55× (round 7393…1234)." */
    title: z.string(),
    body: z.string(),
    /** The renderer route of the round in the history browser. */
    route: z.string(),
    /** For droughts and streaks: the length reached and, where the game has a fair model, its percentile. */
    run: z.object({ rounds: z.number().int().nonnegative(), percentile: z.number().nullable() }).strict().nullable(),
    sound: z.boolean(),
    /** Fired in the rule's quiet hours: kept in the feed, not notified, no sound. */
    muted: z.boolean(),
    /** False when the round came by backfill (the rule includes backfilled rounds). */
    live: z.boolean(),
    firedAt: z.string(),
    read: z.boolean(),
  })
  .strict();
export type Alert = z.infer<typeof alertSchema>;

export const MAX_FEED_PAGE = 200;

export const alertFeedInputSchema = z
  .object({
    /** Alerts older than this id (the last of the previous page), or null for the newest. */
    beforeId: z.number().int().positive().nullable(),
    limit: z.number().int().min(1).max(MAX_FEED_PAGE),
  })
  .strict();

export const alertFeedSchema = z
  .object({
    /** Newest first. */
    alerts: z.array(alertSchema),
    hasMore: z.boolean(),
    unread: z.number().int().nonnegative(),
  })
  .strict();
export type AlertFeed = z.infer<typeof alertFeedSchema>;

/** The contract's alert requests and event, registered in contract.ts. */
export const alertRequestSchemas = {
  listAlertRules: {
    input: z.object({}).strict(),
    output: z.array(alertRuleSchema),
  },
  /** Creates or replaces a rule; a rule that cannot work (no segments, no fair model) is refused with a sentence. */
  saveAlertRule: {
    input: alertRuleInputSchema,
    output: alertRuleSchema,
  },
  /** Deletes a rule; the alerts it fired stay in the feed. */
  deleteAlertRule: {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.null(),
  },
  /** The alert feed, newest first, a page at a time. */
  getAlertFeed: {
    input: alertFeedInputSchema,
    output: alertFeedSchema,
  },
  /** Marks every alert up to `throughId` read; answers how many stay unread. */
  markAlertsRead: {
    input: z.object({ throughId: z.number().int().positive() }).strict(),
    output: z.object({ unread: z.number().int().nonnegative() }).strict(),
  },
} as const;

export const alertEventSchemas = {
  /** An alert has just fired (and is in the feed). Muted ones are pushed too, for the feed. */
  onAlert: alertSchema,
} as const;
