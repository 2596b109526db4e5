import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../../support/temp-dir';
import { recordHistory, roundsTable } from './recorded-history';

// `roundlog export` and `roundlog import` as a person runs them: the built CLI as a real process.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'out/main/cli.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `fileLimitKib`, under a file-size limit (RLIMIT_FSIZE), so writes past it fail as on a full disk. */
function roundlog(args: string[], fileLimitKib?: number): Promise<Run> {
  const child =
    fileLimitKib === undefined
      ? spawn(process.execPath, [CLI, ...args], { cwd: ROOT })
      : spawn('bash', ['-c', `ulimit -f ${fileLimitKib} && exec "$0" "$@"`, process.execPath, CLI, ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

describe('roundlog export and import', () => {
  let dir: ReturnType<typeof useTempDir>;
  let recorded: string;
  let source: string;
  /** A live history is picked by a key (from a 0600 file); export and import never reach the network. */
  let key: string[];

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run `npx electron-vite build` first.');
    dir = useTempDir();
    const keyFile = join(dir.path, 'api-key');
    writeFileSync(keyFile, 'cli-test-key\n', { mode: 0o600 });
    key = ['--base-url', 'http://127.0.0.1:9', '--api-key-file', keyFile];
    recorded = join(dir.path, 'recorded');
    source = await recordHistory(recorded);
  }, 60_000);
  afterAll(() => dir.remove());

  it('exports a game over a range to the exports folder and imports it into another data folder, once', async () => {
    const stake = roundsTable(source, "g.slug = 'stake-crash'");
    const since = stake[5]!.finalized_at;
    const until = stake[stake.length - 5]!.finalized_at;
    const exported = await roundlog(['export', '--game', 'stake-crash', '--format', 'csv', '--since', since, '--until', until, '--data-dir', recorded, ...key]);
    expect(exported.code, exported.stderr).toBe(0);
    const inRange = stake.filter((row) => row.finalized_us >= stake[5]!.finalized_us && row.finalized_us < stake[stake.length - 5]!.finalized_us);
    const [, count, file] = /^Wrote ([\d,]+) rounds to (.+)$/m.exec(exported.stdout)!;
    expect(Number(count!.replaceAll(',', ''))).toBe(inRange.length);
    expect(dirname(file!)).toBe(join(recorded, 'exports'));
    expect(exported.stderr).toMatch(/^Exporting [\d,]+ rounds of stake-crash to /);

    const fresh = join(dir.path, 'fresh');
    const imported = await roundlog(['import', file!, '--data-dir', fresh, ...key]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`: ${inRange.length.toLocaleString('en-US')} rounds added, 0 already in the history\\.`));
    expect(roundsTable(join(fresh, 'history.sqlite'))).toEqual(inRange);

    const again = await roundlog(['import', file!, '--data-dir', fresh, ...key]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`: 0 rounds added, ${inRange.length.toLocaleString('en-US')} already in the history\\.`));
  }, 60_000);

  it('exports every game to Parquet at a chosen path, and imports another history file directly', async () => {
    const out = join(dir.path, 'chosen', 'everything.parquet');
    const exported = await roundlog(['export', '--game', 'all', '--format', 'parquet', '--out', out, '--data-dir', recorded, ...key]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const fromParquet = join(dir.path, 'from-parquet');
    expect((await roundlog(['import', out, '--data-dir', fromParquet, ...key])).code).toBe(0);
    expect(roundsTable(join(fromParquet, 'history.sqlite'))).toEqual(roundsTable(source));
    const fromHistory = join(dir.path, 'from-history');
    expect((await roundlog(['import', source, '--data-dir', fromHistory, ...key])).code).toBe(0);
    expect(roundsTable(join(fromHistory, 'history.sqlite'))).toEqual(roundsTable(source));
  }, 60_000);

  it('lists records it could not import with their line numbers and exits 1', async () => {
    const jsonl = join(dir.path, 'crazytime.jsonl');
    const exported = await roundlog(['export', '--game', 'crazytime', '--format', 'jsonl', '--out', jsonl, '--data-dir', recorded, ...key]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(jsonl, 'utf8').split('\n');
    lines[2] = 'garbage';
    writeFileSync(jsonl, lines.join('\n'));
    const imported = await roundlog(['import', jsonl, '--data-dir', join(dir.path, 'damaged'), ...key]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/^ {2}line 3: not JSON/m);
    expect(imported.stderr).toMatch(/1 records could not be imported \(listed above\); every other round was\./);
    expect(imported.stdout).toMatch(/rounds added/);
  }, 60_000);

  it('an export the disk cannot hold ends with a sentence and exit code 1, leaving no file behind', async () => {
    // Past 64 KiB every write fails with EFBIG, as writes to a full disk fail with ENOSPC.
    for (const format of ['jsonl', 'csv', 'parquet']) {
      const folder = join(dir.path, `too-big-${format}`);
      const out = join(folder, `everything.${format}`);
      const run = await roundlog(['export', '--game', 'all', '--format', format, '--out', out, '--data-dir', recorded, ...key], 64);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`everything\\.${format} could not be written: the file would be larger than this system allows .*Nothing of it was kept\\.`));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(folder)).toEqual([]);
    }
  }, 60_000);

  it('refuses bad input with a sentence and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['export', '--format', 'csv'], /--game is required/],
      [['export', '--game', 'stake-crash', '--format', 'xlsx'], /--format xlsx is not an export format: give csv, jsonl or parquet\./],
      [['export', '--game', 'stake-crash', '--format', 'csv', '--since', 'last tuesday'], /--since last tuesday is not a time/],
      [['export', '--game', 'lightningdice', '--format', 'csv'], /This history holds no rounds of lightningdice\./],
      [['import', join(dir.path, 'nowhere.csv')], /nowhere\.csv does not exist\./],
      [['import'], /Give exactly one file to import/],
    ];
    for (const [args, message] of cases) {
      const run = await roundlog([...args, '--data-dir', recorded, ...key]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  }, 60_000);
});
