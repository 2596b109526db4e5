import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
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

function hasIpv6Loopback(): boolean {
  return Object.values(networkInterfaces()).some((entries) => entries?.some((entry) => entry.address === '::1'));
}

describe('roundlog serve, locked down', () => {
  it('listens on loopback only, unless --host asks for more, and then warns', async () => {
    dir = useTempDir();
    const local = run(['bin/roundlog.js', 'serve', '--data-dir', join(dir.path, 'a'), '--history', '10m']);
    await waitForOutput(local.output, /Open http:\/\/127\.0\.0\.1:\d+\/#token=/, 60_000);
    expect(local.output()).not.toMatch(/WARNING/);
    const named = run(['bin/roundlog.js', 'serve', '--host', 'localhost', '--data-dir', join(dir.path, 'c'), '--history', '10m']);
    await waitForOutput(named.output, /Open http:\/\/localhost:\d+\/#token=/, 60_000);
    expect(named.output()).not.toMatch(/WARNING/);
    const wide = run(['bin/roundlog.js', 'serve', '--host', '0.0.0.0', '--data-dir', join(dir.path, 'b'), '--history', '10m']);
    const [, url] = await waitForOutput(wide.output, /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/, 60_000);
    expect(wide.output()).toMatch(/WARNING: serving on 0\.0\.0\.0: anyone who can reach this address/);
    expect(wide.output()).toMatch(/From another machine, open the same link with this machine's address in place of 127\.0\.0\.1/);
    // The printed link is one this machine's browser can open, and the Host check lets it in.
    expect((await fetch(url!)).status).toBe(200);
  }, 90_000);

  it.runIf(hasIpv6Loopback())('prints a link that opens when bound to every IPv6 interface', async () => {
    dir = useTempDir();
    const wide = run(['bin/roundlog.js', 'serve', '--host', '::', '--data-dir', dir.path, '--history', '10m']);
    const [, url] = await waitForOutput(wide.output, /Open (http:\/\/\[::1\]:\d+\/#token=\S+)/, 60_000);
    expect(wide.output()).toMatch(/in place of \[::1\]/);
    expect((await fetch(url!)).status).toBe(200);
  }, 90_000);

  it('takes the key from a file only its owner can read, refuses one others can, and never prints it', async () => {
    dir = useTempDir();
    const keyFile = join(dir.path, 'key');
    const key = 'ts_live_from_a_file_91fe';
    writeFileSync(keyFile, `${key}\n`, { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    const exposed = run(['bin/roundlog.js', 'serve', '--api-key-file', keyFile, '--base-url', 'http://127.0.0.1:1', '--data-dir', dir.path]);
    expect(await exposed.exit).toBe(2);
    expect(exposed.output()).toContain(`${keyFile} can be read by other users; run "chmod 600 ${keyFile}"`);
    chmodSync(keyFile, 0o600);
    const served = run(['bin/roundlog.js', 'serve', '--api-key-file', keyFile, '--base-url', 'http://127.0.0.1:1', '--data-dir', dir.path]);
    await waitForOutput(served.output, /Open http:\/\/127\.0\.0\.1:\d+\/#token=/, 60_000);
    expect(served.output()).toMatch(/TrackerSino at http:\/\/127\.0\.0\.1:1/);
    expect(served.output()).not.toContain(key);
    const typed = run(['bin/roundlog.js', 'serve', '--api-key', key, '--base-url', 'http://127.0.0.1:1', '--data-dir', join(dir.path, 'typed')]);
    await waitForOutput(typed.output, /--api-key shows the key to every user of this machine in the process list/, 60_000);
    const both = run(['bin/roundlog.js', 'sync', '--api-key', key, '--api-key-file', keyFile]);
    expect(await both.exit).toBe(2);
    expect(both.output()).toMatch(/give --api-key or --api-key-file, not both/);
  }, 90_000);
});
