import WebSocket from 'ws';
import { Backoff } from '../../../../shared/backoff';
import { Emitter } from '../../emitter';
import { upstreamErrorFrom, type UpstreamError } from './upstream-error';

export interface RoundStreamOptions {
  readonly url: string;
  readonly apiKey: string;
  /** The server's ping cadence (25 s documented); two missed pings mean the link is dead. */
  readonly pingIntervalMs: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
}

export type StreamEvent =
  | { readonly type: 'connecting' }
  | { readonly type: 'open' }
  | { readonly type: 'closed'; readonly retryInMs: number; readonly reason: string }
  | { readonly type: 'refused'; readonly error: UpstreamError };

/**
 * The TrackerSino push channel: Bearer header, ws's heartbeat pattern (no ping for two intervals →
 * terminate) and reconnection with capped, fully jittered backoff. It delivers frame texts; what
 * they mean, and the backfill each (re)connect needs, belong to the recorder.
 */
export class RoundStream {
  readonly events = new Emitter<StreamEvent>();
  readonly frames = new Emitter<string>();
  private socket: WebSocket | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly backoff: Backoff;

  constructor(private readonly options: RoundStreamOptions) {
    this.backoff = new Backoff({ baseMs: options.backoffBaseMs ?? 1_000, capMs: options.backoffCapMs ?? 30_000 });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.clearWatchdog();
    this.socket?.terminate();
    this.socket = null;
  }

  /**
   * Drops the connection (if any) and dials again at once: after a wake the socket may be dead
   * without knowing it, and waiting for two missed pings would cost most of a minute.
   */
  reconnectNow(): void {
    if (this.stopped) return;
    this.backoff.reset();
    if (this.retry) {
      clearTimeout(this.retry);
      this.retry = null;
      this.connect();
      return;
    }
    this.socket?.terminate();
  }

  private connect(): void {
    this.events.emit({ type: 'connecting' });
    const socket = new WebSocket(this.options.url, {
      headers: { Authorization: `Bearer ${this.options.apiKey}` },
      handshakeTimeout: 15_000,
      maxPayload: 4 * 1024 * 1024,
    });
    this.socket = socket;
    let healthy = false;
    /** When the socket last showed it is alive (opened, a ping, a frame), performance.now() ms. */
    let aliveAtMs = performance.now();
    const alive = (): void => {
      if (!healthy) {
        // Only a connection that has proved itself resets the backoff, so a server that accepts
        // and drops at once cannot pull us into a tight reconnect loop.
        healthy = true;
        this.backoff.reset();
      }
      aliveAtMs = performance.now();
    };

    socket.on('open', () => {
      aliveAtMs = performance.now();
      this.armWatchdog(socket, () => aliveAtMs);
      this.events.emit({ type: 'open' });
    });
    socket.on('ping', alive);
    socket.on('message', (data, isBinary) => {
      alive();
      if (!isBinary) this.frames.emit(data.toString());
    });
    socket.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const error = upstreamErrorFrom(response.statusCode ?? 0, Buffer.concat(chunks).toString(), null);
        if (error.isFatal) {
          this.stop();
          this.events.emit({ type: 'refused', error });
        } else {
          socket.terminate();
        }
      });
    });
    socket.on('error', () => {
      // 'close' follows and schedules the reconnect; the reason is reported there.
    });
    socket.on('close', (code, reason) => {
      this.clearWatchdog();
      if (this.socket === socket) this.socket = null;
      if (this.stopped) return;
      const retryInMs = this.backoff.next();
      this.events.emit({ type: 'closed', retryInMs, reason: describeClose(code, reason.toString()) });
      this.retry = setTimeout(() => {
        this.retry = null;
        if (!this.stopped) this.connect();
      }, retryInMs);
    });
  }

  /**
   * Terminates the socket once it has been silent (no ping, no frame) for two intervals and a
   * little latency: one late ping is tolerated, two missed are not. The timer is not re-armed on
   * every frame; when it fires early it waits out the rest of the silence from the last one.
   */
  private armWatchdog(socket: WebSocket, aliveAtMs: () => number): void {
    this.clearWatchdog();
    const silenceMs = this.options.pingIntervalMs * 2 + 1_000;
    const check = (): void => {
      const quietMs = performance.now() - aliveAtMs();
      if (quietMs >= silenceMs) {
        this.watchdog = null;
        socket.terminate();
        return;
      }
      this.watchdog = setTimeout(check, silenceMs - quietMs);
    };
    check();
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }
}

function describeClose(code: number, reason: string): string {
  if (code === 1006) return 'the connection dropped';
  return reason ? `closed by the server (${code}: ${reason})` : `closed (${code})`;
}
