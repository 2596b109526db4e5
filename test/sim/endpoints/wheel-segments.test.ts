import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/server';
import {
  HOUR_MS,
  fetchJson,
  fetchText,
  finalizedAt,
  inWindow,
  rawOf,
  units,
  startFrozenSandbox,
  stopFrozenSandbox,
} from './frozen-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startFrozenSandbox('segments-spec', 48 * HOUR_MS);
});
afterAll(() => stopFrozenSandbox(sandbox));

const CRAZY_TIME: Record<string, number> = { n1: 21, n2: 13, n5: 7, n10: 4, coinflip: 4, cashhunt: 2, pachinko: 2, crazytime: 1 };

describe('GET /v1-beta/games/{slug}/crazytime/segments', () => {
  it('breaks the window down per segment: hits, observed vs theoretical %, spins since, mean multiplier, last hit', async () => {
    const reply = await fetchText(sandbox, '/v1-beta/games/crazytime/crazytime/segments?window=12h');
    expect(reply.status).toBe(200);
    const answer = JSON.parse(reply.text) as { window: string; rounds: number; segments: Record<string, unknown>[] };
    const records = sandbox.rounds('crazytime');
    const window = inWindow(records, 12 * HOUR_MS);
    expect(answer).toMatchObject({ window: '12h', rounds: window.length });
    expect(answer.segments.map((row) => row.segment)).toEqual(Object.keys(CRAZY_TIME));
    const lastIndices = [...reply.text.matchAll(/"last_hit_round_index":(\d+|null)/g)].map((match) => match[1]);
    answer.segments.forEach((row, s) => {
      const code = row.segment as string;
      const hits = window.filter((record) => rawOf(record).segment === code);
      let last = records.length - 1;
      while (last >= 0 && rawOf(records[last]!).segment !== code) last--;
      const mean = hits.reduce((sum, record) => sum + units(record), 0) / hits.length / 10_000;
      expect(row).toMatchObject({
        hits: hits.length,
        observed_pct: ((hits.length / window.length) * 100).toFixed(4),
        theoretical_pct: ((CRAZY_TIME[code]! / 54) * 100).toFixed(4),
        spins_since: last < 0 ? null : records.length - 1 - last,
        last_hit_multiplier: last < 0 ? null : records[last]!.multiplier,
        last_hit_at: last < 0 ? null : finalizedAt(records[last]!),
      });
      expect(Number(row.avg_multiplier)).toBeCloseTo(mean, 10);
      expect(lastIndices[s]).toBe(last < 0 ? 'null' : records[last]!.roundIndex.toString());
    });
  });

  it('answers 404 not_found for a game that is not a wheel show', async () => {
    const reply = await fetchText(sandbox, '/v1-beta/games/stake-crash/crazytime/segments');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.text)).toMatchObject({ error: 'not_found' });
    expect((await fetchJson<{ window: string }>(sandbox, '/v1-beta/games/crazytime/crazytime/segments')).window).toBe('24h');
  });
});
