import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedSlugs } from '../../../src/sim/games/catalog';
import type { Sandbox } from '../../../src/sim/server';
import { HOUR_MS, fetchText, startFrozenSandbox, stopFrozenSandbox } from './frozen-sandbox';

// Every endpoint answers every game the sandbox runs, whatever its kind and raw payload.

let sandbox: Sandbox;
const games = simulatedSlugs();

beforeAll(async () => {
  sandbox = await startFrozenSandbox('all-games-spec', 6 * HOUR_MS, games);
});
afterAll(() => stopFrozenSandbox(sandbox));

const ENDPOINTS = [
  'summary',
  'spins?limit=5',
  'stats/biggest-wins',
  'stats/multiplier-distribution?window=6h',
  'stats/delays',
  'stats/frequency',
  'stats/streaks',
  'stats/hourly',
  'stats/rtp-empirical',
  'stats/rtp-detailed',
  'stats/currency-volume',
  'stats/recent-bets?limit=5',
  'crazytime/segments',
];

describe('every endpoint for every simulated game', () => {
  it('answers JSON, with segments only for wheel shows and distributions shaped by kind', async () => {
    const catalog = JSON.parse((await fetchText(sandbox, '/v1-beta/games')).text) as { id: string; kind: string }[];
    expect(catalog.map((game) => game.id)).toEqual(games);
    for (const { id, kind } of catalog) {
      for (const endpoint of ENDPOINTS) {
        const reply = await fetchText(sandbox, `/v1-beta/games/${id}/${endpoint}`);
        const expected = endpoint === 'crazytime/segments' && kind !== 'wheel-show' ? 404 : 200;
        expect(reply.status, `${id} ${endpoint}: ${reply.text.slice(0, 200)}`).toBe(expected);
        expect(() => JSON.parse(reply.text) as unknown).not.toThrow();
      }
      const distribution = JSON.parse((await fetchText(sandbox, `/v1-beta/games/${id}/stats/multiplier-distribution`)).text) as {
        shape: string;
      };
      expect(distribution.shape).toBe(kind === 'wheel-show' ? 'segments' : 'histogram');
      const rounds = sandbox.rounds(id);
      const round = rounds[rounds.length >> 1]!;
      const detail = await fetchText(sandbox, `/v1-beta/games/${id}/round/${encodeURIComponent(round.roundId)}`);
      expect(detail.text).toBe(round.json);
    }
  });
});
