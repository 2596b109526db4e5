import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '../../../shared/contract';
import { emptyStatus } from '../testing/statusFixture';
import { round } from '../testing/roundFixture';
import type { RpcSocket, RpcSocketHandlers } from './rpcSocket';
import { socketBridge } from './socketBridge';

interface FakeSocket extends RpcSocket {
  readonly url: string;
  readonly protocols: string[];
  readonly handlers: RpcSocketHandlers;
  readonly sent: unknown[];
  closed: boolean;
}

const status: Status = emptyStatus;

function harness(token: string | null = 'secret') {
  const sockets: FakeSocket[] = [];
  const reports: string[] = [];
  const bridge = socketBridge({
    url: 'ws://127.0.0.1:4000/rpc',
    token,
    openSocket: (url, protocols, handlers) => {
      const socket: FakeSocket = {
        url,
        protocols,
        handlers,
        sent: [],
        closed: false,
        send(text) {
          this.sent.push(JSON.parse(text));
        },
        close() {
          this.closed = true;
        },
      };
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
    report: (problem) => void reports.push(problem),
  });
  const last = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (socket === undefined) throw new Error('no socket was opened');
    return socket;
  };
  const reply = (message: unknown): void => last().handlers.onMessage(JSON.stringify(message));
  return { bridge, sockets, reports, last, reply };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('socket bridge', () => {
  it('dials /rpc with the serve protocol and the token as a second subprotocol', () => {
    const { last, bridge } = harness();
    expect(last().url).toBe('ws://127.0.0.1:4000/rpc');
    expect(last().protocols).toEqual(['roundlog.v1', 'token.secret']);
    expect(bridge.getTransport()).toEqual({ state: 'connecting', attempt: 0 });
  });

  it('never dials without a token and says the token is missing', async () => {
    const { sockets, bridge } = harness(null);
    expect(sockets).toHaveLength(0);
    expect(bridge.getTransport().state).toBe('token-missing');
    await expect(bridge.service.getStatus({})).rejects.toMatchObject({ code: 'not-connected' });
  });

  it('sends a request as {id, method, input} and resolves with the validated reply', async () => {
    const { bridge, last, reply } = harness();
    last().handlers.onOpen();
    const answer = bridge.service.getStatus({});
    expect(last().sent).toEqual([{ id: 0, method: 'getStatus', input: {} }]);
    reply({ type: 'result', id: 0, output: status });
    await expect(answer).resolves.toEqual(status);
  });

  it('rejects with the user-facing error Roundlog sent', async () => {
    const { bridge, last, reply } = harness();
    last().handlers.onOpen();
    const answer = bridge.service.getRecentRounds({ game: 'nope', limit: 5 });
    reply({ type: 'error', id: 0, error: { code: 'unknown-game', message: 'No game "nope" is tracked.' } });
    await expect(answer).rejects.toMatchObject({ code: 'unknown-game', message: 'No game "nope" is tracked.' });
  });

  it('does not trust a reply that breaks the contract: reported and rejected', async () => {
    const { bridge, last, reply, reports } = harness();
    last().handlers.onOpen();
    const answer = bridge.service.getStatus({});
    reply({ type: 'result', id: 0, output: { ...status, extra: true } });
    await expect(answer).rejects.toMatchObject({ code: 'invalid-reply' });
    expect(reports).toEqual(['invalid getStatus reply, dropped']);
  });

  it('delivers valid events and drops invalid ones with a report', () => {
    const { bridge, last, reply, reports } = harness();
    last().handlers.onOpen();
    const received: string[][] = [];
    bridge.service.onRounds((rounds) => received.push(rounds.map((r) => r.roundId)));
    reply({ type: 'event', event: 'onRounds', payload: [round('a', 1)] });
    reply({ type: 'event', event: 'onRounds', payload: [{ roundId: 'b' }] });
    last().handlers.onMessage('not json');
    reply({ type: 'surprise' });
    expect(received).toEqual([['a']]);
    expect(reports).toEqual([
      'invalid onRounds payload, dropped',
      'message is not JSON, dropped',
      'message does not fit the wire envelope, dropped',
    ]);
  });

  it('stops delivering events to a listener once it unsubscribes', () => {
    const { bridge, last, reply } = harness();
    last().handlers.onOpen();
    const seen: Status[] = [];
    const off = bridge.service.onStatus((next) => seen.push(next));
    reply({ type: 'event', event: 'onStatus', payload: status });
    off();
    reply({ type: 'event', event: 'onStatus', payload: status });
    expect(seen).toHaveLength(1);
  });

  it('holds a request made while connecting and sends it once the socket opens, even after a failed dial', async () => {
    const { bridge, last, sockets, reply } = harness();
    const answer = bridge.service.getStatus({});
    expect(last().sent).toEqual([]);
    last().handlers.onClose();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sockets).toHaveLength(2);
    last().handlers.onOpen();
    expect(last().sent).toEqual([{ id: 0, method: 'getStatus', input: {} }]);
    reply({ type: 'result', id: 0, output: status });
    await expect(answer).resolves.toEqual(status);
  });

  it('rejects requests in flight when the socket closes', async () => {
    const { bridge, last } = harness();
    last().handlers.onOpen();
    const answer = bridge.service.getStatus({});
    last().handlers.onClose();
    await expect(answer).rejects.toMatchObject({ code: 'connection-lost' });
  });

  it('rejects a request that gets no answer in time', async () => {
    const { bridge, last } = harness();
    last().handlers.onOpen();
    const answer = bridge.service.getStatus({});
    vi.advanceTimersByTime(20_000);
    await expect(answer).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reconnects with growing delays after a drop and reports each state change', () => {
    const { bridge, sockets, last } = harness();
    const states: string[] = [];
    bridge.onTransport(() => states.push(`${bridge.getTransport().state}#${bridge.getTransport().attempt}`));
    last().handlers.onOpen();
    last().handlers.onClose();
    expect(bridge.getTransport()).toEqual({ state: 'reconnecting', attempt: 1 });
    // Attempt 1 waits half of 500 ms with random() = 0.5.
    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().handlers.onClose();
    expect(bridge.getTransport()).toEqual({ state: 'reconnecting', attempt: 2 });
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().handlers.onOpen();
    expect(states).toEqual(['connected#0', 'reconnecting#1', 'reconnecting#2', 'connected#0']);
  });

  it('keeps saying "connecting" while it has never reached Roundlog', () => {
    const { bridge, last } = harness();
    last().handlers.onClose();
    expect(bridge.getTransport()).toEqual({ state: 'connecting', attempt: 1 });
  });

  it('keeps event listeners across a reconnect', () => {
    const { bridge, last, reply } = harness();
    const seen: Status[] = [];
    bridge.service.onStatus((next) => seen.push(next));
    last().handlers.onOpen();
    last().handlers.onClose();
    vi.advanceTimersByTime(1_000);
    last().handlers.onOpen();
    reply({ type: 'event', event: 'onStatus', payload: status });
    expect(seen).toHaveLength(1);
  });

  it('ignores a replaced socket and stops redialling once disposed', () => {
    const { bridge, sockets, last } = harness();
    const first = last();
    first.handlers.onOpen();
    bridge.dispose();
    expect(first.closed).toBe(true);
    first.handlers.onClose();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
