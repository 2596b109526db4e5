import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/server';
import { HOUR_MS, fetchText, startFrozenSandbox, stopFrozenSandbox } from './frozen-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startFrozenSandbox('parameters-spec', 2 * HOUR_MS);
});
afterAll(() => stopFrozenSandbox(sandbox));

const WINDOWED = [
  'spins',
  'stats/biggest-wins',
  'stats/multiplier-distribution',
  'stats/frequency',
  'stats/streaks',
  'stats/hourly',
  'stats/rtp-empirical',
  'stats/rtp-detailed',
  'stats/currency-volume',
  'crazytime/segments',
];
const LIMITED: readonly [string, number][] = [
  ['spins', 1000],
  ['stats/biggest-wins', 100],
  ['stats/recent-bets', 1000],
];
const PRESETS = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '24h', '72h', '7d', '30d'];

async function expectBadRequest(path: string, parameter: string): Promise<void> {
  const reply = await fetchText(sandbox, path);
  expect(reply.status, path).toBe(400);
  const body = JSON.parse(reply.text) as { error: string; message: string };
  expect(body.error).toBe('bad_request');
  expect(body.message).toContain(`"${parameter}"`);
}

describe('parameters of the game endpoints', () => {
  it('accepts every documented window preset', async () => {
    for (const endpoint of WINDOWED) {
      for (const preset of PRESETS) {
        const reply = await fetchText(sandbox, `/v1-beta/games/crazytime/${endpoint}?window=${preset}`);
        expect(reply.status, `${endpoint} ${preset}`).toBe(200);
      }
    }
  });

  it('answers 400 bad_request naming the parameter for a bad window, limit or house_edge', async () => {
    for (const endpoint of WINDOWED) {
      for (const window of ['2h', '', '24H', '1d']) {
        await expectBadRequest(`/v1-beta/games/crazytime/${endpoint}?window=${window}`, 'window');
      }
    }
    for (const [endpoint, max] of LIMITED) {
      for (const limit of ['0', '-1', 'ten', '1.5', String(max + 1), '']) {
        await expectBadRequest(`/v1-beta/games/stake-crash/${endpoint}?limit=${limit}`, 'limit');
      }
      expect((await fetchText(sandbox, `/v1-beta/games/stake-crash/${endpoint}?limit=${max}`)).status).toBe(200);
    }
    for (const edge of ['1', '-0.01', 'abc', '1%', '']) {
      await expectBadRequest(`/v1-beta/games/stake-crash/stats/frequency?house_edge=${edge}`, 'house_edge');
    }
    await expectBadRequest('/v1-beta/games/stake-crash/stats/hourly?window=24h&window=1h', 'window');
  });

  it('answers 404 game_not_found for an unknown slug on every endpoint', async () => {
    for (const endpoint of [...WINDOWED, 'summary', 'stats/delays', 'stats/recent-bets', 'round/abc']) {
      const reply = await fetchText(sandbox, `/v1-beta/games/not-a-game/${endpoint}`);
      expect(reply.status, endpoint).toBe(404);
      expect(JSON.parse(reply.text)).toMatchObject({ error: 'game_not_found' });
    }
  });

  it('answers 404 not_found for paths that are not endpoints', async () => {
    for (const path of [
      '/v1-beta/games/stake-crash/stats',
      '/v1-beta/games/stake-crash/stats/nope',
      '/v1-beta/games/stake-crash/summary/extra',
      '/v1-beta/games/stake-crash/round',
      '/v1-beta/games/stake-crash/round/a/b',
      '/v1-beta/games/stake-crash/crazytime',
      '/v1-beta/stats/delays',
    ]) {
      const reply = await fetchText(sandbox, path);
      expect(reply.status, path).toBe(404);
      expect(JSON.parse(reply.text)).toMatchObject({ error: 'not_found' });
    }
  });

  it('still asks for the key first', async () => {
    const response = await fetch(`${sandbox.url}/v1-beta/games/stake-crash/summary`);
    expect(response.status).toBe(401);
  });
});
