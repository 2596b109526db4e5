import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { parse as parseLossless } from 'lossless-json';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions, type SimRoundRecord } from '../../src/sim/server';
import { useTempDir } from '../support/temp-dir';
import { seededRandom } from '../../src/sim/seeded-random';

// What survives when things go wrong under a real `roundlog sync` process: kill -9 at any moment,
// a disk that fills up, a disk that turns read-only. Everything is asserted through the CLI's
// output and the history file alone, never through the app's own modules.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GAMES = ['stake-crash', 'crazytime', 'slide'] as const;

// ---------------------------------------------------------------------------------------------
// A real `roundlog sync` child process.

interface CliRun {
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Settles when the process exits: its code, or the signal that ended it. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited(): boolean;
}

const running = new Set<CliRun>();

function spawnSync(dataDir: string, sandbox: Sandbox, extra: string[] = []): CliRun {
  const args = ['bin/roundlog.js', 'sync', '--data-dir', dataDir, '--base-url', sandbox.url, '--api-key', sandbox.key, '--games', GAMES.join(','), '--history', '1h', ...extra];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env } });
  let output = '';
  let done = false;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const run: CliRun = { child, output: () => output, exit, exited: () => done };
  running.add(run);
  void exit.then(() => running.delete(run));
  return run;
}

/** Waits until sync has opened the history and installed its signal handlers (it then prints `History:`). */
async function waitForStart(run: CliRun, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    () => {
      if (run.exited()) throw new Error(`roundlog sync exited while starting:\n${run.output()}`);
      return /^History: /m.test(run.output());
    },
    () => `sync never printed "History:":\n${run.output()}`,
    timeoutMs,
    50,
  );
}

async function killAll(): Promise<void> {
  const runs = [...running];
  for (const run of runs) run.child.kill('SIGKILL');
  await Promise.all(runs.map((run) => run.exit));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => boolean, describe: () => string, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting: ${describe()}`);
    await sleep(everyMs);
  }
}

/** A port nobody listens on now; the sandbox is started on it explicitly. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}


// ---------------------------------------------------------------------------------------------
// The history file, read as another process would.

interface Row {
  game: string;
  roundId: string;
  roundIndex: bigint | null;
  multiplier: string;
  finalizedUs: bigint;
  finalizedAt: string;
  rowJson: string;
}

const ROWS_SQL =
  'SELECT g.slug AS game, r.round_id AS roundId, r.round_index AS roundIndex, r.multiplier AS multiplier, ' +
  'r.finalized_us AS finalizedUs, r.finalized_at AS finalizedAt, r.row_json AS rowJson FROM rounds r JOIN games g ON g.id = r.game_id';

/** Round keys per game from a read-only connection (the writer may be running). */
function storedKeys(file: string): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>(GAMES.map((game) => [game, new Set<string>()]));
  if (!existsSync(file)) return keys;
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    const rows = db.prepare('SELECT g.slug AS game, r.round_id AS roundId FROM rounds r JOIN games g ON g.id = r.game_id').all() as { game: string; roundId: string }[];
    for (const row of rows) keys.get(row.game)?.add(row.roundId);
  } catch (error) {
    // The schema may not exist yet in the first instants of a run.
    if (!/no such table/.test(String(error))) throw error;
  } finally {
    db?.close();
  }
  return keys;
}

function readRows(file: string): Row[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(ROWS_SQL).safeIntegers(true).all() as Row[];
  } finally {
    db.close();
  }
}

/** Microseconds since the epoch of an ISO-8601 instant with 0–6 fraction digits. */
function isoMicros(text: string): bigint {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!match) throw new Error(`not an ISO instant: ${text}`);
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) throw new Error(`not an ISO instant: ${text}`);
  return BigInt(seconds) * 1000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/** `round.json` is the exact REST row; its finalized_at is the round's time at the game's precision. */
function simFinalizedAt(round: SimRoundRecord): string {
  const match = /"finalized_at":"([^"]+)"/.exec(round.json);
  if (!match) throw new Error(`no finalized_at in ${round.json.slice(0, 200)}`);
  return match[1]!;
}

function rawOf(json: string): unknown {
  return (parseLossless(json) as { raw?: unknown }).raw;
}

/** Every round the sandbox has finalised, by game, at this moment (copied: the live arrays grow). */
function snapshot(sandbox: Sandbox): Map<string, SimRoundRecord[]> {
  return new Map(GAMES.map((game) => [game, [...sandbox.rounds(game)]]));
}

function missingFrom(stored: Map<string, Set<string>>, expected: Map<string, SimRoundRecord[]>): string[] {
  const missing: string[] = [];
  for (const [game, rounds] of expected) {
    const have = stored.get(game)!;
    for (const round of rounds) if (!have.has(round.roundId)) missing.push(`${game}/${round.roundId} (#${round.roundIndex})`);
  }
  return missing;
}

/** Waits (reading the file read-only) until every round in `expected` is stored. */
async function waitForAll(file: string, expected: Map<string, SimRoundRecord[]>, run: CliRun, timeoutMs: number): Promise<void> {
  const total = [...expected.values()].reduce((sum, rounds) => sum + rounds.length, 0);
  let missing: string[] = ['(not read yet)'];
  await waitUntil(
    () => {
      if (run.exited()) throw new Error(`roundlog sync exited before storing every round:\n${run.output()}`);
      missing = missingFrom(storedKeys(file), expected);
      return missing.length === 0;
    },
    () => `${missing.length} of ${total} sandbox rounds missing, e.g. ${missing.slice(0, 5).join(', ')}\n--- sync output (tail) ---\n${run.output().slice(-3000)}`,
    timeoutMs,
    500,
  );
}

/**
 * Every sandbox round is stored exactly once and exactly as the sandbox made it; every stored row
 * is a round the sandbox made.
 */
function expectSameRounds(file: string, expected: Map<string, SimRoundRecord[]>, all: Map<string, SimRoundRecord[]>): void {
  const rows = readRows(file);
  const byKey = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.game}/${row.roundId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const problems: string[] = [];
  for (const [game, rounds] of expected) {
    for (const round of rounds) {
      const found = byKey.get(`${game}/${round.roundId}`) ?? [];
      if (found.length !== 1) {
        problems.push(`${game}/${round.roundId}: ${found.length} rows`);
        continue;
      }
      const row = found[0]!;
      const at = simFinalizedAt(round);
      if (row.roundIndex !== round.roundIndex) problems.push(`${game}/${round.roundId}: round_index ${row.roundIndex} != ${round.roundIndex}`);
      if (row.multiplier !== round.multiplier) problems.push(`${game}/${round.roundId}: multiplier ${row.multiplier} != ${round.multiplier}`);
      if (row.finalizedUs !== isoMicros(at)) problems.push(`${game}/${round.roundId}: finalized_us ${row.finalizedUs} != ${isoMicros(at)} (${at})`);
      if (isoMicros(row.finalizedAt) !== isoMicros(at)) problems.push(`${game}/${round.roundId}: finalized_at ${row.finalizedAt} is not the instant ${at}`);
      let rawEqual = false;
      try {
        rawEqual = JSON.stringify(rawOf(row.rowJson)) === JSON.stringify(rawOf(round.json));
      } catch (error) {
        problems.push(`${game}/${round.roundId}: row_json does not parse: ${(error as Error).message}`);
        continue;
      }
      if (!rawEqual) problems.push(`${game}/${round.roundId}: raw differs\n  stored ${row.rowJson.slice(0, 300)}\n  sent   ${round.json.slice(0, 300)}`);
    }
  }
  // No phantom rows: everything stored is a round the sandbox finalised (by now).
  const made = new Set<string>();
  for (const [game, rounds] of all) for (const round of rounds) made.add(`${game}/${round.roundId}`);
  for (const [key, found] of byKey) {
    if (!made.has(key)) problems.push(`${key}: stored but never finalised by the sandbox`);
    if (found.length > 1) problems.push(`${key}: stored ${found.length} times`);
  }
  expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
  const expectedTotal = [...expected.values()].reduce((sum, rounds) => sum + rounds.length, 0);
  expect(rows.length).toBeGreaterThanOrEqual(expectedTotal);
}

/** Whether this process can mount a tmpfs (root in a container that allows it), and if not, why. */
function probeTmpfs(): { canMount: boolean; whyNot: string } {
  if (process.platform !== 'linux') return { canMount: false, whyNot: `platform is ${process.platform}, not linux` };
  const path = mkdtempSync(join(tmpdir(), 'roundlog-probe-'));
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], { stdio: 'pipe' });
    mounted = true;
    execFileSync('mount', ['-o', 'remount,size=128k', path], { stdio: 'pipe' });
    return { canMount: true, whyNot: '' };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { canMount: false, whyNot: `mount -t tmpfs / remount failed (uid ${process.getuid?.()}): ${stderr || (error as Error).message}` };
  } finally {
    if (mounted) execFileSync('umount', [path], { stdio: 'pipe' });
    rmSync(path, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

/** Once the disk allows again, the same run stores every round, stops cleanly, and lost nothing. */
async function expectRecordingCompletes(run: CliRun, file: string, sandbox: Sandbox): Promise<void> {
  const expected = snapshot(sandbox);
  await waitForAll(file, expected, run, 45_000);
  run.child.kill('SIGTERM');
  const { code } = await run.exit;
  expect(code, run.output()).toBe(0);
  expect(run.output()).toMatch(/Done: every round received is committed/);
  expectSameRounds(file, expected, snapshot(sandbox));
}

describe('durability of the history under a real roundlog sync process', () => {
  afterEach(killAll);

  describe('kill -9', () => {
    let sandbox: Sandbox;
    let dir: ReturnType<typeof useTempDir>;

    beforeAll(async () => {
      dir = useTempDir();
      sandbox = await startSandbox({
        seed: 'durability-kill-9',
        games: GAMES,
        speed: 30,
        // Long enough that the deep backfill (behind the first hour) takes seconds: kills land in it.
        historyRounds: 15_000,
        port: await freePort(),
        faults: {
          stream: { drop: 0.02, duplicate: 0.05, reorder: 0.05, garble: 0.02, precision: 0.1 },
          rest: { errorRate: 0.05, slowRate: 0.05, slowMs: 300 },
        },
      });
    });
    afterAll(async () => {
      await killAll();
      await sandbox?.close();
      dir?.remove();
    });

    it('kill -9 at random moments loses no committed round, leaves an intact database, and the next start fills the hole', async () => {
      const file = join(dir.path, 'history.sqlite');
      const random = seededRandom(7); // 343, 529, 3915, 2886, 2229, 1800, 2025, 1188 ms: before, during and after the backfills
      let previous = new Set<string>();
      const log: string[] = [];

      for (let kill = 1; kill <= 8; kill++) {
        const delayMs = Math.round(300 + random() * 3_700);
        const run = spawnSync(dir.path, sandbox, ['--history', 'all']);
        await sleep(delayMs);
        // A crash on its own would be a bug of its own: the process must still be running here.
        expect(run.exited(), `sync exited by itself before kill ${kill}:\n${run.output()}`).toBe(false);
        run.child.kill('SIGKILL');
        const { signal } = await run.exit;
        expect(signal).toBe('SIGKILL');

        if (!existsSync(file)) {
          expect(previous.size, `the history file vanished after kill ${kill}`).toBe(0);
          log.push(`kill ${kill} after ${delayMs} ms: no history file yet`);
          continue;
        }
        // Read-write, so a WAL left by the killed process is recovered; then closed again.
        const db = new BetterSqlite3(file, { fileMustExist: true });
        let keys: string[];
        let duplicates: { game: string; roundId: string; n: number }[];
        let integrity: string;
        try {
          integrity = db.pragma('integrity_check', { simple: true }) as string;
          const hasSchema = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'rounds'").get() as { n: number };
          if (hasSchema.n === 0) {
            keys = [];
            duplicates = [];
          } else {
            keys = (db.prepare('SELECT g.slug AS game, r.round_id AS roundId FROM rounds r JOIN games g ON g.id = r.game_id').all() as { game: string; roundId: string }[]).map(
              (row) => `${row.game}/${row.roundId}`,
            );
            duplicates = db
              .prepare('SELECT g.slug AS game, r.round_id AS roundId, count(*) AS n FROM rounds r JOIN games g ON g.id = r.game_id GROUP BY g.slug, r.round_id HAVING count(*) > 1')
              .all() as { game: string; roundId: string; n: number }[];
          }
        } finally {
          db.close();
        }
        log.push(`kill ${kill} after ${delayMs} ms: ${keys.length} rows`);
        expect(integrity, `integrity_check after kill ${kill} (${delayMs} ms)`).toBe('ok');
        expect(duplicates, `rounds stored twice after kill ${kill}`).toEqual([]);
        expect(keys.length, `row count fell after kill ${kill} (${log.join('; ')})`).toBeGreaterThanOrEqual(previous.size);
        const current = new Set(keys);
        const lost = [...previous].filter((key) => !current.has(key));
        expect(lost.slice(0, 10), `${lost.length} committed rounds lost after kill ${kill}`).toEqual([]);
        previous = current;
      }
      console.log(`durability kill -9: ${log.join('; ')}`);

      // The next start fills whatever the kills left out.
      const last = spawnSync(dir.path, sandbox, ['--history', 'all']);
      await waitForStart(last);
      // Taken once the process runs: it includes the rounds finalised while nothing was recording.
      const expected = snapshot(sandbox);
      await waitForAll(file, expected, last, 60_000);
      expect(last.exited(), last.output()).toBe(false);
      last.child.kill('SIGTERM');
      const { code } = await last.exit;
      expect(code, last.output()).toBe(0);
      expect(last.output()).toMatch(/Done: every round received is committed/);

      const db = new BetterSqlite3(file, { fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
      expectSameRounds(file, expected, snapshot(sandbox));
    }, 150_000);
  });

  // -------------------------------------------------------------------------------------------
  // A data folder on its own small tmpfs: filled up, or made read-only, under the running CLI.

  describe('a disk that fills up or turns read-only', () => {
    const mountPoints: string[] = [];
    function mountTmpfs(size: string): string {
      const path = mkdtempSync(join(tmpdir(), 'roundlog-tmpfs-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', path], { stdio: 'pipe' });
      } catch (error) {
        rmSync(path, { recursive: true, force: true });
        throw error;
      }
      mountPoints.push(path);
      return path;
    }

    function mountCommand(args: string[]): void {
      execFileSync('mount', args, { stdio: 'pipe' });
    }

    // Honest detection, while the tests are collected (it.runIf needs the answer then): really
    // mount and remount a tiny tmpfs, unmount it, and say why not when that fails.
    const { canMount, whyNot } = probeTmpfs();
    if (!canMount) console.warn(`durability: skipping the full-disk and read-only tests: ${whyNot}`);

    afterAll(async () => {
      await killAll();
      for (const path of mountPoints.splice(0)) {
        for (let attempt = 0; ; attempt++) {
          try {
            execFileSync('umount', [path], { stdio: 'pipe' });
            break;
          } catch (error) {
            if (attempt >= 20) {
              console.warn(`durability: could not unmount ${path}: ${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`);
              break;
            }
            await sleep(250);
          }
        }
        rmSync(path, { recursive: true, force: true });
      }
    });

    const quietSandbox = (port: number): SandboxOptions => ({ games: GAMES, speed: 30, historyMs: 10 * 60_000, port });

    it.runIf(canMount)('a full disk is reported in words and recording resumes when space returns', async () => {
      const sandbox = await startSandbox({ ...quietSandbox(await freePort()), seed: 'durability-full-disk' });
      try {
        // Enough for the empty schema (with 16 KiB pages its migrations write ~0.6 MB of WAL), far
        // too little for the first backfill.
        const dataDir = mountTmpfs('1m');
        const file = join(dataDir, 'history.sqlite');
        const run = spawnSync(dataDir, sandbox);
        await waitUntil(
          () => /The disk holding the history is full/.test(run.output()) || run.exited(),
          () => `no disk-full message in the output:\n${run.output()}\n(df: ${execFileSync('df', ['-k', dataDir]).toString()})`,
          30_000,
        );
        expect(run.exited(), `sync exited on a full disk instead of waiting for space:\n${run.output()}`).toBe(false);
        expect(run.output()).toMatch(/The disk holding the history is full\. Free some space; recording resumes by itself\./);

        await waitForStart(run);
        mountCommand(['-o', 'remount,size=64m', dataDir]);
        await expectRecordingCompletes(run, file, sandbox);
      } finally {
        await sandbox.close();
      }
    }, 120_000);

    it.runIf(canMount)('a read-only disk is reported in words and recording resumes when it is writable again', async () => {
      const sandbox = await startSandbox({ ...quietSandbox(await freePort()), seed: 'durability-read-only' });
      try {
        const dataDir = mountTmpfs('64m');
        const file = join(dataDir, 'history.sqlite');
        // A first run creates the history and records for a while.
        const first = spawnSync(dataDir, sandbox);
        await waitUntil(() => storedKeys(file).get('stake-crash')!.size > 50 || first.exited(), () => `first run stored nothing:\n${first.output()}`, 30_000);

        // Linux refuses `remount,ro` (EBUSY) while a process holds a file on it open for
        // writing, as SQLite does: try it under the running CLI, and if the kernel refuses,
        // turn the disk read-only between two runs instead.
        let remountedUnderRunningCli = true;
        try {
          mountCommand(['-o', 'remount,ro', dataDir]);
        } catch (error) {
          remountedUnderRunningCli = false;
          expect((error as { stderr?: Buffer }).stderr?.toString() ?? '').toMatch(/busy/i);
        }
        let run = first;
        if (!remountedUnderRunningCli) {
          first.child.kill('SIGTERM');
          expect((await first.exit).code, first.output()).toBe(0);
          mountCommand(['-o', 'remount,ro', dataDir]);
          run = spawnSync(dataDir, sandbox);
        }
        console.log(`durability read-only: remount,ro ${remountedUnderRunningCli ? 'under the running CLI' : 'between runs (EBUSY while the CLI held the file)'}`);
        await waitUntil(
          () => /The history file cannot be written \(read-only disk or permissions\)/.test(run.output()) || run.exited(),
          () => `no read-only message in the output:\n${run.output()}`,
          30_000,
        );
        expect(run.output()).toMatch(/The history file cannot be written \(read-only disk or permissions\)\. Check the data folder\./);
        expect(run.exited(), `sync exited on a read-only disk instead of waiting for it:\n${run.output()}`).toBe(false);

        mountCommand(['-o', 'remount,rw', dataDir]);
        await expectRecordingCompletes(run, file, sandbox);
      } finally {
        await sandbox.close();
      }
    }, 120_000);
  });
});
