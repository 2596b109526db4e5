import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox, SimRoundRecord } from '../../../src/sim/server';
import {
  HOUR_MS,
  fetchJson,
  fetchText,
  finalizedAt,
  inWindow,
  startFrozenSandbox,
  stopFrozenSandbox,
  units,
  unitsOfX,
} from './frozen-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startFrozenSandbox('delays-spec', 36 * HOUR_MS);
});
afterAll(() => stopFrozenSandbox(sandbox));

const DELAY_THRESHOLDS = [1.5, 2, 3, 5, 10, 20, 50, 100, 1000];

function lastAtOrAbove(records: readonly SimRoundRecord[], threshold: number): number {
  let position = records.length - 1;
  while (position >= 0 && units(records[position]!) < unitsOfX(threshold)) position--;
  return position;
}

describe('GET /v1-beta/games/{slug}/stats/delays', () => {
  it('lists every headline threshold with the seed example keys and lifetime counts', async () => {
    const reply = await fetchText(sandbox, '/v1-beta/games/stake-crash/stats/delays');
    expect(reply.status).toBe(200);
    const delays = JSON.parse(reply.text) as Record<string, unknown>[];
    const records = sandbox.rounds('stake-crash');
    expect(delays).toHaveLength(DELAY_THRESHOLDS.length);
    const indices = [...reply.text.matchAll(/"last_round_index":(\d+|null)/g)].map((match) => match[1]);
    DELAY_THRESHOLDS.forEach((threshold, t) => {
      const position = lastAtOrAbove(records, threshold);
      const hit = records[position];
      expect(Object.keys(delays[t]!)).toEqual([
        'threshold',
        'rounds_since',
        'last_round_index',
        'last_multiplier',
        'last_finalized_at',
        'lifetime_hits',
        'lifetime_rounds',
      ]);
      expect(delays[t]).toMatchObject({
        threshold: String(threshold),
        rounds_since: hit === undefined ? records.length : records.length - position,
        last_multiplier: hit?.multiplier ?? null,
        last_finalized_at: hit === undefined ? null : finalizedAt(hit),
        lifetime_hits: records.filter((record) => units(record) >= unitsOfX(threshold)).length,
        lifetime_rounds: records.length,
      });
      // The index is a bare integer beyond 2^53, exact in the text.
      expect(indices[t]).toBe(hit === undefined ? 'null' : hit.roundIndex.toString());
    });
  });

  it('works for a wheel show too, on its payout multiplier', async () => {
    const delays = await fetchJson<{ threshold: string; lifetime_hits: number }[]>(sandbox, '/v1-beta/games/crazytime/stats/delays');
    const records = sandbox.rounds('crazytime');
    expect(delays.map((delay) => delay.lifetime_hits)).toEqual(
      DELAY_THRESHOLDS.map((threshold) => records.filter((record) => units(record) >= unitsOfX(threshold)).length),
    );
  });
});

describe('GET /v1-beta/games/{slug}/stats/streaks', () => {
  it('gives the current run below each threshold and the window’s longest, with where it began', async () => {
    const reply = await fetchText(sandbox, '/v1-beta/games/stake-crash/stats/streaks?window=12h');
    const answer = JSON.parse(reply.text) as { window: string; rounds: number; streaks: Record<string, unknown>[] };
    const startIndices = [...reply.text.matchAll(/"longest_start_round_index":(\d+|null)/g)].map((match) => match[1]);
    const records = sandbox.rounds('stake-crash');
    const window = inWindow(records, 12 * HOUR_MS);
    expect(answer.window).toBe('12h');
    expect(answer.rounds).toBe(window.length);
    expect(answer.streaks.map((streak) => streak.threshold)).toEqual(['2', '3', '5', '10', '20', '50', '100']);
    answer.streaks.forEach((streak, s) => {
      const limit = unitsOfX(Number(streak.threshold));
      expect(streak.current_under_count).toBe(records.length - 1 - lastAtOrAbove(records, Number(streak.threshold)));
      let longest = 0;
      let longestStart: SimRoundRecord | null = null;
      let run = 0;
      window.forEach((record, i) => {
        run = units(record) < limit ? run + 1 : 0;
        if (run > longest) {
          longest = run;
          longestStart = window[i - run + 1]!;
        }
      });
      expect(streak.longest_under_in_window).toBe(longest);
      const start = longestStart as SimRoundRecord | null;
      expect(streak.longest_started_at).toBe(start === null ? null : finalizedAt(start));
      expect(startIndices[s]).toBe(start === null ? 'null' : start.roundIndex.toString());
    });
  });
});
