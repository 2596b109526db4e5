import {
  eventSchemas,
  requestSchemas,
  type Disposer,
  type EventName,
  type EventPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type RoundlogService,
} from '../../../shared/contract';
import { SERVE_PROTOCOL, serverMessageSchema, TOKEN_PROTOCOL_PREFIX, type ClientMessage } from '../../../shared/wire';
import { backoffDelayMs, type BackoffPolicy } from '../../../shared/backoff';
import type { Bridge, TransportStatus } from './bridge';
import { RoundlogRequestError } from './requestError';
import type { OpenRpcSocket, RpcSocket } from './rpcSocket';

const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 15_000, minMs: 250 };

export interface SocketBridgeOptions {
  readonly url: string;
  /** null when the page was opened without `#token=…`: the bridge then never dials. */
  readonly token: string | null;
  readonly openSocket: OpenRpcSocket;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  /** A reply that never comes (a sleeping laptop, a wedged server) must not leave the UI waiting forever. */
  readonly requestTimeoutMs?: number;
  /** Where messages that fail validation are reported before being dropped. */
  readonly report?: (problem: string, detail: unknown) => void;
}

interface PendingRequest {
  settle(output: unknown): void;
  fail(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  /** The message, until it is on the wire: a request made while (re)connecting waits for the socket. */
  unsent: string | null;
}

type Listeners = { [E in EventName]: Set<(payload: EventPayload<E>) => void> };

const NOT_CONNECTED = {
  code: 'not-connected',
  message: 'Not connected to Roundlog right now; the page asks again once it reconnects.',
};
const CONNECTION_LOST = {
  code: 'connection-lost',
  message: 'Lost contact with Roundlog before it answered; the page asks again once it reconnects.',
};
const TIMED_OUT = {
  code: 'timeout',
  message: 'Roundlog did not answer in time. Check that `roundlog serve` is still running.',
};
const UNREADABLE_REPLY = {
  code: 'invalid-reply',
  message: 'Roundlog sent a reply this page cannot read. Reload the page; if it persists, the page and the app are different versions.',
};

function reportToConsole(problem: string, detail: unknown): void {
  console.error(`[roundlog socket] ${problem}`, detail);
}

/** The contract over `roundlog serve`'s WebSocket, redialled with backoff whenever it drops. */
export function socketBridge(options: SocketBridgeOptions): Bridge {
  const { url, token, openSocket } = options;
  const backoff = options.backoff ?? RECONNECT_BACKOFF;
  const random = options.random ?? Math.random;
  const requestTimeoutMs = options.requestTimeoutMs ?? 20_000;
  const report = options.report ?? reportToConsole;

  const transportListeners = new Set<() => void>();
  const listeners: Listeners = { onRounds: new Set(), onStatus: new Set(), onSettings: new Set(), onAlert: new Set(), onExportProgress: new Set() };
  const pending = new Map<number, PendingRequest>();
  let transport: TransportStatus = { state: token === null ? 'token-missing' : 'connecting', attempt: 0 };
  let socket: RpcSocket | null = null;
  let isOpen = false;
  let everConnected = false;
  let nextId = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  function setTransport(next: TransportStatus): void {
    transport = next;
    for (const listener of transportListeners) listener();
  }

  function dial(dialToken: string): void {
    retryTimer = null;
    let current: RpcSocket | null = null;
    // Handlers check `socket === current` so late events of a replaced socket are ignored.
    const handlers = {
      onOpen: () => {
        if (socket !== current) return;
        isOpen = true;
        everConnected = true;
        setTransport({ state: 'connected', attempt: 0 });
        sendWaiting();
      },
      onMessage: (data: unknown) => {
        if (socket === current) receive(data);
      },
      onClose: () => {
        if (socket !== current) return;
        socket = null;
        isOpen = false;
        failPending(CONNECTION_LOST);
        scheduleRedial(dialToken);
      },
    };
    try {
      current = openSocket(url, [SERVE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${dialToken}`], handlers);
      socket = current;
    } catch (error) {
      report('could not open the socket', error);
      scheduleRedial(dialToken);
    }
  }

  function scheduleRedial(dialToken: string): void {
    if (disposed) return;
    const attempt = transport.attempt + 1;
    setTransport({ state: everConnected ? 'reconnecting' : 'connecting', attempt });
    retryTimer = setTimeout(() => dial(dialToken), backoffDelayMs(attempt - 1, backoff, random()));
  }

  /** Fails the requests already sent (their answer is lost with the socket), or every one. */
  function failPending(reason: { code: string; message: string }, unsentToo = false): void {
    for (const [id, request] of [...pending]) {
      if (request.unsent !== null && !unsentToo) continue;
      pending.delete(id);
      clearTimeout(request.timer);
      request.fail(new RoundlogRequestError(reason));
    }
  }

  function sendWaiting(): void {
    for (const request of pending.values()) {
      if (request.unsent === null || socket === null) continue;
      socket.send(request.unsent);
      request.unsent = null;
    }
  }

  function request<K extends RequestName>(method: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
    return new Promise<RequestOutput<K>>((resolve, reject) => {
      // Without a token or after dispose there is nothing to wait for; while the socket
      // (re)connects, the request waits for it (within its timeout), so a page opened straight
      // onto a screen gets its first answers instead of an error.
      if (token === null || disposed) {
        reject(new RoundlogRequestError(NOT_CONNECTED));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new RoundlogRequestError(TIMED_OUT));
      }, requestTimeoutMs);
      pending.set(id, {
        settle: (output) => {
          const parsed = requestSchemas[method].output.safeParse(output);
          if (parsed.success) {
            // TypeScript loses the link between `method` and its schema's output type; the schema
            // for exactly this method has just accepted the value.
            resolve(parsed.data as RequestOutput<K>);
          } else {
            report(`invalid ${method} reply, dropped`, parsed.error);
            reject(new RoundlogRequestError(UNREADABLE_REPLY));
          }
        },
        fail: reject,
        timer,
        unsent: null,
      });
      const message: ClientMessage = { id, method, input };
      const request = pending.get(id)!;
      request.unsent = JSON.stringify(message);
      if (isOpen) sendWaiting();
    });
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') {
      report('non-text message, dropped', data);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (error) {
      report('message is not JSON, dropped', error);
      return;
    }
    const envelope = serverMessageSchema.safeParse(json);
    if (!envelope.success) {
      report('message does not fit the wire envelope, dropped', envelope.error);
      return;
    }
    const message = envelope.data;
    if (message.type === 'event') {
      emit(message.event, message.payload);
      return;
    }
    const { id } = message;
    if (id === null) {
      report('Roundlog reported an error', message);
      return;
    }
    const waiting = pending.get(id);
    if (waiting === undefined) {
      report(`reply to unknown request ${id}, dropped`, message);
      return;
    }
    pending.delete(id);
    clearTimeout(waiting.timer);
    if (message.type === 'result') waiting.settle(message.output);
    else waiting.fail(new RoundlogRequestError(message.error));
  }

  function emit<E extends EventName>(event: E, payload: unknown): void {
    const parsed = eventSchemas[event].safeParse(payload);
    if (!parsed.success) {
      report(`invalid ${event} payload, dropped`, parsed.error);
      return;
    }
    for (const listener of [...listeners[event]]) {
      try {
        listener(parsed.data as EventPayload<E>); // checked by this event's own schema just above
      } catch (error) {
        // One broken view must not starve the others of events.
        report(`${event} listener threw`, error);
      }
    }
  }

  function listen<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Disposer {
    const set: Set<(payload: EventPayload<E>) => void> = listeners[event];
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  const service: RoundlogService = {
    getStatus: (input) => request('getStatus', input),
    getRecentRounds: (input) => request('getRecentRounds', input),
    setGamePaused: (input) => request('setGamePaused', input),
    getStatsSummary: (input) => request('getStatsSummary', input),
    getGameStats: (input) => request('getGameStats', input),
    getExactStats: (input) => request('getExactStats', input),
    cancelExactStats: (input) => request('cancelExactStats', input),
    countRounds: (input) => request('countRounds', input),
    getChartSeries: (input) => request('getChartSeries', input),
    getHistoryPage: (input) => request('getHistoryPage', input),
    locateInHistory: (input) => request('locateInHistory', input),
    getRoundDetail: (input) => request('getRoundDetail', input),
    getSettings: (input) => request('getSettings', input),
    updateSettings: (input) => request('updateSettings', input),
    compactHistory: (input) => request('compactHistory', input),
    startExport: (input) => request('startExport', input),
    cancelExport: (input) => request('cancelExport', input),
    onRounds: (listener) => listen('onRounds', listener),
    onStatus: (listener) => listen('onStatus', listener),
    onSettings: (listener) => listen('onSettings', listener),
    listAlertRules: (input) => request('listAlertRules', input),
    saveAlertRule: (input) => request('saveAlertRule', input),
    deleteAlertRule: (input) => request('deleteAlertRule', input),
    getAlertFeed: (input) => request('getAlertFeed', input),
    markAlertsRead: (input) => request('markAlertsRead', input),
    onAlert: (listener) => listen('onAlert', listener),
    onExportProgress: (listener) => listen('onExportProgress', listener),
  };

  if (token !== null) dial(token);

  return {
    service,
    getTransport: () => transport,
    onTransport: (listener) => {
      transportListeners.add(listener);
      return () => {
        transportListeners.delete(listener);
      };
    },
    dispose: () => {
      disposed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      const closing = socket;
      socket = null;
      isOpen = false;
      closing?.close();
      failPending(CONNECTION_LOST, true);
    },
  };
}
