import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { diceFor } from '../../src/sim/round-hash';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sim/server';

interface Listening {
  readonly socket: WebSocket;
  readonly frames: string[];
  readonly closed: Promise<number>;
}

let sandbox: Sandbox;
const open = new Set<WebSocket>();
const extra = new Set<Sandbox>();

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'faults-spec', historyMs: 60_000, speed: 1000, pingIntervalMs: 40, games: ['stake-crash'] });
});
afterEach(async () => {
  for (const socket of open) socket.terminate();
  open.clear();
  await Promise.all([...extra].map((other) => other.close()));
  extra.clear();
});
afterAll(() => sandbox.close());

async function another(options: SandboxOptions): Promise<Sandbox> {
  const other = await startSandbox({ historyMs: 60_000, speed: 1000, pingIntervalMs: 40, games: ['stake-crash'], ...options });
  extra.add(other);
  return other;
}

async function listen(target: Sandbox = sandbox): Promise<Listening> {
  const socket = new WebSocket(`${target.url.replace('http', 'ws')}/v1-beta/stream`, { headers: { authorization: `Bearer ${target.key}` } });
  open.add(socket);
  const frames: string[] = [];
  socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, frames, closed };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function indexOf(frame: string): bigint {
  return BigInt(/"round_index":(\d+)/.exec(frame)?.[1] ?? '-1');
}

function parses(frame: string): boolean {
  try {
    JSON.parse(frame);
    return true;
  } catch {
    return false;
  }
}

function get(target: Sandbox, path = '/v1-beta/games'): Promise<Response> {
  return fetch(`${target.url}${path}`, { headers: { authorization: `Bearer ${target.key}` } });
}

describe('stream faults on command', () => {
  it('sends each of the next frames twice, and logs both copies as duplicates', async () => {
    const { frames } = await listen();
    await waitFor(() => frames.length >= 1);
    sandbox.duplicateNextFrames(2);
    await waitFor(() => frames.length >= 8);
    const indices = frames.map(indexOf);
    const repeated = indices.filter((index, i) => i > 0 && index === indices[i - 1]);
    expect(repeated).toHaveLength(2);
    for (const index of repeated) {
      const copies = sandbox.framesSent('stake-crash').filter((frame) => frame.roundIndex === index);
      expect(copies.map((frame) => frame.fault)).toEqual(['duplicate', 'duplicate']);
    }
  });

  it('holds a frame back and sends it after the next one', async () => {
    const { frames } = await listen();
    await waitFor(() => frames.length >= 1);
    sandbox.reorderNextFrames(1);
    await waitFor(() => frames.length >= 6);
    const indices = frames.map(indexOf);
    const swaps = indices.filter((index, i) => i > 0 && index < (indices[i - 1] ?? 0n));
    expect(swaps).toHaveLength(1);
    const at = indices.indexOf(swaps[0]!);
    expect(indices[at - 1]).toBe(swaps[0]! + 1n);
    // Nothing is lost: the run of indices is complete once sorted.
    const sorted = [...indices].sort((a, b) => (a < b ? -1 : 1));
    sorted.forEach((index, i) => i > 0 && expect(index).toBe(sorted[i - 1]! + 1n));
  });

  it('cuts the next frame in half, so it is undecodable JSON', async () => {
    const { frames } = await listen();
    await waitFor(() => frames.length >= 1);
    sandbox.garbleNextFrames(1);
    await waitFor(() => frames.length >= 5);
    expect(frames.filter((frame) => !parses(frame))).toHaveLength(1);
  });

  it('cuts the socket instead of sending the next frame', async () => {
    const listening = await listen();
    await waitFor(() => listening.frames.length >= 1);
    const before = sandbox.framesSent('stake-crash').length;
    sandbox.dropNextFrames(1);
    expect(await listening.closed).toBe(1006);
    const records = sandbox.rounds('stake-crash');
    const lastReceived = indexOf(listening.frames.at(-1)!);
    // The round the socket would have got is produced and recorded, but never sent to it.
    await waitFor(() => records.at(-1)!.roundIndex > lastReceived + 1n);
    expect(sandbox.framesSent('stake-crash').slice(before).some((frame) => frame.roundIndex === lastReceived + 1n)).toBe(false);
  });

  it('writes finalized_at in another precision than REST, for the same instant', async () => {
    const { frames } = await listen();
    await waitFor(() => frames.length >= 1);
    sandbox.shiftPrecisionNextFrames(1, 'us');
    await waitFor(() => frames.length >= 4);
    const shifted = frames.map((frame) => JSON.parse(frame) as { round_id: string; finalized_at: string }).filter((row) => row.finalized_at.includes('.'));
    expect(shifted).toHaveLength(1);
    expect(shifted[0]!.finalized_at).toMatch(/T\d{2}:\d{2}:\d{2}\.000000Z$/);
    const record = sandbox.rounds('stake-crash').find((round) => round.roundId === shifted[0]!.round_id)!;
    const restValue = (JSON.parse(record.json) as { finalized_at: string }).finalized_at;
    expect(restValue).toMatch(/:\d{2}Z$/);
    expect(Date.parse(shifted[0]!.finalized_at)).toBe(Date.parse(restValue));
  });
});

describe('stream faults at random', () => {
  it('duplicates, reorders, garbles and drops at the configured rates, reproducibly from the seed', async () => {
    const rates = { duplicate: 0.1, reorder: 0.1, garble: 0.1, precision: 0.1 };
    const faultsOf = async (seed: string): Promise<string[]> => {
      const other = await another({ seed, epochMs: Date.now(), faults: { stream: rates } });
      const { frames } = await listen(other);
      await waitFor(() => other.framesSent('stake-crash').length >= 60);
      expect(frames.length).toBeGreaterThanOrEqual(40);
      return other.framesSent('stake-crash').slice(0, 60).map((frame) => frame.fault ?? 'clean');
    };
    const first = await faultsOf('random-faults');
    expect(new Set(first)).toEqual(new Set(['clean', 'duplicate', 'reorder', 'garble', 'precision']));
    expect(await faultsOf('random-faults')).toEqual(first);
  });

  it('drops connections at random, and every round stays recorded', async () => {
    const other = await another({ seed: 'random-drops', faults: { stream: { drop: 0.2 } } });
    const listening = await listen(other);
    expect(await listening.closed).toBe(1006);
    const produced = other.rounds('stake-crash').map((round) => round.roundIndex);
    const sent = other.framesSent('stake-crash').map((frame) => frame.roundIndex);
    expect(sent.every((index) => produced.includes(index))).toBe(true);
  });

  it('draws the same faults from the same seed', () => {
    const draw = (seed: string) => {
      const dice = diceFor(`faults:${seed}`);
      return Array.from({ length: 20 }, () => dice.next());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });
});

describe('REST faults', () => {
  it('answers the next requests 5xx with the JSON error body, then recovers', async () => {
    sandbox.failNextRequests(2);
    sandbox.failNextRequests(1, 502);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const reply = await get(sandbox);
      statuses.push(reply.status);
      if (reply.status >= 500) expect(await reply.json()).toMatchObject({ error: 'upstream_unavailable', message: expect.any(String) });
    }
    expect(statuses).toEqual([503, 503, 502, 200]);
  });

  it('answers slowly on command', async () => {
    sandbox.slowNextRequests(1, 800);
    const started = Date.now();
    expect((await get(sandbox)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(790);
    const quick = Date.now();
    await get(sandbox);
    expect(Date.now() - quick).toBeLessThan(600);
  });

  it('fails and slows at the configured rates, still after the key check', async () => {
    const other = await another({ seed: 'rest-faults', faults: { rest: { errorRate: 0.3, slowRate: 0.3, slowMs: 50 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await get(other)).status);
    expect(statuses).toContain(503);
    expect(statuses).toContain(200);
    const unauthorized = await fetch(`${other.url}/v1-beta/games`, { headers: { authorization: 'Bearer nope' } });
    expect(unauthorized.status).toBe(401);
  });
});
