import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sim/server';
import { errorBody, get, roundIndices } from './sandbox-client';

const ROW_KEYS = [
  'round_index',
  'round_id',
  'multiplier',
  'random_number',
  'state',
  'time_spin_stop',
  'finalized_at',
  'observed_at',
  'raw',
];
const WHOLE_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MICROSECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type Row = Record<string, unknown> & { raw: Record<string, unknown> };

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'rest-spec', historyMs: 60 * 60_000, speed: 10 });
});
afterAll(() => sandbox.close());

describe('GET /v1-beta/games', () => {
  it('lists both games with the fields of the seed example, newest index as an exact bare integer', async () => {
    const reply = await get(sandbox, '/v1-beta/games');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('application/json');
    const catalog = JSON.parse(reply.text) as Record<string, unknown>[];
    expect(catalog.map((game) => [game.id, game.name, game.provider, game.kind, game.enabled])).toEqual([
      ['stake-crash', 'Crash', 'Stake', 'crash', true],
      ['crazytime', 'Crazy Time', 'Evolution', 'wheel-show', true],
    ]);
    for (const game of catalog) {
      expect(Object.keys(game)).toEqual([
        'id',
        'name',
        'provider',
        'kind',
        'enabled',
        'rounds_total',
        'last_observed_at',
        'last_finalized_index',
        'last_finalized_multiplier',
      ]);
      expect(game.last_observed_at).toMatch(MICROSECONDS);
      expect(game.last_finalized_multiplier).toMatch(/^\d+\.\d{4}$/);
    }
    const [crashIndex, wheelIndex] = [...reply.text.matchAll(/"last_finalized_index":(\d+)/g)].map((m) => BigInt(m[1] ?? ''));
    expect(crashIndex).toBeGreaterThan(2n ** 53n);
    // Rounds keep finishing while the test runs: the answer is within the history seen around it.
    const crashRounds = sandbox.rounds('stake-crash');
    expect(crashRounds.some((round) => round.roundIndex === crashIndex)).toBe(true);
    expect(sandbox.rounds('crazytime').some((round) => round.roundIndex === wheelIndex)).toBe(true);
  });
});

describe('GET /v1-beta/games/{slug}/rounds', () => {
  it('serves stake-crash rows in the seed shape, latest first, with exact round_index text', async () => {
    const reply = await get(sandbox, '/v1-beta/games/stake-crash/rounds?limit=50');
    expect(reply.status).toBe(200);
    const rows = JSON.parse(reply.text) as Row[];
    expect(rows).toHaveLength(50);
    const indices = roundIndices(reply.text);
    indices.forEach((index, i) => i > 0 && expect(index).toBe((indices[i - 1] ?? 0n) - 1n));
    const records = sandbox.rounds('stake-crash');
    const byIndex = new Map(records.map((record) => [record.roundIndex, record.json]));
    expect(reply.text).toBe(`[${indices.map((index) => byIndex.get(index)).join(',')}]`);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(ROW_KEYS);
      expect(row.round_id).toMatch(/^[0-9a-f]{24}$/);
      expect(row.multiplier).toMatch(/^\d+\.\d{4}$/);
      expect(row.random_number).toBeNull();
      expect(row.state).toBe('finalized');
      expect(row.finalized_at).toMatch(WHOLE_SECONDS);
      expect(row.time_spin_stop).toBe(row.finalized_at);
      expect(row.observed_at).toMatch(MICROSECONDS);
      expect(Object.keys(row.raw)).toEqual([
        'result',
        'source',
        'round_id',
        'settledAt',
        'startedAt',
        'totalAmount',
        'bettorsCount',
        'totalWinners',
        'totalBetAmount',
      ]);
      expect(Object.keys(row.raw.result as object)).toEqual(['rtp', 'maxMultiplier', 'roundDuration']);
      expect(row.raw.round_id).toBe(row.round_id);
      expect(row.raw.settledAt).toBe(row.finalized_at);
      expect(row.raw.source).toBe('casino.org');
    }
  });

  it('serves crazytime rows with segment, top slot and bonus details', async () => {
    const reply = await get(sandbox, '/v1-beta/games/crazytime/rounds?limit=1000');
    const rows = JSON.parse(reply.text) as Row[];
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(ROW_KEYS);
      expect(row.round_id).toMatch(/^[A-Za-z0-9_-]{12}$/);
      expect(Object.keys(row.raw)).toEqual([
        'result',
        'source',
        'segment',
        'slot_result',
        'slot_multiplier',
        'total_payout',
        'total_winners',
        'is_top_slot_matched',
        'bonus_data',
      ]);
      const segment = row.raw.segment as string;
      if (segment.startsWith('n')) {
        const value = Number(segment.slice(1));
        expect(row.random_number).toBe(value);
        expect(row.raw.bonus_data).toBeNull();
        const boost = row.raw.is_top_slot_matched ? (row.raw.slot_multiplier as number) : 1;
        expect(row.multiplier).toBe(`${value * boost}.0000`);
      } else {
        expect(['coinflip', 'cashhunt', 'pachinko', 'crazytime']).toContain(segment);
        expect(row.random_number).toBeNull();
        expect(row.raw.bonus_data).toBeTypeOf('object');
      }
    }
  });

  it('honours limit: 100 by default and up to 1000', async () => {
    const byDefault = JSON.parse((await get(sandbox, '/v1-beta/games/stake-crash/rounds')).text) as unknown[];
    expect(byDefault).toHaveLength(100);
    const most = JSON.parse((await get(sandbox, '/v1-beta/games/stake-crash/rounds?limit=1000')).text) as unknown[];
    expect(most).toHaveLength(Math.min(1000, sandbox.rounds('stake-crash').length));
  });

  it('with only_finalized=false puts the round in play on top', async () => {
    const reply = await get(sandbox, '/v1-beta/games/crazytime/rounds?only_finalized=false&limit=2');
    const [running, newest] = JSON.parse(reply.text) as Row[];
    expect(running?.state).toBe('spinning');
    expect(newest?.state).toBe('finalized');
    const [runningIndex, newestIndex] = roundIndices(reply.text);
    expect(runningIndex).toBe((newestIndex ?? 0n) + 1n);
  });
});

describe('GET /v1-beta/games/{slug}/rounds/latest', () => {
  it('returns the newest finalised row as an object', async () => {
    const reply = await get(sandbox, '/v1-beta/games/stake-crash/rounds/latest');
    expect(reply.status).toBe(200);
    const records = sandbox.rounds('stake-crash');
    expect(records.slice(-2).map((record) => record.json)).toContain(reply.text);
  });

  it('with only_finalized=false returns the round in play, outcome withheld', async () => {
    const reply = await get(sandbox, '/v1-beta/games/stake-crash/rounds/latest?only_finalized=false');
    const row = JSON.parse(reply.text) as Row;
    expect(Object.keys(row)).toEqual(ROW_KEYS);
    expect(row).toMatchObject({ state: 'running', multiplier: null, finalized_at: null, time_spin_stop: null, raw: null });
    expect(row.observed_at).toMatch(MICROSECONDS);
    const last = sandbox.rounds('stake-crash').at(-1);
    expect(roundIndices(reply.text)[0]).toBeGreaterThan(last?.roundIndex ?? 0n);
  });
});

describe('errors', () => {
  it('answers a missing or wrong key with 401 and a JSON body', async () => {
    for (const key of [null, 'ts_sandbox_wrong', `${sandbox.key}x`]) {
      const reply = await get(sandbox, '/v1-beta/games', { key });
      expect(reply.status).toBe(401);
      expect(reply.contentType).toBe('application/json');
      expect(errorBody(reply).error).toBe('unauthorized');
      expect(errorBody(reply).message).toMatch(/key/);
    }
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=99999999999999999999999', 'limit'],
    ['window=2m', 'window'],
    ['since=garbage', 'since'],
    ['since=2026-02-30T00:00:00Z', 'since'],
    ['since=2026-06-01T12:00:00', 'since'],
    ['since_minutes=0', 'since_minutes'],
    ['since_minutes=-5', 'since_minutes'],
    ['before_index=abc', 'before_index'],
    ['before_index=1.5', 'before_index'],
    ['only_finalized=yes', 'only_finalized'],
    ['limit=%ZZ', 'limit'],
    ['limit=5&limit=6', 'limit'],
  ])('answers %s with 400 naming the parameter', async (query, parameter) => {
    const reply = await get(sandbox, `/v1-beta/games/stake-crash/rounds?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.contentType).toBe('application/json');
    expect(errorBody(reply).error).toBe('bad_request');
    expect(errorBody(reply).message).toContain(`"${parameter}"`);
  });

  it('answers an unknown game with 404 game_not_found and an unknown path with 404 not_found', async () => {
    for (const slug of ['nope', 'duel-crash', 'roobet-crash']) {
      const reply = await get(sandbox, `/v1-beta/games/${slug}/rounds`);
      expect(reply.status).toBe(404);
      expect(errorBody(reply).error).toBe('game_not_found');
    }
    for (const path of ['/v1-beta/nothing', '/v2/games', '/v1-beta/games/stake-crash/stats/unknown', '/']) {
      const reply = await get(sandbox, path);
      expect(reply.status).toBe(404);
      expect(errorBody(reply).error).toBe('not_found');
    }
  });

  it('answers other methods with 405', async () => {
    const reply = await get(sandbox, '/v1-beta/games', { method: 'POST' });
    expect(reply.status).toBe(405);
    expect(errorBody(reply).error).toBe('method_not_allowed');
  });

  it('survives fuzzy query strings and still answers', async () => {
    const queries = [
      '?',
      '?&&&',
      '?=',
      '?=5',
      '?limit',
      '?limit=',
      '?%',
      '?%E0%A4%A=1',
      '?since=%2B',
      '?since=2026-06-01T12:00:00.123456789012345Z',
      '?since=9999-12-31T23:59:59+23:59',
      '?since=0000-01-01T00:00:00Z',
      `?before_index=${'9'.repeat(400)}`,
      `?before_index=-${'9'.repeat(40)}`,
      `?since_minutes=${'9'.repeat(400)}`,
      '?window=5m&since_minutes=1&since=2000-01-01T00:00:00Z&limit=1000&only_finalized=false',
      '?unknown=%FF%FE',
      '?limit=1e3',
      '?limit=+5',
      '?limit=0x10',
    ];
    for (const query of queries) {
      const reply = await get(sandbox, `/v1-beta/games/crazytime/rounds${query}`);
      expect([200, 400], query).toContain(reply.status);
      expect(() => JSON.parse(reply.text), query).not.toThrow();
    }
    const paths = ['/v1-beta/games/%ZZ/rounds', '/v1-beta/games/%00/rounds', '//v1-beta//games//', '/v1-beta/games/crazytime/rounds/latest/extra'];
    for (const path of paths) {
      const reply = await get(sandbox, path);
      expect([200, 400, 404], path).toContain(reply.status);
      expect(() => JSON.parse(reply.text), path).not.toThrow();
    }
    expect((await get(sandbox, '/v1-beta/games')).status).toBe(200);
  });
});

describe('start-up options', () => {
  it('refuses a game the sandbox cannot run', async () => {
    await expect(startSandbox({ games: ['stake-crash', 'not-a-game'] })).rejects.toThrow(/not-a-game/);
  });

  it('before round 0 finishes, the catalog shows no rounds and latest answers 404', async () => {
    const early = await startSandbox({ games: ['crazytime'], epochMs: Date.now() + 60 * 60_000 });
    try {
      const catalog = await get(early, '/v1-beta/games');
      expect(catalog.text).toContain('"rounds_total":0,"last_observed_at":null,"last_finalized_index":null');
      expect((await get(early, '/v1-beta/games/crazytime/rounds')).text).toBe('[]');
      const latest = await get(early, '/v1-beta/games/crazytime/rounds/latest');
      expect(latest.status).toBe(404);
      expect(errorBody(latest).error).toBe('round_not_found');
      const running = await get(early, '/v1-beta/games/crazytime/rounds/latest?only_finalized=false');
      expect(roundIndices(running.text)).toEqual([46_639_897_866_000_000n]);
    } finally {
      await early.close();
    }
  });
});
