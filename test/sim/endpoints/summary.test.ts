import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/server';
import {
  FROZEN_NOW_MS,
  HOUR_MS,
  fetchJson,
  fetchText,
  finalizedAt,
  inWindow,
  quantile,
  startFrozenSandbox,
  stopFrozenSandbox,
  units,
  unitsOfX,
} from './frozen-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startFrozenSandbox('summary-spec', 30 * HOUR_MS);
});
afterAll(() => stopFrozenSandbox(sandbox));

type Summary = Record<string, unknown> & {
  counts: Record<string, number>;
  multiplier_24h: Record<string, string>;
  delays: Record<string, unknown>[];
};

describe('GET /v1-beta/games/{slug}/summary', () => {
  it('answers exactly the seed example fields, in its order, with the newest round in full', async () => {
    for (const game of ['stake-crash', 'crazytime']) {
      const reply = await fetchText(sandbox, `/v1-beta/games/${game}/summary`);
      expect(reply.status).toBe(200);
      const summary = JSON.parse(reply.text) as Summary;
      expect(Object.keys(summary)).toEqual([
        'game_id',
        'name',
        'provider',
        'kind',
        'rounds_total',
        'last_round',
        'last_finalized_index',
        'last_finalized_multiplier',
        'last_finalized_at',
        'last_observed_at',
        'counts',
        'multiplier_24h',
        'delays',
        'generated_at',
      ]);
      expect(Object.keys(summary.counts)).toEqual(['last_5m', 'last_15m', 'last_1h', 'last_24h']);
      expect(Object.keys(summary.multiplier_24h)).toEqual(['window', 'mean', 'median', 'p95', 'max']);
      expect(summary.delays.map((delay) => Object.keys(delay))).toEqual(
        Array(4).fill(['threshold', 'rounds_since', 'last_multiplier', 'last_finalized_at']),
      );
      const records = sandbox.rounds(game);
      const last = records.at(-1)!;
      expect(reply.text).toContain(`"last_round":${last.json},"last_finalized_index":${last.roundIndex},`);
      if (game === 'stake-crash') expect(last.roundIndex).toBeGreaterThan(2n ** 53n);
      expect(summary.rounds_total).toBe(records.length);
      expect(summary.last_finalized_multiplier).toBe(last.multiplier);
      expect(summary.last_finalized_at).toBe(finalizedAt(last));
      expect(summary.last_observed_at).toBe((JSON.parse(last.json) as { observed_at: string }).observed_at);
      expect(summary.generated_at).toBe('2026-06-01T12:20:57.684000Z');
    }
  });

  it('counts rounds per rolling window and shapes the 24 h multipliers as a recomputation does', async () => {
    const summary = await fetchJson<Summary>(sandbox, '/v1-beta/games/stake-crash/summary');
    const records = sandbox.rounds('stake-crash');
    expect(summary.counts).toEqual({
      last_5m: inWindow(records, 5 * 60_000).length,
      last_15m: inWindow(records, 15 * 60_000).length,
      last_1h: inWindow(records, HOUR_MS).length,
      last_24h: inWindow(records, 24 * HOUR_MS).length,
    });
    const day = inWindow(records, 24 * HOUR_MS).map(units);
    const sorted = [...day].sort((a, b) => a - b);
    const mean = day.reduce((sum, value) => sum + value, 0) / day.length / 10_000;
    expect(summary.multiplier_24h.window).toBe('24h');
    expect(Number(summary.multiplier_24h.mean)).toBeCloseTo(mean, 10);
    expect(summary.multiplier_24h.mean).toMatch(/^\d+\.\d{4,16}$/);
    expect(summary.multiplier_24h.median).toBe(quantile(sorted, 0.5));
    expect(summary.multiplier_24h.p95).toBe(quantile(sorted, 0.95));
    expect(unitsOfX(Number(summary.multiplier_24h.max))).toBe(sorted.at(-1));
    expect(summary.multiplier_24h.max).toMatch(/^\d+\.\d{4}$/);
  });

  it('heads the delay table with rounds since the last 2x/10x/50x/100x, counting the hit itself', async () => {
    const summary = await fetchJson<Summary>(sandbox, '/v1-beta/games/stake-crash/summary');
    const records = sandbox.rounds('stake-crash');
    expect(summary.delays).toEqual(
      [2, 10, 50, 100].map((threshold) => {
        let position = records.length - 1;
        while (position >= 0 && units(records[position]!) < unitsOfX(threshold)) position--;
        const hit = records[position];
        return {
          threshold: String(threshold),
          rounds_since: hit === undefined ? records.length : records.length - position,
          last_multiplier: hit?.multiplier ?? null,
          last_finalized_at: hit === undefined ? null : finalizedAt(hit),
        };
      }),
    );
    expect(FROZEN_NOW_MS).toBe(Date.now());
  });
});
