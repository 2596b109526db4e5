import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir';

// `roundlog stats` as a person or a script runs it: the built CLI, over a history that
// `roundlog sync` recorded from the embedded sandbox.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'out/main/cli.js');

interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function roundlog(args: string[]): Promise<Finished> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, TRACKERSINO_API_KEY: '', TRACKERSINO_BASE_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

function roundsOf(file: string, game: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM rounds r JOIN games g ON g.id = r.game_id WHERE g.slug = ?').get(game) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

describe('roundlog stats', () => {
  const dir = useTempDir();
  let historyFile = '';

  beforeAll(async () => {
    const sync = await roundlog(['sync', '--for', '4s', '--games', 'stake-crash,crazytime', '--history', '1h', '--data-dir', dir.path]);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    historyFile = join(dir.path, readdirSync(dir.path).find((name) => name.startsWith('demo-') && name.endsWith('.sqlite'))!);
  }, 60_000);

  afterAll(() => dir.remove());

  it('--json prints one document whose window counts every stored round of the game', async () => {
    const stats = await roundlog(['stats', '--game', 'stake-crash', '--window', 'all', '--json', '--data-dir', dir.path]);
    expect(stats.code, stats.stderr).toBe(0);
    const report = JSON.parse(stats.stdout) as { summary: { game: string; roundsTotal: number }; stats: { multiplier: { window: { rounds: number } } } };
    const stored = roundsOf(historyFile, 'stake-crash');
    expect(stored).toBeGreaterThan(50);
    expect(report.stats.multiplier.window.rounds).toBe(stored);
    expect(report.summary).toMatchObject({ game: 'stake-crash', roundsTotal: stored });
    // Every exact cash-out target of the recorded bets, as the vendor's rtp-detailed lists them.
    const bets = (report.stats as unknown as { bets: { targets: number; byTarget: { target: number; bets: number }[] } }).bets;
    expect(bets.byTarget.length).toBe(bets.targets);
    expect(bets.byTarget.length).toBeGreaterThan(10);
  }, 30_000);

  it('the text report shows the delay table, and says a game show has no published theory for its multipliers', async () => {
    const stats = await roundlog(['stats', '--game', 'crazytime', '--window', 'all', '--data-dir', dir.path]);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stdout).toMatch(/^Delays/m);
    expect(stats.stdout).toMatch(/threshold\s+rounds since\s+chance of so long a wait\s+lifetime hits\/rounds/);
    expect(stats.stdout).toMatch(/>= 2x\s+\d+.*no published theory\s+\d+\/\d+/);
    expect(stats.stdout).toMatch(/^Wheel segments/m);
    expect(stats.stdout).not.toMatch(/\x1b\[/);
  }, 30_000);

  it('the text report of a crash game shows the bets sync recorded, by target band and currency', async () => {
    const stats = await roundlog(['stats', '--game', 'stake-crash', '--window', 'all', '--data-dir', dir.path]);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stdout).toMatch(/^Recorded bets \(\d+ bets in \d+ rounds; recording since \d{4}-/m);
    expect(stats.stdout).toMatch(/target\s+bets\s+won\s+law\s+Δ pp\s+return\s+law return/);
    expect(stats.stdout).toMatch(/^ {2}2x-3x\s+\d+\s+[\d.]+%\s+[\d.]+%/m);
    expect(stats.stdout).toMatch(/^ {2}usdt\s+\d+\s+\$[\d.]+\s+\$[\d.]+\s+[\d.]+%$/m);
  }, 30_000);

  it('an unknown game exits 2 with a sentence naming it', async () => {
    const stats = await roundlog(['stats', '--game', 'no-such-game', '--data-dir', dir.path]);
    expect(stats.code).toBe(2);
    expect(stats.stdout).toBe('');
    expect(stats.stderr.trim()).toBe('roundlog stats: No rounds of no-such-game are in the local history yet.');
  }, 30_000);

  it('a window or house edge it cannot read exits 2 with a one-line sentence', async () => {
    const stats = await roundlog(['stats', '--game', 'stake-crash', '--window', '2h', '--data-dir', dir.path]);
    expect(stats.code).toBe(2);
    expect(stats.stderr).toMatch(/^roundlog stats: --window 2h is not a window: give 5m, .*all, or FROM\.\.THROUGH/);
    expect(stats.stderr.trim().split('\n')).toHaveLength(1);
    const edge = await roundlog(['stats', '--game', 'stake-crash', '--house-edge', '3', '--data-dir', dir.path]);
    expect(edge.code).toBe(2);
    expect(edge.stderr).toMatch(/--house-edge 3 is not a house edge: give a fraction from 0 to under 1 \(0\.03\) or a percentage \(3%\)/);
  }, 30_000);

  it('a data folder with nothing recorded exits 2 and is left empty', async () => {
    const empty = useTempDir();
    try {
      const stats = await roundlog(['stats', '--game', 'stake-crash', '--data-dir', empty.path]);
      expect(stats.code).toBe(2);
      expect(stats.stderr).toMatch(/^roundlog stats: There is no demo history .* yet\. Record one first with `roundlog sync`/);
      expect(readdirSync(empty.path)).toEqual([]);
    } finally {
      empty.remove();
    }
  }, 30_000);
});
