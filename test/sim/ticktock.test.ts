import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSandbox, type Sandbox } from '../../src/sim/server';
import { CS2_FRAME_TYPES, scopeOf } from '../../src/sim/ticktock/scopes';

interface Envelope {
  type: string;
  data: Record<string, unknown>;
  meta: { ts: string; seq: number };
}

interface Listening {
  readonly socket: WebSocket;
  readonly envelopes: Envelope[];
}

const MARKETS_ONLY = 'ttk_markets_only';
const SCOREBOARD_ONLY = 'ttk_scoreboard_only';
const NO_STREAM = 'ttk_no_stream';

let sandbox: Sandbox;
const open = new Set<WebSocket>();

beforeAll(async () => {
  // At 2000× a CS2 round lasts ~30 ms of wall clock and a whole match about a second.
  sandbox = await startSandbox({
    seed: 'ticktock-spec',
    historyMs: 0,
    speed: 2000,
    games: ['stake-crash'],
    cs2AliveIntervalMs: 60,
    ticktockKeys: [
      { key: MARKETS_ONLY, scopes: ['cs2:stream:markets'] },
      { key: SCOREBOARD_ONLY, scopes: ['cs2:stream:scoreboard'] },
      { key: NO_STREAM, scopes: ['cs2:rest:matches'] },
    ],
  });
});
afterEach(() => {
  for (const socket of open) socket.terminate();
  open.clear();
});
afterAll(() => sandbox.close());

function streamUrl(key: string, matchId?: string): string {
  return `${sandbox.url.replace('http', 'ws')}/cs2/v1/stream${matchId === undefined ? '' : `/${matchId}`}?api_key=${key}`;
}

async function listen(key = sandbox.ticktockKey, matchId?: string): Promise<Listening> {
  const socket = new WebSocket(streamUrl(key, matchId));
  open.add(socket);
  const envelopes: Envelope[] = [];
  socket.on('message', (data: Buffer) => envelopes.push(JSON.parse(data.toString('utf8')) as Envelope));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, envelopes };
}

async function waitFor(condition: () => boolean, timeoutMs = 6_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function refusal(url: string): Promise<{ status: number; body: string }> {
  const socket = new WebSocket(url);
  open.add(socket);
  return new Promise((resolve) => {
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.on('error', () => undefined);
  });
}

describe('GET /cs2/v1/stream', () => {
  it('wraps every frame in {type, data, meta:{ts, seq}} with seq strictly increasing', async () => {
    const { envelopes } = await listen();
    await waitFor(() => envelopes.length >= 50);
    for (const envelope of envelopes) {
      expect(Object.keys(envelope)).toEqual(['type', 'data', 'meta']);
      expect(Object.keys(envelope.meta)).toEqual(['ts', 'seq']);
      expect(envelope.meta.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect([...CS2_FRAME_TYPES, 'alive']).toContain(envelope.type);
    }
    envelopes.forEach((envelope, i) => i > 0 && expect(envelope.meta.seq).toBeGreaterThan(envelopes[i - 1]!.meta.seq));
  });

  it('starts with a snapshot of live matches and open markets, then sends changes', async () => {
    const { envelopes } = await listen();
    await waitFor(() => envelopes.length >= 3);
    expect(envelopes[0]!.type).toBe('match.updated');
    const snapshotMatches = envelopes.filter((envelope) => envelope.type === 'match.updated').slice(0, 2);
    expect(snapshotMatches.length).toBeGreaterThanOrEqual(1);
    expect(snapshotMatches[0]!.data).toMatchObject({ id: expect.stringMatching(/^cs2m_/), status: expect.stringMatching(/upcoming|live/) });
    expect(envelopes.some((envelope) => envelope.type === 'market.updated')).toBe(true);
  });

  it('plays whole matches: every frame type of the seed shows up', async () => {
    const { envelopes } = await listen();
    const seen = (): Set<string> => new Set(envelopes.map((envelope) => envelope.type));
    await waitFor(() => CS2_FRAME_TYPES.every((type) => seen().has(type)), 8_000);
    const finished = envelopes.find((envelope) => envelope.type === 'round.finished')!;
    expect(finished.data).toMatchObject({ match_id: expect.any(String), round_number: expect.any(Number), winner_side: expect.stringMatching(/^(CT|T)$/) });
    const settlement = envelopes.find((envelope) => envelope.type === 'bet_settlement')!;
    expect(settlement.data).toMatchObject({ id: expect.any(String), match_id: expect.any(String), result: expect.stringMatching(/^(won|lost)$/) });
    const market = envelopes.find((envelope) => envelope.type === 'market.updated')!;
    expect(market.data).toMatchObject({ id: expect.any(String), odds: expect.any(Array), status: 1 });
  });

  it('sends an alive envelope every cs2AliveIntervalMs, shaped as GET /v1/alive', async () => {
    const { envelopes } = await listen(NO_STREAM);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const alives = envelopes.filter((envelope) => envelope.type === 'alive');
    expect(alives.length).toBeGreaterThanOrEqual(3);
    const rest = (await (await fetch(`${sandbox.url}/v1/alive`)).json()) as Record<string, unknown>;
    expect(Object.keys(alives[0]!.data)).toEqual(Object.keys(rest));
  });

  it('silently drops the frames a key is not entitled to', async () => {
    const markets = await listen(MARKETS_ONLY);
    const scoreboard = await listen(SCOREBOARD_ONLY);
    const none = await listen(NO_STREAM);
    await waitFor(() => markets.envelopes.length >= 20 && scoreboard.envelopes.length >= 20);
    const scopes = (listening: Listening): Set<string> =>
      new Set(listening.envelopes.filter((envelope) => envelope.type !== 'alive').map((envelope) => scopeOf(envelope.type as never)));
    expect(scopes(markets)).toEqual(new Set(['cs2:stream:markets']));
    expect(scopes(scoreboard)).toEqual(new Set(['cs2:stream:scoreboard']));
    expect(scopes(none)).toEqual(new Set());
    expect(none.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('keeps seq unique across reconnects, and one event keeps one seq on every socket', async () => {
    const first = await listen();
    const twin = await listen();
    // Each socket's snapshot is its own; wait for change events both sockets received.
    const sharedWithTwin = (): Envelope[] => {
      const twinSeqs = new Set(twin.envelopes.map((envelope) => envelope.meta.seq));
      return first.envelopes.filter((envelope) => envelope.type !== 'alive' && twinSeqs.has(envelope.meta.seq));
    };
    await waitFor(() => first.envelopes.length >= 20 && sharedWithTwin().length > 5);
    first.socket.close();
    const second = await listen();
    await waitFor(() => second.envelopes.length >= 20);
    const firstSeqs = new Set(first.envelopes.map((envelope) => envelope.meta.seq));
    expect(second.envelopes.every((envelope) => !firstSeqs.has(envelope.meta.seq))).toBe(true);
    expect(Math.min(...second.envelopes.map((envelope) => envelope.meta.seq))).toBeGreaterThan(Math.max(...firstSeqs));
    const twinBySeq = new Map(twin.envelopes.map((envelope) => [envelope.meta.seq, JSON.stringify(envelope)]));
    const shared = first.envelopes.filter((envelope) => envelope.type !== 'alive' && twinBySeq.has(envelope.meta.seq));
    expect(shared.length).toBeGreaterThan(5);
    for (const envelope of shared) expect(twinBySeq.get(envelope.meta.seq)).toBe(JSON.stringify(envelope));
  });

  it('follows one match on /cs2/v1/stream/{match_id}', async () => {
    const all = await listen();
    await waitFor(() => all.envelopes.some((envelope) => envelope.type === 'match.updated'));
    const matchId = all.envelopes.find((envelope) => envelope.type === 'match.updated')!.data.id as string;
    const one = await listen(sandbox.ticktockKey, matchId);
    await waitFor(() => one.envelopes.filter((envelope) => envelope.type !== 'alive').length >= 10);
    for (const envelope of one.envelopes) {
      if (envelope.type === 'alive') continue;
      expect(envelope.data.match_id ?? envelope.data.id).toBe(matchId);
    }
  });

  it('refuses a missing or wrong api_key with 401, and an unknown match with 404', async () => {
    for (const url of [`${sandbox.url.replace('http', 'ws')}/cs2/v1/stream`, streamUrl('ttk_wrong')]) {
      const answer = await refusal(url);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'unauthorized' });
    }
    expect((await refusal(streamUrl(sandbox.ticktockKey, 'cs2m_nope'))).status).toBe(404);
  });
});

describe('CS2 stream faults', () => {
  it('stalls alive envelopes and frames with the TrackerSino stream, and drops CS2 sockets with it', async () => {
    const listening = await listen();
    await waitFor(() => listening.envelopes.length >= 5);
    sandbox.stallStreams(true);
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const count = listening.envelopes.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(listening.envelopes.length).toBe(count);
      expect(listening.socket.readyState).toBe(WebSocket.OPEN);
    } finally {
      sandbox.stallStreams(false);
    }
    await waitFor(() => listening.envelopes.some((envelope, i) => i > 0 && envelope.type === 'alive'));
    const closed = new Promise<number>((resolve) => listening.socket.once('close', (code: number) => resolve(code)));
    sandbox.dropStreams();
    expect(await closed).toBe(1006);
  });
});

describe('TickTock REST', () => {
  it('tells a key its scopes on GET /v1/whoami', async () => {
    const full = (await (await fetch(`${sandbox.url}/v1/whoami?api_key=${sandbox.ticktockKey}`)).json()) as Record<string, unknown>;
    expect(full.stream_scopes).toEqual(['cs2:stream:matches', 'cs2:stream:markets', 'cs2:stream:scoreboard']);
    const markets = (await (await fetch(`${sandbox.url}/v1/whoami`, { headers: { 'x-api-key': MARKETS_ONLY } })).json()) as Record<string, unknown>;
    expect(markets).toMatchObject({ scopes: ['cs2:stream:markets'], stream_scopes: ['cs2:stream:markets'] });
    expect((await fetch(`${sandbox.url}/v1/whoami?api_key=nope`)).status).toBe(401);
  });

  it('mirrors match.* data on GET /cs2/v1/matches/{id}', async () => {
    const list = (await (await fetch(`${sandbox.url}/cs2/v1/matches?api_key=${sandbox.ticktockKey}`)).json()) as { id: string }[];
    expect(list.length).toBeGreaterThan(0);
    const one = await fetch(`${sandbox.url}/cs2/v1/matches/${list[0]!.id}?api_key=${sandbox.ticktockKey}`);
    expect(Object.keys((await one.json()) as object)).toEqual(Object.keys(list[0]!));
  });

  it('plays the same matches from the same seed', async () => {
    const ids = async (seed: string): Promise<string[]> => {
      const other = await startSandbox({ seed, historyMs: 0, games: ['stake-crash'] });
      try {
        const list = (await (await fetch(`${other.url}/cs2/v1/matches?api_key=${other.ticktockKey}`)).json()) as { id: string; team_a: unknown }[];
        return list.map((match) => `${match.id} ${JSON.stringify(match.team_a)}`);
      } finally {
        await other.close();
      }
    };
    const first = await ids('cs2-determinism');
    expect(first).toHaveLength(2);
    expect(await ids('cs2-determinism')).toEqual(first);
    expect(await ids('cs2-other')).not.toEqual(first);
  });

  it('leaves TrackerSino keys and TickTock keys apart', async () => {
    expect((await fetch(`${sandbox.url}/v1/whoami?api_key=${sandbox.key}`)).status).toBe(401);
    expect((await fetch(`${sandbox.url}/v1-beta/games`, { headers: { authorization: `Bearer ${sandbox.ticktockKey}` } })).status).toBe(401);
  });
});
