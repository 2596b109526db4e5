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
  rawOf,
  secondsIso,
  startFrozenSandbox,
  stopFrozenSandbox,
  units,
  unitsOfX,
} from './frozen-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startFrozenSandbox('window-stats-spec', 30 * HOUR_MS);
});
afterAll(() => stopFrozenSandbox(sandbox));

type Answer = Record<string, unknown>;

describe('GET /v1-beta/games/{slug}/stats/biggest-wins', () => {
  it('ranks the window’s rounds by total_amount × multiplier and reports the documented fields', async () => {
    for (const [game, amountKey, winnersKey] of [
      ['stake-crash', 'totalAmount', 'totalWinners'],
      ['crazytime', 'total_payout', 'total_winners'],
    ] as const) {
      const reply = await fetchText(sandbox, `/v1-beta/games/${game}/stats/biggest-wins?window=6h&limit=7`);
      const answer = JSON.parse(reply.text) as Answer & { wins: Answer[] };
      const expected = inWindow(sandbox.rounds(game), 6 * HOUR_MS)
        .map((record, position) => ({ record, position, key: (rawOf(record)[amountKey] as number) * units(record) }))
        .sort((a, b) => b.key - a.key || b.position - a.position)
        .slice(0, 7);
      expect(answer).toMatchObject({ game_id: game, window: '6h', ranked_by: 'total_amount_x_multiplier' });
      expect(answer.wins).toEqual(
        expected.map(({ record }) => ({
          round_index: Number(record.roundIndex),
          round_id: record.roundId,
          multiplier: record.multiplier,
          finalized_at: finalizedAt(record),
          segment: (rawOf(record).segment as string | undefined) ?? null,
          total_amount: String(rawOf(record)[amountKey]),
          total_winners: rawOf(record)[winnersKey],
        })),
      );
      const indices = [...reply.text.matchAll(/"round_index":(\d+)/g)].map((match) => BigInt(match[1]!));
      expect(indices).toEqual(expected.map(({ record }) => record.roundIndex));
    }
  });

  it('defaults to the 24 h window and 10 wins', async () => {
    const answer = await fetchJson<Answer & { wins: unknown[] }>(sandbox, '/v1-beta/games/stake-crash/stats/biggest-wins');
    expect(answer.window).toBe('24h');
    expect(answer.rounds).toBe(inWindow(sandbox.rounds('stake-crash'), 24 * HOUR_MS).length);
    expect(answer.wins).toHaveLength(10);
  });
});

describe('GET /v1-beta/games/{slug}/stats/multiplier-distribution', () => {
  it('gives crash games a log-binned histogram with theory, and the five statistics', async () => {
    const answer = await fetchJson<Answer & { bins: Answer[] }>(
      sandbox,
      '/v1-beta/games/stake-crash/stats/multiplier-distribution?window=24h',
    );
    const values = inWindow(sandbox.rounds('stake-crash'), 24 * HOUR_MS).map(units);
    const sorted = [...values].sort((a, b) => a - b);
    const edges = [1, 1.5, 2, 3, 5, 10, 20, 50, 100, 1000];
    expect(answer.shape).toBe('histogram');
    expect(answer.rounds).toBe(values.length);
    expect(answer.bins.map((bin) => [bin.from, bin.to])).toEqual(edges.map((edge, i) => [String(edge), edges[i + 1] === undefined ? null : String(edges[i + 1])]));
    answer.bins.forEach((bin, i) => {
      const low = unitsOfX(edges[i]!);
      const high = edges[i + 1] === undefined ? Infinity : unitsOfX(edges[i + 1]!);
      const count = values.filter((value) => value >= low && value < high).length;
      expect(bin.count).toBe(count);
      expect(bin.share).toBe((count / values.length).toFixed(6));
      const survival = (x: number): number => (x <= 1 ? 1 : Math.floor((0.99 * 2 ** 32) / x) / 2 ** 32);
      expect(Number(bin.theoretical_share)).toBeCloseTo(survival(edges[i]!) - (edges[i + 1] ? survival(edges[i + 1]!) : 0), 6);
    });
    expect(answer.median).toBe(quantile(sorted, 0.5));
    expect(answer.p95).toBe(quantile(sorted, 0.95));
    expect(answer.p99).toBe(quantile(sorted, 0.99));
    expect(unitsOfX(Number(answer.max))).toBe(sorted.at(-1));
    expect(Number(answer.mean)).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length / 10_000, 10);
  });

  it('gives wheel shows segment hit-rates instead, defaulting to a 1 h window', async () => {
    const answer = await fetchJson<Answer & { segments: Answer[] }>(sandbox, '/v1-beta/games/crazytime/stats/multiplier-distribution');
    const window = inWindow(sandbox.rounds('crazytime'), HOUR_MS);
    expect(answer).toMatchObject({ shape: 'segments', window: '1h', rounds: window.length });
    const hits = new Map<string, number>();
    for (const record of window) hits.set(rawOf(record).segment as string, (hits.get(rawOf(record).segment as string) ?? 0) + 1);
    expect(new Map(answer.segments.map((entry) => [entry.segment, entry.hits]))).toEqual(hits);
    expect(answer.segments.every((entry) => entry.share === ((entry.hits as number) / window.length).toFixed(6))).toBe(true);
  });
});

describe('GET /v1-beta/games/{slug}/stats/frequency', () => {
  const THRESHOLDS = [1.5, 2, 3, 5, 10, 20, 50, 100, 1000];

  it('compares observed hit rates with the game’s own law, in percent and percentage points', async () => {
    const answer = await fetchJson<Answer & { thresholds: Answer[] }>(sandbox, '/v1-beta/games/stake-crash/stats/frequency');
    const values = inWindow(sandbox.rounds('stake-crash'), 24 * HOUR_MS).map(units);
    expect(answer).toMatchObject({ window: '24h', rounds: values.length, house_edge: '0.01' });
    answer.thresholds.forEach((row, t) => {
      const x = THRESHOLDS[t]!;
      const hits = values.filter((value) => value >= unitsOfX(x)).length;
      const observed = (hits / values.length) * 100;
      const theoretical = (Math.floor((0.99 * 2 ** 32) / x) / 2 ** 32) * 100;
      expect(row).toEqual({
        threshold: String(x),
        hits,
        observed_pct: observed.toFixed(4),
        theoretical_pct: theoretical.toFixed(4),
        delta_pp: (observed - theoretical).toFixed(4),
      });
    });
  });

  it('uses the fair baseline (1 − e)/x when house_edge is given, and no theory for wheel shows', async () => {
    const answer = await fetchJson<Answer & { thresholds: Answer[] }>(
      sandbox,
      '/v1-beta/games/stake-crash/stats/frequency?window=6h&house_edge=0.05',
    );
    expect(answer.house_edge).toBe('0.05');
    expect(answer.thresholds.map((row) => row.theoretical_pct)).toEqual(THRESHOLDS.map((x) => ((0.95 / x) * 100).toFixed(4)));
    const wheel = await fetchJson<Answer & { thresholds: Answer[] }>(sandbox, '/v1-beta/games/crazytime/stats/frequency');
    expect(wheel.thresholds.every((row) => row.theoretical_pct === null && row.delta_pp === null)).toBe(true);
  });
});

describe('GET /v1-beta/games/{slug}/stats/hourly', () => {
  it('buckets the window by UTC hour, oldest first, with count, mean, max, p95 and hits', async () => {
    const answer = await fetchJson<Answer & { hours: Answer[] }>(sandbox, '/v1-beta/games/stake-crash/stats/hourly?window=6h');
    const window = inWindow(sandbox.rounds('stake-crash'), 6 * HOUR_MS);
    const firstHour = Math.floor((FROZEN_NOW_MS - 6 * HOUR_MS) / HOUR_MS) * HOUR_MS;
    expect(answer.hours).toHaveLength(7);
    answer.hours.forEach((bucket, h) => {
      const start = firstHour + h * HOUR_MS;
      const values = window.filter((record) => record.finalizedAtMs >= start && record.finalizedAtMs < start + HOUR_MS).map(units);
      const sorted = [...values].sort((a, b) => a - b);
      expect(bucket.hour).toBe(secondsIso(start));
      expect(bucket.count).toBe(values.length);
      expect(Number(bucket.mean)).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length / 10_000, 10);
      expect(bucket.max).toBe((sorted.at(-1)! / 10_000).toFixed(4));
      expect(bucket.p95).toBe(quantile(sorted, 0.95));
      expect([bucket.hits_2x, bucket.hits_10x, bucket.hits_50x]).toEqual(
        [2, 10, 50].map((x) => values.filter((value) => value >= unitsOfX(x)).length),
      );
    });
  });
});
