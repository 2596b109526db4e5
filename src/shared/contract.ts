import { z } from 'zod';
import { alertEventSchemas, alertRequestSchemas } from './alerts';
import { transferEventSchemas, transferRequestSchemas } from './transfer';
import { SLUG_PATTERN } from './games';
import { chartSeriesInputSchema, chartSeriesSchema } from './chart-series';
import { historyPageSchema, historyQuerySchema, MAX_HISTORY_PAGE } from './history-query';
import { roundViewSchema } from './round';
import { roundDetailSchema } from './round-detail';
import { settingsPatchSchema, settingsViewSchema } from './settings';
import { exactStatsSchema } from './stats/exact-stats';
import { gameStatsSchema } from './stats/game-stats';
import { summarySchema } from './stats/multiplier-stats';
import { statsWindowSchema } from './stats/window';

// The one contract between the core and any UI. The service, the IPC adapter, the preload, the
// serve WebSocket and both renderer bridges are all derived from the two tables below, so a method
// cannot exist on one side only and every payload is validated by the same schema on arrival.

export const connectionStateSchema = z.enum(['connecting', 'open', 'reconnecting', 'error', 'stopped']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

/**
 * A tracked game's sync state. `backfilling`: a walk through older pages is catching up (progress
 * in `backfill`); `stale`: no live source since `staleSince`; `paused`: the user paused it, or the
 * history cannot be written; `error`: retrying cannot help (`detail` says what to do).
 */
export const gameStateSchema = z.enum(['connecting', 'backfilling', 'live', 'stale', 'paused', 'error']);
export type GameState = z.infer<typeof gameStateSchema>;

export const backfillProgressSchema = z
  .object({
    /** `catch-up`: from the newest round back to where the history is complete; `deep`: older history down to the chosen depth. */
    kind: z.enum(['catch-up', 'deep']),
    /** Rows received by this walk so far. */
    rows: z.number().int().nonnegative(),
    /** Rows per second over the last few pages. */
    rowsPerSecond: z.number().nonnegative(),
    /** 0..1 of the time span to cover, when its end is known. */
    fraction: z.number().min(0).max(1).nullable(),
    etaSeconds: z.number().nonnegative().nullable(),
  })
  .strict();
export type BackfillProgress = z.infer<typeof backfillProgressSchema>;

export const completenessSchema = z
  .object({
    /** The history is known to hold every round from `from` through `through` (ISO), or null before the first backfill. */
    from: z.string().nullable(),
    through: z.string().nullable(),
    /** True once the deep backfill has reached the chosen depth (or the game's first round). */
    depthReached: z.boolean(),
    /** Spans not yet known complete within the chosen depth, e.g. a laptop's sleep not yet backfilled. */
    openSpans: z.number().int().nonnegative(),
    gapsFound: z.number().int().nonnegative(),
    gapsFilled: z.number().int().nonnegative(),
    /** Rounds that reached the history only through a gap's backfill. */
    roundsRecovered: z.number().int().nonnegative(),
  })
  .strict();
export type Completeness = z.infer<typeof completenessSchema>;

export const gameStatusSchema = z
  .object({
    game: z.string(),
    name: z.string(),
    provider: z.string(),
    kind: z.string(),
    /** False for a game the upstream sent that Roundlog does not know: stored as a generic series. */
    known: z.boolean(),
    /** False for a game in the history that is not tracked now (e.g. an unknown game seen on the stream). */
    tracked: z.boolean(),
    state: gameStateSchema,
    /** A sentence a person can act on, or null when all is well. */
    detail: z.string().nullable(),
    staleSince: z.string().nullable(),
    lastRoundAt: z.string().nullable(),
    roundsStored: z.number().int().nonnegative(),
    backfill: backfillProgressSchema.nullable(),
    completeness: completenessSchema,
    /** Frames and rows of this game set aside as undecodable. */
    quarantined: z.number().int().nonnegative(),
    /** Bet snapshots recorded for this game since the app started, or null for a game not asked for them (not a crash game). */
    betSnapshots: z
      .object({
        rounds: z.number().int().nonnegative(),
        bets: z.number().int().nonnegative(),
        /** Bets that could not be read (counted and logged, with the rest of their round left out). */
        rejected: z.number().int().nonnegative(),
        /** Rounds whose snapshot disagreed with the bets already stored for them (kept out). */
        conflicts: z.number().int().nonnegative(),
        /** Why the last ask failed, or null. */
        lastError: z.string().nullable(),
      })
      .strict()
      .nullable(),
    /** Finalisation upstream to commit here, over recent live rounds (ms), or null before any. */
    commitDelayMs: z.object({ p50: z.number(), p95: z.number(), rounds: z.number().int() }).strict().nullable(),
  })
  .strict();
export type GameStatus = z.infer<typeof gameStatusSchema>;

export const tierSchema = z.enum(['starter', 'pro', 'enterprise']);
export type Tier = z.infer<typeof tierSchema>;

export const syncStatusSchema = z
  .object({
    tier: tierSchema,
    /** `setting`: the user chose it; `detected`: learned from the stream (403 → starter, open → pro); `assumed`: not known yet. */
    tierSource: z.enum(['setting', 'detected', 'assumed']),
    /** How live rounds arrive: the stream, or polling /rounds when the tier has no stream. */
    live: z.enum(['stream', 'polling']),
    /** The request budget Roundlog keeps to (a little under the tier's). */
    requestsPerSecond: z.number().positive(),
    requestsWaiting: z.number().int().nonnegative(),
    /** Set while TrackerSino's last 429 asks us to wait (ISO). */
    rateLimitedUntil: z.string().nullable(),
    rateLimitedCount: z.number().int().nonnegative(),
    /** Undecodable frames and rows set aside in quarantine, all games (and none) together. */
    quarantined: z.number().int().nonnegative(),
  })
  .strict();
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const statusSchema = z
  .object({
    source: z
      .object({
        /** `sandbox` is the embedded demo server: everything it produces is demo data. */
        mode: z.enum(['sandbox', 'live']),
        baseUrl: z.string(),
      })
      .strict(),
    connection: z
      .object({ state: connectionStateSchema, detail: z.string().nullable() })
      .strict(),
    sync: syncStatusSchema,
    games: z.array(gameStatusSchema),
  })
  .strict();
export type Status = z.infer<typeof statusSchema>;

const slugSchema = z.string().regex(SLUG_PATTERN, 'not a game slug');

export const requestSchemas = {
  getStatus: {
    input: z.object({}).strict(),
    output: statusSchema,
  },
  getRecentRounds: {
    input: z.object({ game: slugSchema, limit: z.number().int().min(1).max(5000) }).strict(),
    output: z.array(roundViewSchema),
  },
  /** Stops recording a tracked game until resumed; a resumed game catches up at once. */
  setGamePaused: {
    input: z.object({ game: slugSchema, paused: z.boolean() }).strict(),
    output: z.null(),
  },
  /** The vendor's /summary from the local history: counts, the last day's shape and the delay table. */
  getStatsSummary: {
    input: z.object({ game: slugSchema }).strict(),
    output: summarySchema,
  },
  /** Every statistic of a game's dashboard over a window, from the rollups (never a scan). */
  getGameStats: {
    input: z
      .object({
        game: slugSchema,
        window: statsWindowSchema,
        /** A house edge (0 ≤ e < 1) for the fair baseline (1 − e)/x instead of the game's own law. */
        houseEdge: z.number().min(0).lt(1).nullable(),
      })
      .strict(),
    output: gameStatsSchema,
  },
  /**
   * Exact percentiles and the exact KS statistic over every multiplier of a window, computed off
   * the main thread. A newer job with the same `job` id replaces (cancels) the older.
   */
  getExactStats: {
    input: z.object({ game: slugSchema, window: statsWindowSchema, job: z.string().min(1).max(64) }).strict(),
    output: exactStatsSchema,
  },
  /** Stops an exact computation; its request answers with code `cancelled`. */
  cancelExactStats: {
    input: z.object({ job: z.string().min(1).max(64) }).strict(),
    output: z.null(),
  },
  /** Rounds of a window, counted from the rollups (the overview's "rounds today"). */
  countRounds: {
    input: z.object({ game: slugSchema, window: statsWindowSchema }).strict(),
    output: z.object({ rounds: z.number().int().nonnegative() }).strict(),
  },
  /** The multiplier series of any span, decimated per time bucket when it holds too many rounds. */
  getChartSeries: {
    input: z.object({ game: slugSchema }).extend(chartSeriesInputSchema.shape).strict(),
    output: chartSeriesSchema,
  },
  /** One page of a game's whole history, filtered and sorted, at any position. */
  getHistoryPage: {
    input: z
      .object({
        game: slugSchema,
        query: historyQuerySchema,
        offset: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(MAX_HISTORY_PAGE),
      })
      .strict(),
    output: historyPageSchema,
  },
  /** Where a moment falls in a time-sorted query: the offset of the first row at or past it. */
  locateInHistory: {
    input: z.object({ game: slugSchema, query: historyQuerySchema, at: z.string().max(40) }).strict(),
    output: z.object({ offset: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).strict(),
  },
  /** Every field of one round, its decoded bonus data and the exact stored row. */
  getRoundDetail: {
    input: z.object({ game: slugSchema, roundId: z.string().min(1).max(200) }).strict(),
    output: roundDetailSchema,
  },
  getSettings: {
    input: z.object({}).strict(),
    output: settingsViewSchema,
  },
  /** Saves a change; one that moves the upstream, games, tier or depth restarts recording at once. */
  updateSettings: {
    input: settingsPatchSchema,
    output: settingsViewSchema,
  },
  /** Reclaims free pages of the history file (VACUUM) and reports its size before and after. */
  compactHistory: {
    input: z.object({}).strict(),
    output: z.object({ bytesBefore: z.number().int().nonnegative(), bytesAfter: z.number().int().nonnegative() }).strict(),
  },
  ...alertRequestSchemas,
  ...transferRequestSchemas,
} as const;

export const eventSchemas = {
  /** Rounds that have just been committed to the local history, oldest first. */
  onRounds: z.array(roundViewSchema),
  onStatus: statusSchema,
  /** Settings after any change, from any window. */
  onSettings: settingsViewSchema,
  ...alertEventSchemas,
  ...transferEventSchemas,
} as const;

export type RequestName = keyof typeof requestSchemas;
export type EventName = keyof typeof eventSchemas;
export type RequestInput<K extends RequestName> = z.infer<(typeof requestSchemas)[K]['input']>;
export type RequestOutput<K extends RequestName> = z.infer<(typeof requestSchemas)[K]['output']>;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;

export type Disposer = () => void;

/** Requests are plain async methods; events are `onX` subscriptions returning a disposer. */
export type RoundlogService = {
  [K in RequestName]: (input: RequestInput<K>) => Promise<RequestOutput<K>>;
} & {
  [E in EventName]: (listener: (payload: EventPayload<E>) => void) => Disposer;
};

export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];
export const EVENT_NAMES = Object.keys(eventSchemas) as EventName[];

/** IPC channel names, namespaced so no other channel can be mistaken for the contract's. */
export const requestChannel = (name: RequestName): string => `roundlog:request:${name}`;
export const eventChannel = (name: EventName): string => `roundlog:event:${name}`;

/** An error a user can meet: a stable code and a sentence saying what to do. */
export const userErrorSchema = z.object({ code: z.string(), message: z.string() }).strict();
export type UserError = z.infer<typeof userErrorSchema>;
