import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveEndpoints } from '../../../src/main/core/sources/trackersino/endpoints';
import { inlinePageParser } from '../../../src/main/core/sources/trackersino/page-parser';
import { TrackerSinoRest } from '../../../src/main/core/sources/trackersino/rest-client';
import { StatsEngine } from '../../../src/main/core/stats/stats-engine';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { catalogKind } from '../../../src/shared/games';
import { startSandbox, type Sandbox } from '../../../src/sim/server';
import { fetchJson, FROZEN_NOW_MS, HOUR_MS, UNLIMITED_KEY } from '../../sim/endpoints/frozen-sandbox';
import { useTempDir } from '../../support/temp-dir';

// The local bet figures against the sandbox's own /stats/rtp-empirical, /stats/rtp-detailed and
// /stats/currency-volume over the same bets. The sandbox's clock stands still and its crash
// rounds come slowly (speed 0.1, ~4 minutes a round), so one recent-bets answer of 1,000 bets
// holds every bet of its last five minutes, which both sides then sum.

const NOW_US = FROZEN_NOW_MS * 1000;
const GAME = 'stake-crash';

interface Totals {
  bets_count: number;
  volume: string;
  payout: string;
}

describe('bet figures agree with the sandbox\'s own endpoints', () => {
  let sandbox: Sandbox;
  let dir: ReturnType<typeof useTempDir>;
  let history: History;
  let engine: StatsEngine;
  let close: () => void;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FROZEN_NOW_MS);
    sandbox = await startSandbox({
      seed: 'bet-parity',
      epochMs: FROZEN_NOW_MS - 2 * HOUR_MS,
      speed: 0.1,
      games: [GAME],
      keys: [{ key: UNLIMITED_KEY, tier: 'enterprise', ratePerSecond: 1_000_000, burst: 1_000_000 }],
    });
    dir = useTempDir();
    const db = openDatabase(join(dir.path, 'history.sqlite'));
    history = new History(db, catalogKind);
    engine = new StatsEngine(db, history);
    close = () => db.close();
    const rest = new TrackerSinoRest(resolveEndpoints(sandbox.url), UNLIMITED_KEY, inlinePageParser);
    const snapshot = await rest.recentBets(GAME, 1_000);
    expect(snapshot.rejected).toEqual([]);
    history.recordBets(GAME, snapshot.rounds);
    // Twice: the second answer is the same bets and must add nothing.
    expect(history.recordBets(GAME, (await rest.recentBets(GAME, 1_000)).rounds).newBets).toBe(0);
  });
  afterAll(async () => {
    close();
    dir.remove();
    await sandbox.close();
    vi.useRealTimers();
  });

  it('every bet of the window was recorded (the comparison is over the same bets)', async () => {
    const sandboxTotals = await fetchJson<Totals>(sandbox, `/v1-beta/games/${GAME}/stats/rtp-empirical?window=5m`);
    expect(sandboxTotals.bets_count).toBeGreaterThan(100);
    expect(sandboxTotals.bets_count).toBeLessThan(1_000);
  });

  it('totals, per cash-out target and per currency', async () => {
    const empirical = await fetchJson<Totals & { ratio: string | null }>(sandbox, `/v1-beta/games/${GAME}/stats/rtp-empirical?window=5m`);
    const detailed = await fetchJson<{ targets: (Totals & { target_multiplier: string; win_rate: string | null; rtp: string | null })[] }>(
      sandbox,
      `/v1-beta/games/${GAME}/stats/rtp-detailed?window=5m`,
    );
    const currencies = await fetchJson<{ currencies: (Totals & { balance_type: string })[]; totals: Totals }>(
      sandbox,
      `/v1-beta/games/${GAME}/stats/currency-volume?window=5m`,
    );

    const panel = engine.gameStats({ game: GAME, window: '5m', nowUs: NOW_US, exactBetTargets: true }).bets!;
    expect(panel.totals.bets).toBe(empirical.bets_count);
    expect(panel.totals.volume.toFixed(2)).toBe(empirical.volume);
    expect(panel.totals.payout.toFixed(2)).toBe(empirical.payout);
    expect(panel.totals.rtp!.toFixed(4)).toBe(empirical.ratio);

    expect(
      panel.byTarget!.map((one) => ({
        target_multiplier: one.target.toFixed(2),
        bets_count: one.bets,
        volume: one.volume.toFixed(2),
        payout: one.payout.toFixed(2),
        win_rate: one.winRate!.toFixed(4),
        rtp: one.rtp === null ? null : one.rtp.toFixed(4),
      })),
    ).toEqual(detailed.targets);
    // The dashboard asks for bands only.
    expect(engine.gameStats({ game: GAME, window: '5m', nowUs: NOW_US }).bets!.byTarget).toBeNull();
    expect(panel.targets).toBe(detailed.targets.length);
    expect(panel.bands.reduce((sum, band) => sum + band.bets, 0)).toBe(empirical.bets_count);

    expect(panel.currencies.map((one) => ({ balance_type: one.currency, bets_count: one.bets, volume: one.volume.toFixed(2), payout: one.payout.toFixed(2) }))).toEqual(
      currencies.currencies,
    );
  });
});
