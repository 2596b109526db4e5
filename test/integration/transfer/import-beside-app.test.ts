import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundlog, type RoundlogCore } from '../../../src/main/core/compose';
import { queryHistory } from '../../support/history';
import { useTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { recordHistory } from './recorded-history';

// `roundlog import` into the history a running app records into (both on the demo history of one
// data folder): the app notices the other process's commits and counts the imported rounds.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'out/main/cli.js');

function roundlog(args: string[]): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, stderr })));
}

describe('roundlog import beside a running app', () => {
  let dir: ReturnType<typeof useTempDir>;
  let other: string;
  let core: RoundlogCore;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run `npx electron-vite build` first.');
    dir = useTempDir();
    // Another recorder's history (another sandbox seed, so its rounds are all new here).
    other = await recordHistory(join(dir.path, 'other'));
    core = await startRoundlog(
      { dataDir: join(dir.path, 'app'), upstream: null, games: ['stake-crash'], historyDepthMs: 3_600_000, tier: 'auto', pingIntervalMs: 150 },
      { sandbox: { speed: 60, historyMs: 10 * 60_000, pingIntervalMs: 150 }, recorder: { pageSize: 200 } },
    );
    await waitFor(async () => ((await core.service.getStatus({})).games.find((game) => game.game === 'stake-crash')?.roundsStored ?? 0) > 0, () => 'the app recording');
  }, 90_000);
  afterAll(async () => {
    await core?.close();
    dir.remove();
  });

  it('counts the imported rounds in the running app', async () => {
    const imported = queryHistory<{ n: number }>(other, "SELECT count(*) AS n FROM rounds r JOIN games g ON g.id = r.game_id WHERE g.slug = 'stake-crash'")[0]!.n;
    expect(imported).toBeGreaterThan(0);
    const stored = (): number => queryHistory<{ n: number }>(core.databaseFile, "SELECT count(*) AS n FROM rounds r JOIN games g ON g.id = r.game_id WHERE g.slug = 'stake-crash'")[0]!.n;
    const before = stored();
    const result = await roundlog(['import', other, '--game', 'stake-crash', '--data-dir', join(dir.path, 'app')]);
    expect(result.code, result.stderr).toBe(0);
    expect(stored()).toBeGreaterThanOrEqual(before + imported);
    // Equal only if the app counted the other process's rounds: its own commits add live rounds alone.
    await waitFor(
      async () => (await core.service.getStatus({})).games.find((game) => game.game === 'stake-crash')!.roundsStored === stored(),
      () => 'the app counting every stored round, the imported ones too',
    );
  });
});
