import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readHistory } from '../support/history';
import { useTempDir } from '../support/temp-dir';

// The commands a person types, run as real processes: `npm start` on a machine without Electron's
// binary, `roundlog sync`, and what bad input gets.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
let dir: ReturnType<typeof useTempDir> | null = null;

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  dir?.remove();
  dir = null;
});

function run(args: string[], env: Record<string, string> = {}): { child: ChildProcessWithoutNullStreams; output: () => string; exit: Promise<number> } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => output, exit };
}

async function waitForOutput(get: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = get().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${get()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the commands', () => {
  it('npm start says in one line why there is no window and serves the app instead', async () => {
    dir = useTempDir();
    const start = run(['scripts/start.js'], { ROUNDLOG_DATA_DIR: dir.path, ROUNDLOG_SKIP_BUILD: '1' });
    const [, url] = await waitForOutput(start.output, /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/, 60_000);
    expect(start.output()).toMatch(/Electron binary is not installed.*running `roundlog serve` instead/);
    expect(start.output()).toMatch(/DEMO DATA from the embedded sandbox/);
    const page = await fetch(url!.replace(/#.*/, ''));
    expect(page.status).toBe(200);
  }, 90_000);

  it('roundlog sync --for records the embedded sandbox and exits 0 with everything committed', async () => {
    dir = useTempDir();
    const sync = run(['bin/roundlog.js', 'sync', '--for', '3s', '--data-dir', dir.path, '--history', '30m']);
    expect(await sync.exit).toBe(0);
    expect(sync.output()).toMatch(/Done: every round received is committed/);
    const file = readdirSync(dir.path).find((name) => name.startsWith('demo-') && name.endsWith('.sqlite'))!;
    expect(readHistory(join(dir.path, file)).length).toBeGreaterThan(50);
  }, 60_000);

  it('refuses bad input with a sentence and exit code 2', async () => {
    const badGames = run(['bin/roundlog.js', 'sync', '--games', 'Stake Crash']);
    expect(await badGames.exit).toBe(2);
    expect(badGames.output()).toMatch(/--games: is not a game slug/);
    const badFlag = run(['bin/roundlog.js', 'serve', '--bogus']);
    expect(await badFlag.exit).toBe(2);
    const badCommand = run(['bin/roundlog.js', 'dance']);
    expect(await badCommand.exit).toBe(2);
    expect(badCommand.output()).toMatch(/unknown command "dance"/);
  }, 30_000);
});
