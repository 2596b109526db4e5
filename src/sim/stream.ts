import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import { ApiError, errorHeaders, unauthorized } from './api-error';
import type { KeyCheck } from './auth';
import { canonicalSlug } from '../shared/games';
import { API_PREFIX, parseTarget } from './request-target';
import type { SimRoundRecord } from './round-log';
import { frameJson } from './row';
import { refuseUpgrade, SocketHub, type HubClient } from './socket-hub';
import type { TierRules } from './tiers';
import type { SentLog } from './faults/sent-log';
import type { FrameFault, StreamFaults } from './faults/stream-faults';

// GET /v1-beta/stream: every round finalised while a socket is open is pushed to it as one text
// frame; pings keep the connection visibly alive. No replay: clients backfill over REST. Pro and
// Enterprise keys only (Starter is REST-only: 403). Each frame to each socket passes the stream
// faults (drop, duplicate, reorder, garble, precision), and what went out is logged per game.

export type FrameListener = (game: string, roundId: string, sentAtMs: number) => void;

interface HeldFrame {
  readonly record: SimRoundRecord;
  readonly text: string;
}

interface StreamClient extends HubClient {
  /** 1 for the first socket accepted, and so on. */
  readonly id: number;
  readonly socket: WebSocket;
  /** Canonical slugs subscribed to; null for every game. */
  readonly games: ReadonlySet<string> | null;
  /** Pings every pingIntervalMs. */
  readonly timer: NodeJS.Timeout;
  /** Frames held back by the reorder fault, sent after the socket's next frame. */
  readonly held: HeldFrame[];
}

const SUBPROTOCOL_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Clients send nothing the sandbox reads; a large message is a misbehaving client. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

export interface StreamSite {
  readonly keyCheck: KeyCheck<TierRules>;
  readonly slugs: ReadonlySet<string>;
  readonly pingIntervalMs: number;
  readonly faults: StreamFaults;
  readonly sent: SentLog;
}

export class StreamHub extends SocketHub<StreamClient> {
  private readonly listeners = new Set<FrameListener>();
  private acceptedSockets = 0;

  constructor(private readonly site: StreamSite) {
    super(new WebSocketServer({
      noServer: true,
      // Pongs are answered by hand so that a stalled connection is silent both ways.
      autoPong: false,
      maxPayload: MAX_CLIENT_MESSAGE_BYTES,
      // The browser form offers ['Authorization', 'Bearer.KEY']: answer the harmless one.
      handleProtocols: (protocols) => (protocols.has('Authorization') ? 'Authorization' : (protocols.values().next().value ?? false)),
    }));
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client vanishing mid-handshake is routine, not a server error.
    socket.on('error', () => socket.destroy());
    try {
      // Checked in the order REST checks them: method, key, path; then the key's tier.
      if (req.method !== 'GET') throw new ApiError(405, 'method_not_allowed', 'The stream upgrade must be a GET.');
      const protocols = req.headers['sec-websocket-protocol'];
      const rules = this.site.keyCheck.fromHeader(req.headers.authorization) ?? this.site.keyCheck.fromSubprotocols(protocols);
      if (rules === undefined) throw unauthorized();
      const { segments, query } = parseTarget(req.url ?? '/');
      if (segments.length !== 2 || segments[0] !== API_PREFIX || segments[1] !== 'stream') {
        throw new ApiError(404, 'not_found', 'The stream is at /v1-beta/stream.');
      }
      if (!rules.stream) {
        throw new ApiError(403, 'forbidden', `The stream needs a Pro or Enterprise key; this key is tier=${rules.tier} (REST only).`);
      }
      if (protocols !== undefined) keepValidSubprotocols(req, protocols);
      const games = this.subscription(query.get('games'));
      this.server.handleUpgrade(req, socket, head, (ws) => this.attach(ws, games));
    } catch (error) {
      if (error instanceof ApiError) {
        refuseUpgrade(socket, error, errorHeaders(error.status));
      } else {
        console.error('sandbox: unexpected error upgrading', req.url, error);
        socket.destroy();
      }
    }
  }

  /** `games=a,b`: aliases resolve, unknown slugs are ignored; empty or missing means every game. */
  private subscription(list: string | undefined): ReadonlySet<string> | null {
    const requested = (list ?? '').split(',').map((slug) => slug.trim()).filter((slug) => slug !== '');
    if (requested.length === 0) return null;
    return new Set(requested.map(canonicalSlug).filter((slug) => this.site.slugs.has(slug)));
  }

  private attach(socket: WebSocket, games: ReadonlySet<string> | null): void {
    if (this.closed) {
      socket.terminate();
      return;
    }
    const pingTimer = setInterval(() => {
      if (!this.stalled && socket.readyState === WebSocket.OPEN) socket.ping();
    }, this.site.pingIntervalMs);
    pingTimer.unref();
    // A reordered frame waits for the socket's next frame, however long that takes.
    const client: StreamClient = { id: ++this.acceptedSockets, socket, games, timer: pingTimer, held: [] };
    this.clients.add(client);
    socket.on('ping', (data) => {
      if (!this.stalled && socket.readyState === WebSocket.OPEN) socket.pong(data);
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => this.forget(client));
  }

  /** Sends a just-finalised round to every open socket subscribed to its game. */
  push(record: SimRoundRecord): void {
    if (this.stalled) return;
    let frame: string | null = null;
    for (const client of this.clients) {
      if (client.games !== null && !client.games.has(record.game)) continue;
      if (client.socket.readyState !== WebSocket.OPEN) continue;
      frame ??= frameJson(record.game, record.json);
      this.deliver(client, record, frame);
    }
  }

  /** One frame to one socket, through whatever fault the dice or a command chose for it. */
  private deliver(client: StreamClient, record: SimRoundRecord, frame: string): void {
    const fault = this.site.faults.next();
    switch (fault) {
      case 'drop':
        this.forget(client);
        client.socket.terminate();
        return;
      case 'reorder':
        client.held.push({ record, text: frame });
        return;
      case 'duplicate':
        this.send(client, record, frame, 'duplicate');
        this.send(client, record, frame, 'duplicate');
        break;
      case 'garble':
        this.send(client, record, frame.slice(0, Math.floor(frame.length / 2)), 'garble');
        break;
      case 'precision':
        this.send(client, record, this.site.faults.shiftPrecision(frame), 'precision');
        break;
      default:
        this.send(client, record, frame, null);
    }
    this.sendHeld(client);
  }

  private sendHeld(client: StreamClient): void {
    for (const held of client.held.splice(0)) {
      if (client.socket.readyState === WebSocket.OPEN) this.send(client, held.record, held.text, 'reorder');
    }
  }

  private send(client: StreamClient, record: SimRoundRecord, text: string, fault: Exclude<FrameFault, 'drop'> | null): void {
    client.socket.send(text);
    const sentAtMs = performance.now();
    this.site.sent.add({ game: record.game, roundId: record.roundId, roundIndex: record.roundIndex, socket: client.id, fault, text });
    for (const listener of this.listeners) listener(record.game, record.roundId, sentAtMs);
  }

  onFrameSent(listener: FrameListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends `text` as it is to every open socket, whatever its games: an arbitrary message from upstream. */
  sendRaw(text: string): void {
    for (const client of this.clients) if (client.socket.readyState === WebSocket.OPEN) client.socket.send(text);
  }
}

/**
 * ws refuses the whole handshake if any offered subprotocol is not an RFC 6455 token, and the
 * seed's literal form offers `Bearer KEY` (with a space). Once the key is checked, only the valid
 * tokens are left for ws to negotiate.
 */
function keepValidSubprotocols(req: IncomingMessage, header: string): void {
  const valid = header.split(',').map((item) => item.trim()).filter((item) => SUBPROTOCOL_TOKEN.test(item));
  if (valid.length > 0) req.headers['sec-websocket-protocol'] = valid.join(', ');
  else delete req.headers['sec-websocket-protocol'];
}
