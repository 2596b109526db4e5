import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { type ApiError, errorJson } from './api-error';

// What the sandbox's two WebSocket endpoints (the TrackerSino stream and the TickTock CS2 stream)
// share: refusing an upgrade in plain HTTP, and the network faults tests inject into either.

/** Answers a refused upgrade in plain HTTP, with the same JSON error body as REST. */
export function refuseUpgrade(socket: Duplex, error: ApiError, headers: Readonly<Record<string, string>> = {}): void {
  const body = errorJson(error.code, error.message);
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n` +
      `${extra.join('')}\r\n${body}`,
  );
}

/** A connected client: its socket and the timer that keeps it visibly alive (pings, `alive` envelopes). */
export interface HubClient {
  readonly socket: WebSocket;
  readonly timer: NodeJS.Timeout;
}

/** The open sockets of one endpoint, and the faults a network inflicts on all of them at once. */
export abstract class SocketHub<C extends HubClient> {
  protected readonly clients = new Set<C>();
  /** While true, sockets receive nothing at all, as on a half-open connection. */
  protected stalled = false;
  protected closed = false;

  constructor(protected readonly server: WebSocketServer) {}

  protected forget(client: C): void {
    clearInterval(client.timer);
    this.clients.delete(client);
  }

  /** Cuts every socket without a close frame, as a network failure would. */
  dropAll(): void {
    for (const client of this.clients) {
      this.forget(client);
      client.socket.terminate();
    }
  }

  setStalled(stalled: boolean): void {
    this.stalled = stalled;
  }

  close(): void {
    this.closed = true;
    this.dropAll();
    this.server.close();
  }
}
