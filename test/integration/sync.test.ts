import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRoundlog, type ComposeOptions, type RoundlogCore } from '../../src/main/core/compose';
import type { RoundlogConfig } from '../../src/main/core/config';
import type { GameStatus } from '../../src/shared/contract';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sim/server';
import { expectCompleteHistory } from '../support/complete-history';
import { queryHistory, readHistory } from '../support/history';
import { useTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

// The sync engine against the sandbox over real sockets: tiers, budgets, deep backfill, gaps and
// bad data. Every test ends by comparing the history with the sandbox's record of its rounds.

const PING_MS = 150;

describe('the sync engine', () => {
  let dir: ReturnType<typeof useTempDir>;
  let sandbox: Sandbox | null = null;
  let core: RoundlogCore | null = null;

  beforeEach(() => {
    dir = useTempDir();
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await sandbox?.close();
    sandbox = null;
    dir.remove();
  });

  async function sandboxWith(options: SandboxOptions): Promise<Sandbox> {
    sandbox = await startSandbox({ seed: 'sync-test', speed: 60, historyMs: 4 * 60_000, pingIntervalMs: PING_MS, ...options });
    return sandbox;
  }

  function config(games: readonly string[], overrides: Partial<RoundlogConfig> = {}): RoundlogConfig {
    return {
      dataDir: dir.path,
      upstream: { baseUrl: sandbox!.url, apiKey: sandbox!.key },
      games,
      historyDepthMs: 24 * 3_600_000,
      tier: 'auto',
      pingIntervalMs: PING_MS,
      ...overrides,
    };
  }

  /** No overlap, so a span that claims a round it never stored leaves a hole and the test fails. */
  async function start(games: readonly string[], overrides: Partial<RoundlogConfig> = {}, options: ComposeOptions = {}): Promise<RoundlogCore> {
    core = await startRoundlog(config(games, overrides), { recorder: { overlapMs: 0, pageSize: 100, restLagMs: 300 }, ...options });
    return core;
  }

  async function gameStatus(game: string): Promise<GameStatus> {
    const status = await core!.service.getStatus({});
    return status.games.find((g) => g.game === game)!;
  }

  const statuses = (): number[] => sandbox!.requests().map((request) => request.status);

  it('tracks a Starter key by polling inside its budget, never meeting a 429, and reports the commit delay', async () => {
    const games = ['stake-crash', 'crazytime', 'slide'];
    await sandboxWith({ games, keyTier: 'starter' });
    await start(games);
    await waitFor(async () => (await core!.service.getStatus({})).sync.live === 'polling', () => 'polling');
    const before = sandbox!.rounds('stake-crash').length;
    await waitFor(() => sandbox!.rounds('stake-crash').length > before + 5, () => 'new rounds', 20_000);
    await waitFor(async () => ((await gameStatus('stake-crash')).commitDelayMs?.rounds ?? 0) >= 3, () => 'commit delays measured', 20_000);
    await expectCompleteHistory(core!, sandbox!, games);

    const status = await core!.service.getStatus({});
    expect(status.sync).toMatchObject({ tier: 'starter', tierSource: 'detected', live: 'polling', rateLimitedCount: 0 });
    expect(status.sync.requestsPerSecond).toBeLessThanOrEqual(5);
    const delay = (await gameStatus('stake-crash')).commitDelayMs!;
    expect(delay.p50).toBeGreaterThanOrEqual(0);
    expect(delay.p95).toBeLessThan(15_000);
    expect(statuses()).not.toContain(429);
    // The stream was asked for once, refused with 403, and never again.
    expect(status.games.filter((g) => g.tracked).every((g) => g.state === 'live')).toBe(true);
  }, 60_000);

  it('keeps a history complete through every stream and REST fault at once, across several games', async () => {
    const games = ['stake-crash', 'crazytime', 'slide', 'lightningdice'];
    // The restarted server must play the same rounds: same seed, same epoch.
    const epochMs = Date.now() - 4 * 60_000;
    await sandboxWith({
      games,
      epochMs,
      faults: {
        stream: { drop: 0.03, duplicate: 0.1, reorder: 0.1, garble: 0.03, precision: 0.2 },
        rest: { errorRate: 0.1, slowRate: 0.1, slowMs: 200 },
      },
    });
    await start(games);
    const { port, key } = sandbox!;
    await waitFor(async () => (await gameStatus('stake-crash')).state === 'live', () => 'live', 20_000);
    // Besides the random faults, one of each for certain.
    sandbox!.garbleNextFrames(1);
    sandbox!.duplicateNextFrames(2);
    sandbox!.reorderNextFrames(2);
    sandbox!.shiftPrecisionNextFrames(2, 's');
    await waitFor(() => core!.recorder.rejectedFrameCount >= 1, () => 'the garbled frame set aside');
    // Withheld pings, then a server restart, while the faults keep coming.
    const staleSince: (number | null)[] = [];
    const offStale = core!.recorder.changed.on(() => {
      const game = core!.recorder.game('stake-crash')!;
      if (game.state === 'stale') staleSince.push(game.staleSinceMs);
    });
    const stalledAt = Date.now();
    sandbox!.stallStreams(true);
    await waitFor(() => core!.recorder.connection.state === 'reconnecting', () => core!.recorder.connection.state);
    // The game said it was stale, and since when.
    expect(staleSince.length).toBeGreaterThan(0);
    expect(staleSince[0]).toBeGreaterThanOrEqual(stalledAt);
    offStale();
    sandbox!.stallStreams(false);
    sandbox!.failNextRequests(5, 502);
    sandbox!.slowNextRequests(3, 500);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const options = { seed: 'sync-test', speed: 60, pingIntervalMs: PING_MS, games, port, key, epochMs };
    await sandbox!.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    sandbox = await startSandbox({ ...options, faults: { stream: { duplicate: 0.1, reorder: 0.1, precision: 0.2 } } });
    await waitFor(() => core!.recorder.connection.state === 'open', () => core!.recorder.connection.state, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await expectCompleteHistory(core!, sandbox!, games, 30_000);
    expect((await core!.service.getStatus({})).sync.quarantined).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('walks a deep history behind live tracking and resumes it after a restart from where it stopped', async () => {
    // One request in ten per page of 100: about 600 pages of stake-crash alone.
    await sandboxWith({ games: ['stake-crash'], historyRounds: 60_000, speed: 60, keyTier: 'enterprise' });
    const options: ComposeOptions = { recorder: { overlapMs: 0, pageSize: 100 } };
    core = await startRoundlog(config(['stake-crash'], { historyDepthMs: null, tier: 'enterprise' }), options);
    const seen = new Set<string>();
    await waitFor(async () => {
      const game = await gameStatus('stake-crash');
      if (game.backfill) seen.add(`${game.state}/${game.backfill.kind}`);
      return game.backfill?.kind === 'deep' && game.backfill.rows > 10_000;
    }, () => 'deep backfill under way', 30_000);
    // The game went live first; the deep walk runs behind it.
    expect(seen).toContain('live/deep');
    await core.close();
    core = null;
    const firstRunPages = sandbox!.requests().length;
    const storedAfterFirstRun = readHistory(`${dir.path}/history.sqlite`).length;

    core = await startRoundlog(config(['stake-crash'], { historyDepthMs: null, tier: 'enterprise' }), options);
    await waitFor(async () => (await gameStatus('stake-crash')).completeness.depthReached, () => 'depth reached', 60_000);
    await expectCompleteHistory(core, sandbox!, ['stake-crash'], 30_000);
    const rounds = sandbox!.rounds('stake-crash').length;
    // Resumed, not restarted: the second run asked only for what the first had not stored.
    const secondRunPages = sandbox!.requests().length - firstRunPages;
    expect(secondRunPages).toBeLessThan((rounds - storedAfterFirstRun) / 100 + 20);
    const game = await gameStatus('stake-crash');
    expect(game.completeness).toMatchObject({ depthReached: true, openSpans: 0 });
    expect(statuses()).not.toContain(429);
  }, 120_000);

  it('finds a hole in round_index inside the complete history, fills it, and records it', async () => {
    await sandboxWith({ games: ['stake-crash'] });
    await start(['stake-crash']);
    await waitFor(async () => (await gameStatus('stake-crash')).state === 'live', () => 'live');
    await core!.close();
    core = null;
    // Five rounds vanish from the middle of the history (as a bug or a bad import would lose them).
    const db = new BetterSqlite3(`${dir.path}/history.sqlite`);
    const removed = db.prepare('DELETE FROM rounds WHERE id IN (SELECT id FROM rounds ORDER BY round_index LIMIT 5 OFFSET 100)').run().changes;
    db.close();
    expect(removed).toBe(5);

    await start(['stake-crash']);
    await waitFor(async () => (await gameStatus('stake-crash')).completeness.gapsFilled >= 1, () => 'gap filled', 20_000);
    await expectCompleteHistory(core!, sandbox!, ['stake-crash']);
    const gaps = queryHistory<{ cause: string; outcome: string; rounds_recovered: number }>(`${dir.path}/history.sqlite`, "SELECT cause, outcome, rounds_recovered FROM gaps WHERE cause = 'index'");
    expect(gaps).toEqual([{ cause: 'index', outcome: 'filled', rounds_recovered: 5 }]);
    const game = await gameStatus('stake-crash');
    expect(game.completeness.roundsRecovered).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('keeps a game it does not know as a generic series and sets undecodable frames aside, counting both', async () => {
    await sandboxWith({ games: ['stake-crash'] });
    const logged: string[] = [];
    await start(['stake-crash'], {}, { log: (line) => logged.push(line) });
    await waitFor(async () => (await gameStatus('stake-crash')).state === 'live', () => 'live');
    const mystery = '{"round_index":12,"round_id":"m-12","multiplier":"7.5","random_number":null,"state":"finalized","finalized_at":"2026-06-01T12:20:27.580645Z","raw":{"source":"new-provider"},"game_id":"mystery-wheel"}';
    sandbox!.sendRawFrame(mystery);
    sandbox!.sendRawFrame('{"round_id":"broken","game_id":"stake-crash","multiplier":');
    sandbox!.sendRawFrame('{"type":"maintenance","message":"back soon"}');
    await waitFor(async () => (await core!.service.getStatus({})).sync.quarantined === 2, () => 'two frames in quarantine');

    const status = await core!.service.getStatus({});
    expect(status.games.find((g) => g.game === 'mystery-wheel')).toMatchObject({ known: false, tracked: false, kind: 'unknown', roundsStored: 1 });
    expect(status.games.find((g) => g.game === 'stake-crash')!.quarantined).toBe(1);
    const quarantined = queryHistory<{ source: string; game: string | null; reason: string }>(`${dir.path}/history.sqlite`, 'SELECT source, game, reason FROM quarantine ORDER BY id');
    expect(quarantined).toEqual([
      { source: 'stream', game: 'stake-crash', reason: expect.stringMatching(/^not JSON/) },
      { source: 'stream', game: null, reason: 'frame is not a round (no round_id)' },
    ]);
    const stored = readHistory(`${dir.path}/history.sqlite`).find((r) => r.game === 'mystery-wheel')!;
    expect(stored.rowJson).toBe(mystery);
    expect(stored.roundIndex).toBe(12n);
    // The broken frame may have hidden a round: every game is caught up again, and nothing is missing.
    await expectCompleteHistory(core!, sandbox!, ['stake-crash']);
  });

  it('says plainly when upstream does not know a tracked game, and does not keep asking', async () => {
    await sandboxWith({ games: ['stake-crash'] });
    await start(['stake-crash', 'no-such-game']);
    await waitFor(async () => (await gameStatus('no-such-game')).state === 'error', () => 'error');
    expect((await gameStatus('no-such-game')).detail).toMatch(/does not know this game \(404\)/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sandbox!.requests().filter((request) => request.path.includes('/no-such-game/')).length).toBe(1);
    await expectCompleteHistory(core!, sandbox!, ['stake-crash']);
  });

  it('after a wake, reconnects at once and catches every game up, recording the gap', async () => {
    const games = ['stake-crash', 'crazytime'];
    // Pings far apart: the heartbeat must not notice the sleep first.
    await sandboxWith({ games, pingIntervalMs: 10_000 });
    await start(games, { pingIntervalMs: 10_000 });
    await waitFor(async () => (await gameStatus('stake-crash')).state === 'live', () => 'live');
    // Asleep: the link is half-open, nothing arrives, and no ping has been missed for long yet.
    sandbox!.stallStreams(true);
    const before = sandbox!.rounds('stake-crash').length;
    await waitFor(() => sandbox!.rounds('stake-crash').length >= before + 3, () => 'rounds while asleep');
    sandbox!.stallStreams(false);
    core!.recorder.resync('wake');
    await waitFor(async () => (await gameStatus('stake-crash')).completeness.gapsFilled >= 1, () => 'gap after wake filled');
    await expectCompleteHistory(core!, sandbox!, games);
    const gaps = queryHistory<{ cause: string }>(`${dir.path}/history.sqlite`, 'SELECT DISTINCT cause FROM gaps');
    expect(gaps.map((gap) => gap.cause)).toContain('wake');
  });

  it('records nothing of a paused game, and catches up what it missed once resumed', async () => {
    const games = ['stake-crash', 'crazytime'];
    await sandboxWith({ games });
    await start(games);
    await waitFor(async () => (await gameStatus('stake-crash')).state === 'live', () => 'live');
    await core!.service.setGamePaused({ game: 'stake-crash', paused: true });
    expect(await gameStatus('stake-crash')).toMatchObject({ state: 'paused', detail: expect.stringMatching(/Paused/) });
    await core!.flush();
    const storedWhenPaused = (await gameStatus('stake-crash')).roundsStored;
    const before = sandbox!.rounds('stake-crash').length;
    await waitFor(() => sandbox!.rounds('stake-crash').length >= before + 5, () => 'rounds while paused');
    await core!.flush();
    expect((await gameStatus('stake-crash')).roundsStored).toBe(storedWhenPaused);
    // Pausing and resuming twice must not leave two catch-ups or two pollers running.
    await core!.service.setGamePaused({ game: 'stake-crash', paused: false });
    await core!.service.setGamePaused({ game: 'stake-crash', paused: true });
    await core!.service.setGamePaused({ game: 'stake-crash', paused: false });
    await waitFor(async () => (await gameStatus('stake-crash')).state === 'live', () => 'live again');
    await expectCompleteHistory(core!, sandbox!, games);
  });

  it('backfills many pages at a Pro key’s full budget without a single 429', async () => {
    await sandboxWith({ games: ['stake-crash', 'crazytime'], historyRounds: 4_000 });
    await start(['stake-crash', 'crazytime'], { historyDepthMs: null }, { recorder: { overlapMs: 0, pageSize: 50 } });
    await waitFor(async () => {
      const status = await core!.service.getStatus({});
      return status.games.every((game) => game.completeness.depthReached);
    }, () => 'depth reached', 60_000);
    await expectCompleteHistory(core!, sandbox!, ['stake-crash', 'crazytime'], 30_000);
    expect(sandbox!.requests().length).toBeGreaterThan(150); // well past the burst of 100
    expect(statuses()).not.toContain(429);
    expect((await core!.service.getStatus({})).sync).toMatchObject({ tier: 'pro', tierSource: 'detected', rateLimitedCount: 0 });
  }, 90_000);
});
