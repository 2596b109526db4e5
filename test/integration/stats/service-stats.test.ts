import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundlog, type RoundlogCore } from '../../../src/main/core/compose';
import { dispatchRequest } from '../../../src/main/core/dispatch';
import { exactFigures } from '../../../src/main/core/stats/exact/exact-figures';
import { lawOf } from '../../../src/main/core/stats/multiplier-law';
import { startSandbox, type Sandbox } from '../../../src/sim/server';
import { gameStatsSchema } from '../../../src/shared/stats/game-stats';
import { builtExactStatsWorker, builtPageParseWorker } from '../../support/built-worker';
import { useTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

// The statistics as a window or `roundlog serve` asks for them: through the contract, validated
// at the boundary, with exact figures computed on the built worker thread.

describe('statistics through the contract', () => {
  let dir: ReturnType<typeof useTempDir>;
  let sandbox: Sandbox;
  let core: RoundlogCore;

  // One recorded history serves every test: they only read it.
  beforeAll(async () => {
    dir = useTempDir();
    sandbox = await startSandbox({ seed: 'service-stats', speed: 60, historyMs: 6 * 3_600_000, games: ['stake-crash', 'crazytime'] });
    core = await startRoundlog(
      {
        dataDir: dir.path,
        upstream: { baseUrl: sandbox.url, apiKey: sandbox.key },
        games: ['stake-crash', 'crazytime'],
        historyDepthMs: 24 * 3_600_000,
        tier: 'auto',
        pingIntervalMs: 25_000,
      },
      { pageParseWorker: builtPageParseWorker(), exactStatsWorker: builtExactStatsWorker() },
    );
    await waitFor(
      async () => (await core.service.getStatus({})).games.every((game) => game.completeness.depthReached && game.roundsStored > 100),
      () => 'the sandbox history to be recorded',
      30_000,
    );
  });
  afterAll(async () => {
    await core.close();
    await sandbox.close();
    dir.remove();
  });

  it('answers every panel of a crash game and a wheel show, in the contract\'s shape', async () => {
    for (const game of ['stake-crash', 'crazytime']) {
      const result = await dispatchRequest(core.service, 'getGameStats', { game, window: '6h', houseEdge: null });
      expect(result.ok).toBe(true);
      const stats = gameStatsSchema.parse(result.ok ? result.output : null);
      expect(stats.multiplier.window.rounds).toBeGreaterThan(100);
      expect(stats.wheel === null).toBe(game === 'stake-crash');
    }
    const summary = await core.service.getStatsSummary({ game: 'stake-crash' });
    expect(summary.roundsTotal).toBe((await core.service.getStatus({})).games.find((g) => g.game === 'stake-crash')!.roundsStored);
  });

  it('refuses a bad window or house edge at the boundary, and names an unknown game in words', async () => {
    const badWindow = await dispatchRequest(core.service, 'getGameStats', { game: 'stake-crash', window: '2h', houseEdge: null });
    expect(badWindow).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badEdge = await dispatchRequest(core.service, 'getGameStats', { game: 'stake-crash', window: '1h', houseEdge: 1.5 });
    expect(badEdge).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await dispatchRequest(core.service, 'getGameStats', { game: 'monopolylive', window: '1h', houseEdge: null });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_game', message: expect.stringContaining('monopolylive') } });
  });

  it('computes exact percentiles and KS on the worker, equal to the same figures computed here', async () => {
    const exact = await core.service.getExactStats({ game: 'stake-crash', window: 'all', job: 'a' });
    const db = new BetterSqlite3(core.databaseFile, { readonly: true });
    const values = db
      .prepare("SELECT multiplier_value FROM rounds r JOIN games g ON g.id = r.game_id WHERE g.slug = 'stake-crash'")
      .pluck()
      .all() as number[];
    db.close();
    expect(exact.window.rounds).toBeGreaterThanOrEqual(values.length - 5);
    const here = exactFigures(Float64Array.from(values).sort(), lawOf({ slug: 'stake-crash', kind: 'crash' }, null));
    expect(exact.median).toBeCloseTo(here.median!, 2);
    expect(exact.ks).not.toBeNull();
  });

  it('cancels an exact job when a newer one of the same name starts, or when asked', async () => {
    const first = dispatchRequest(core.service, 'getExactStats', { game: 'stake-crash', window: 'all', job: 'panel' });
    const second = dispatchRequest(core.service, 'getExactStats', { game: 'stake-crash', window: '24h', job: 'panel' });
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await second).toMatchObject({ ok: true });
    const third = dispatchRequest(core.service, 'getExactStats', { game: 'stake-crash', window: 'all', job: 'other' });
    await core.service.cancelExactStats({ job: 'other' });
    expect(await third).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});
