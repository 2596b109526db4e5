import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRoundlog, type ComposeOptions, type RoundlogCore } from '../../src/main/core/compose';
import type { RoundlogConfig } from '../../src/main/core/config';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sim/server';
import { builtPageParseWorker } from '../support/built-worker';
import { expectCompleteHistory as expectStoredOnce } from '../support/complete-history';
import { readHistory } from '../support/history';
import { useTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

// The client against the sandbox over real loopback sockets, with the faults a laptop meets.

const GAMES = ['stake-crash', 'crazytime'] as const;
const PING_MS = 150;

describe('recording from the sandbox', () => {
  let dir: ReturnType<typeof useTempDir>;
  let sandbox: Sandbox;
  let core: RoundlogCore | null = null;
  let epochMs = 0;
  const simOptions: SandboxOptions = {
    seed: 'recording-test',
    speed: 60,
    historyMs: 4 * 60_000,
    pingIntervalMs: PING_MS,
    games: GAMES,
  };

  beforeEach(async () => {
    dir = useTempDir();
    epochMs = Date.now() - 4 * 60_000;
    sandbox = await startSandbox({ ...simOptions, epochMs });
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await sandbox.close();
    dir.remove();
  });

  /**
   * No overlap, so a cursor that moved past a gap leaves the gap unfilled and the test fails; small
   * pages, so every backfill pages back with before_index.
   */
  function start(options: ComposeOptions = {}): Promise<RoundlogCore> {
    return startRoundlog(config(), { recorder: { overlapMs: 0, pageSize: 50, restLagMs: 500 }, ...options });
  }

  function config(): RoundlogConfig {
    return {
      dataDir: dir.path,
      upstream: { baseUrl: sandbox.url, apiKey: sandbox.key },
      games: GAMES,
      historyDepthMs: 24 * 3_600_000,
      tier: 'auto',
      pingIntervalMs: PING_MS,
    };
  }

  /** Every round the sandbox has finalised is stored, exactly once, exactly as sent. */
  async function expectCompleteHistory(): Promise<void> {
    await expectStoredOnce(core!, sandbox, GAMES);
    // Without faults each row is stored exactly as sent: the REST row, or the frame around it.
    const sent = new Map<string, string>(GAMES.flatMap((game) => sandbox.rounds(game).map((round) => [`${game}/${round.roundId}`, round.json] as const)));
    for (const row of readHistory(core!.databaseFile)) {
      const json = sent.get(`${row.game}/${row.roundId}`);
      if (json !== undefined) expect([json, `{"game_id":"${row.game}",${json.slice(1)}`]).toContain(row.rowJson);
    }
  }

  it('backfills the history and then records live rounds, with round_index exact', async () => {
    // The app's own path: backfill pages parsed on the worker thread.
    core = await start({ pageParseWorker: builtPageParseWorker() });
    const before = sandbox.rounds('stake-crash').length;
    await waitFor(() => sandbox.rounds('stake-crash').length > before + 5, () => 'sandbox producing rounds');
    await expectCompleteHistory();
    const simIndex = new Map(sandbox.rounds('stake-crash').map((r) => [r.roundId, r.roundIndex]));
    const stored = readHistory(core.databaseFile).filter((r) => r.game === 'stake-crash');
    expect(stored.length).toBeGreaterThan(100);
    for (const row of stored) if (simIndex.has(row.roundId)) expect(row.roundIndex).toBe(simIndex.get(row.roundId));
    expect(stored.some((row) => row.roundIndex! > 2n ** 53n)).toBe(true);
  });

  it('pushes a round to subscribers only after it is committed', async () => {
    core = await start();
    const pushed: string[] = [];
    const off = core.service.onRounds((rounds) => {
      const stored = new Set(readHistory(core!.databaseFile).map((r) => r.roundId));
      for (const round of rounds) {
        expect(stored.has(round.roundId)).toBe(true);
        pushed.push(round.roundId);
      }
    });
    await waitFor(() => pushed.length > 20, () => `${pushed.length} rounds pushed`);
    off();
  });

  it('loses no round and stores none twice when the server is killed and restarted mid-stream', async () => {
    core = await start();
    await waitFor(() => core!.recorder.game('stake-crash')!.state === 'live', () => 'live');
    const { port, key } = sandbox;
    await sandbox.close();
    await waitFor(() => core!.recorder.connection.state === 'reconnecting', () => core!.recorder.connection.state);
    // The casino keeps playing while we are cut off: the restarted server has those rounds too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    sandbox = await startSandbox({ ...simOptions, port, key, epochMs });
    await waitFor(() => core!.recorder.connection.state === 'open', () => core!.recorder.connection.state, 40_000);
    await expectCompleteHistory();
  });

  it('reconnects and fills the gap when pings stop arriving', async () => {
    core = await start();
    await waitFor(() => core!.recorder.game('stake-crash')!.state === 'live', () => 'live');
    const reconnects: string[] = [];
    core.recorder.changed.on(() => reconnects.push(core!.recorder.connection.state));
    sandbox.stallStreams(true);
    await waitFor(() => reconnects.includes('reconnecting'), () => `states ${reconnects.join(',')}`);
    sandbox.stallStreams(false);
    await waitFor(() => core!.recorder.game('stake-crash')!.state === 'live', () => core!.recorder.game('stake-crash')!.state, 40_000);
    await expectCompleteHistory();
  });

  it('counts a frame it cannot decode, and still stores its round through a backfill', async () => {
    const logged: string[] = [];
    core = await start({ log: (line) => logged.push(line) });
    await waitFor(() => core!.recorder.game('stake-crash')!.state === 'live', () => 'live');
    sandbox.garbleNextFrames(1);
    await waitFor(() => core!.recorder.rejectedFrameCount === 1, () => 'a rejected frame');
    expect(logged.join('\n')).toMatch(/set aside a stream frame: not JSON/);
    await expectCompleteHistory();
  });

  it('retries a backfill that meets server errors, and completes it', async () => {
    sandbox.failNextRequests(3);
    core = await start();
    await expectCompleteHistory();
  });

  it('waits as long as a 429 says, then completes the backfill', async () => {
    await sandbox.close();
    // A key allowed one request a second: the backfill's 50-row pages run into 429 at once.
    sandbox = await startSandbox({ ...simOptions, epochMs, keys: [{ key: 'slow-key', tier: 'pro', ratePerSecond: 1, burst: 1 }] });
    const logged: string[] = [];
    core = await startRoundlog(
      { ...config(), upstream: { baseUrl: sandbox.url, apiKey: 'slow-key' } },
      { recorder: { overlapMs: 0, pageSize: 200 }, log: (line) => logged.push(line) },
    );
    const sawRateLimit = new Promise<void>((resolve) => {
      const off = core!.recorder.changed.on(() => {
        if (/slow down \(429\)/.test(core!.recorder.game('stake-crash')!.detail ?? '')) {
          off();
          resolve();
        }
      });
    });
    await sawRateLimit;
    await expectCompleteHistory();
  }, 60_000);

  it('stops and says what to do when the key is rejected', async () => {
    core = await startRoundlog({ ...config(), upstream: { baseUrl: sandbox.url, apiKey: 'not-the-key' } });
    await waitFor(() => core!.recorder.connection.state === 'error', () => core!.recorder.connection.state);
    const status = await core.service.getStatus({});
    expect(status.connection.detail).toMatch(/API key was rejected \(401\)\. Check it in Settings/);
    expect(status.games.every((game) => game.state === 'error')).toBe(true);
    expect(JSON.stringify(status)).not.toContain('not-the-key');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(core.recorder.connection.state).toBe('error');
  });

  it('resumes after a restart of the app from where its history is complete', async () => {
    core = await start();
    await waitFor(() => core!.recorder.game('crazytime')!.state === 'live', () => 'live');
    await core.close();
    const firstRun = readHistory(join(dir.path, 'history.sqlite')).length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    core = await start();
    await expectCompleteHistory();
    expect(readHistory(core.databaseFile).length).toBeGreaterThan(firstRun);
  });
});
