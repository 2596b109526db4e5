import { z } from 'zod';
import { SLUG_PATTERN } from './games';
import { roundViewSchema } from './round';

// The one contract between the core and any UI. The service, the IPC adapter, the preload, the
// serve WebSocket and both renderer bridges are all derived from the two tables below, so a method
// cannot exist on one side only and every payload is validated by the same schema on arrival.

export const connectionStateSchema = z.enum(['connecting', 'open', 'reconnecting', 'error', 'stopped']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const gameStateSchema = z.enum(['connecting', 'backfilling', 'live', 'stale', 'error']);
export type GameState = z.infer<typeof gameStateSchema>;

export const gameStatusSchema = z
  .object({
    game: z.string(),
    name: z.string(),
    provider: z.string(),
    kind: z.string(),
    state: gameStateSchema,
    /** A sentence a person can act on, or null when all is well. */
    detail: z.string().nullable(),
    lastRoundAt: z.string().nullable(),
    roundsStored: z.number().int().nonnegative(),
  })
  .strict();
export type GameStatus = z.infer<typeof gameStatusSchema>;

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
} as const;

export const eventSchemas = {
  /** Rounds that have just been committed to the local history, oldest first. */
  onRounds: z.array(roundViewSchema),
  onStatus: statusSchema,
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
