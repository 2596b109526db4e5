import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { ApiError } from '../api-error';
import type { KeyCheck } from '../auth';
import { aliveData, envelopeJson, type SeqCounter } from './envelope';
import type { Cs2Event } from './match-story';
import type { MatchWorld } from './match-world';
import { scopeOf } from './scopes';
import { refuseUpgrade, SocketHub, type HubClient } from '../socket-hub';

// wss://…/cs2/v1/stream?api_key=K (every match) and /cs2/v1/stream/{match_id}?api_key=K: a snapshot
// of the current state on connect, then each change as it happens, filtered by the key's scopes
// without a word (the seed: "silently dropped"), and an `alive` envelope every aliveIntervalMs.

export interface Cs2StreamSite {
  /** Key → the scopes it holds. */
  readonly keys: KeyCheck<ReadonlySet<string>>;
  readonly world: MatchWorld;
  readonly seq: SeqCounter;
  readonly aliveIntervalMs: number;
}

interface Cs2Client extends HubClient {
  readonly socket: WebSocket;
  readonly scopes: ReadonlySet<string>;
  /** null for the all-matches stream. */
  readonly matchId: string | null;
  /** Sends `alive` every aliveIntervalMs. */
  readonly timer: NodeJS.Timeout;
}

export class Cs2StreamHub extends SocketHub<Cs2Client> {
  constructor(private readonly site: Cs2StreamSite) {
    super(new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 }));
    site.world.onEvent((event) => this.broadcast(event));
  }

  /** `segments` are the path after /cs2/v1/stream: [] or [match_id]. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, segments: readonly string[], query: ReadonlyMap<string, string>): void {
    socket.on('error', () => socket.destroy());
    try {
      if (req.method !== 'GET') throw new ApiError(405, 'method_not_allowed', 'The stream upgrade must be a GET.');
      const scopes = this.site.keys.find(query.get('api_key') ?? '');
      if (scopes === undefined) {
        throw new ApiError(401, 'unauthorized', 'The api_key query parameter is missing or was rejected; connect to /cs2/v1/stream?api_key=<key>.');
      }
      if (segments.length > 1) throw new ApiError(404, 'not_found', 'The stream is at /cs2/v1/stream or /cs2/v1/stream/{match_id}.');
      const matchId = segments[0] ?? null;
      if (matchId !== null && this.site.world.find(matchId) === undefined) {
        throw new ApiError(404, 'match_not_found', `No match ${JSON.stringify(matchId.slice(0, 40))} is known here.`);
      }
      this.server.handleUpgrade(req, socket, head, (ws) => this.attach(ws, scopes, matchId));
    } catch (error) {
      if (error instanceof ApiError) refuseUpgrade(socket, error);
      else {
        console.error('sandbox: unexpected error upgrading', req.url, error);
        socket.destroy();
      }
    }
  }

  private attach(socket: WebSocket, scopes: ReadonlySet<string>, matchId: string | null): void {
    if (this.closed) {
      socket.terminate();
      return;
    }
    const aliveTimer = setInterval(() => {
      if (this.stalled || socket.readyState !== WebSocket.OPEN) return;
      const now = Date.now();
      socket.send(envelopeJson('alive', aliveData(now), this.site.seq.next(), now));
    }, this.site.aliveIntervalMs);
    aliveTimer.unref();
    const client: Cs2Client = { socket, scopes, matchId, timer: aliveTimer };
    this.clients.add(client);
    socket.on('error', () => socket.terminate());
    socket.on('close', () => this.forget(client));
    if (this.stalled) return;
    const now = Date.now();
    for (const event of this.site.world.snapshot(matchId)) {
      if (this.entitled(client, event)) socket.send(envelopeJson(event.type, event.data, this.site.seq.next(), now));
    }
  }

  private entitled(client: Cs2Client, event: Cs2Event): boolean {
    return client.scopes.has(scopeOf(event.type)) && (client.matchId === null || client.matchId === event.matchId);
  }

  private broadcast(event: Cs2Event): void {
    const seq = this.site.seq.next();
    if (this.stalled) return;
    let frame: string | null = null;
    for (const client of this.clients) {
      if (client.socket.readyState !== WebSocket.OPEN || !this.entitled(client, event)) continue;
      frame ??= envelopeJson(event.type, event.data, seq, Date.now());
      client.socket.send(frame);
    }
  }
}
