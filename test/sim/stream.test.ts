import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { simulatedSlugs } from '../../src/sim/games/catalog';
import { startSandbox, type Sandbox } from '../../src/sim/server';

interface Listening {
  readonly socket: WebSocket;
  readonly frames: string[];
  pings: number;
}

let sandbox: Sandbox;
const open = new Set<WebSocket>();

beforeAll(async () => {
  // At 1000× a crash round finishes every ~25 ms and a Crazy Time spin every ~60 ms.
  sandbox = await startSandbox({ seed: 'stream-spec', historyMs: 60_000, speed: 1000, pingIntervalMs: 40 });
});
afterEach(() => {
  sandbox.stallStreams(false);
  for (const socket of open) socket.terminate();
  open.clear();
});
afterAll(() => sandbox.close());

function streamUrl(query = ''): string {
  return `${sandbox.url.replace('http', 'ws')}/v1-beta/stream${query}`;
}

async function listen(query = '', protocols?: string[]): Promise<Listening> {
  const socket =
    protocols === undefined
      ? new WebSocket(streamUrl(query), { headers: { authorization: `Bearer ${sandbox.key}` } })
      : new WebSocket(streamUrl(query), protocols);
  open.add(socket);
  const listening: Listening = { socket, frames: [], pings: 0 };
  socket.on('message', (data: Buffer) => listening.frames.push(data.toString('utf8')));
  socket.on('ping', () => (listening.pings += 1));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return listening;
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function gameOf(frame: string): string {
  return (JSON.parse(frame) as { game_id: string }).game_id;
}

describe('GET /v1-beta/stream', () => {
  it('pushes each finalised round as the REST row with game_id first, consecutively and without replay', async () => {
    const before = sandbox.rounds('stake-crash').at(-1)?.roundIndex ?? 0n;
    const { frames } = await listen('?games=stake-crash');
    await waitFor(() => frames.length >= 5);
    const records = new Map(sandbox.rounds('stake-crash').map((record) => [record.roundIndex, record.json]));
    const indices = frames.map((frame) => BigInt(/"round_index":(\d+)/.exec(frame)?.[1] ?? '0'));
    expect(indices[0]).toBeGreaterThan(before);
    indices.forEach((index, i) => {
      if (i > 0) expect(index).toBe((indices[i - 1] ?? 0n) + 1n);
      expect(frames[i]).toBe(`{"game_id":"stake-crash",${records.get(index)?.slice(1)}`);
    });
  });

  it('honours the games= filter, resolving aliases and ignoring unknown slugs', async () => {
    const wheelOnly = await listen('?games=crazytime,roobet-crash,nope');
    const everything = await listen();
    const emptyList = await listen('?games=');
    await waitFor(() => wheelOnly.frames.length >= 3 && everything.frames.length >= 10 && emptyList.frames.length >= 10);
    expect(new Set(wheelOnly.frames.map(gameOf))).toEqual(new Set(['crazytime']));
    expect(new Set(everything.frames.map(gameOf))).toEqual(new Set(['stake-crash', 'crazytime']));
    expect(new Set(emptyList.frames.map(gameOf))).toEqual(new Set(['stake-crash', 'crazytime']));
  });

  it('sends a ping every pingIntervalMs', async () => {
    const listening = await listen('?games=nope');
    await sleep(300);
    expect(listening.pings).toBeGreaterThanOrEqual(3);
    expect(listening.frames).toEqual([]);
  });

  it('while stalled, withholds pings and frames but keeps generating rounds', async () => {
    const early = await listen();
    sandbox.stallStreams(true);
    const late = await listen();
    const counts = { frames: early.frames.length, pings: early.pings, rounds: sandbox.rounds('stake-crash').length };
    await sleep(400);
    expect(early.frames.length).toBe(counts.frames);
    expect(early.pings).toBe(counts.pings);
    expect(late.frames.length + late.pings).toBe(0);
    expect(sandbox.rounds('stake-crash').length).toBeGreaterThan(counts.rounds + 5);

    sandbox.stallStreams(false);
    await waitFor(() => early.frames.length > counts.frames && late.frames.length > 0 && late.pings > 0);
  });

  it('drops every socket abruptly, without a close frame', async () => {
    const listening = await listen();
    const closed = new Promise<number>((resolve) => listening.socket.once('close', (code: number) => resolve(code)));
    sandbox.dropStreams();
    expect(await closed).toBe(1006);
  });

  it('reports each frame sent to each socket to onFrameSent listeners', async () => {
    const sent: string[] = [];
    const stop = sandbox.onFrameSent((game, roundId, sentAtMs) => {
      expect(sentAtMs).toBeLessThanOrEqual(performance.now());
      sent.push(`${game}/${roundId}`);
    });
    const { frames } = await listen('?games=crazytime');
    await waitFor(() => frames.length >= 3);
    stop();
    const received = frames.map((frame) => `crazytime/${(JSON.parse(frame) as { round_id: string }).round_id}`);
    expect(sent.slice(0, received.length)).toEqual(received);
  });
});

describe("the seed's Node example", () => {
  it('works unchanged except for the host: Authorization header, JSON frames, parseFloat(multiplier)', async () => {
    const YOUR_KEY = sandbox.key;
    const host = sandbox.url.replace('http://', 'ws://');
    const seen: string[] = [];
    let ws: WebSocket | null = null;
    function connect(): void {
      ws = new WebSocket(`${host}/v1-beta/stream?games=stake-crash`, { headers: { Authorization: `Bearer ${YOUR_KEY}` } });
      open.add(ws);
      ws.on('message', (data) => {
        const r = JSON.parse(data.toString()) as { game_id: string; multiplier: string; finalized_at: string };
        if (parseFloat(r.multiplier) > 0) seen.push(`${r.game_id} ${r.multiplier}x at ${r.finalized_at}`);
      });
      ws.on('error', () => ws?.terminate());
    }
    connect();
    await waitFor(() => seen.length >= 3);
    expect(seen[0]).toMatch(/^stake-crash \d+\.\d{4}x at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('Roobet Crash under both slugs', () => {
  it.skipIf(!simulatedSlugs().includes('crash'))('streams `crash` to a games=roobet-crash subscription, game_id as stored', async () => {
    const roobet = await startSandbox({ seed: 'roobet', historyMs: 10_000, speed: 1000, games: ['roobet-crash', 'stake-crash'] });
    try {
      const listeners = ['?games=roobet-crash', '?games=crash'].map((query) => {
        const socket = new WebSocket(`${roobet.url.replace('http', 'ws')}/v1-beta/stream${query}`, {
          headers: { authorization: `Bearer ${roobet.key}` },
        });
        open.add(socket);
        const frames: string[] = [];
        socket.on('message', (data: Buffer) => frames.push(data.toString()));
        return frames;
      });
      await waitFor(() => listeners.every((frames) => frames.length >= 3));
      for (const frames of listeners) expect(new Set(frames.map(gameOf))).toEqual(new Set(['crash']));
    } finally {
      await roobet.close();
    }
  });
});

describe('start-up history by round count', () => {
  it('starts with at least historyRounds finished rounds of every game, the slowest game having about that many', async () => {
    const counted = await startSandbox({ seed: 'history-rounds', historyRounds: 500 });
    try {
      const counts = ['stake-crash', 'crazytime'].map((game) => counted.rounds(game).length);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(500);
      expect(Math.min(...counts)).toBeLessThanOrEqual(502);
    } finally {
      await counted.close();
    }
  });
});

describe('stream authentication', () => {
  it('refuses an upgrade without a valid key with a 401 JSON answer', async () => {
    for (const headers of [{}, { authorization: 'Bearer ts_sandbox_wrong' }]) {
      const socket = new WebSocket(streamUrl(), { headers });
      open.add(socket);
      const answer = await new Promise<{ status: number; body: string }>((resolve) => {
        socket.on('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        socket.on('error', () => undefined);
      });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('accepts the browser form with the key in the subprotocols, answering "Authorization"', async () => {
    const listening = await listen('?games=stake-crash', ['Authorization', `Bearer.${sandbox.key}`]);
    expect(listening.socket.protocol).toBe('Authorization');
    await waitFor(() => listening.frames.length >= 1);
  });

  it("accepts the seed's literal ['Authorization', 'Bearer KEY'] from clients that send it", async () => {
    const protocol = await new Promise<string | undefined>((resolve, reject) => {
      const req = request(`${sandbox.url}/v1-beta/stream`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': randomBytes(16).toString('base64'),
          'sec-websocket-protocol': `Authorization, Bearer ${sandbox.key}`,
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.headers['sec-websocket-protocol']);
      });
      req.on('response', (res) => reject(new Error(`answered ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    expect(protocol).toBe('Authorization');
  });

  it('answers a plain GET of the stream path with 426', async () => {
    const reply = await fetch(`${sandbox.url}/v1-beta/stream`, { headers: { authorization: `Bearer ${sandbox.key}` } });
    expect(reply.status).toBe(426);
    expect(await reply.json()).toMatchObject({ error: 'upgrade_required' });
  });
});
