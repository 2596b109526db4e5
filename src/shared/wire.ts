import { z } from 'zod';
import { EVENT_NAMES, REQUEST_NAMES, userErrorSchema, type EventName, type RequestName } from './contract';

// Messages of the `roundlog serve` WebSocket. The envelope is checked here; the payload inside is
// checked against the contract's schema for that method or event by whoever receives it.

export const SERVE_PROTOCOL = 'roundlog.v1';
/** The per-launch token rides as a second subprotocol so it never appears in a URL or a log line. */
export const TOKEN_PROTOCOL_PREFIX = 'token.';
/** Larger messages are refused unread: no request of the contract comes near this. */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

export const clientMessageSchema = z
  .object({
    id: z.number().int().nonnegative(),
    method: z.enum(REQUEST_NAMES as [RequestName, ...RequestName[]]),
    input: z.unknown(),
  })
  .strict();
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), output: z.unknown() }).strict(),
  z.object({ type: z.literal('error'), id: z.number().int().nullable(), error: userErrorSchema }).strict(),
  z
    .object({
      type: z.literal('event'),
      event: z.enum(EVENT_NAMES as [EventName, ...EventName[]]),
      payload: z.unknown(),
    })
    .strict(),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
