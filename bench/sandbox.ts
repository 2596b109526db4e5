import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../src/sim/server';

// The sandbox's own targets: a million rounds of history in seconds, and REST pages served fast
// enough that it is never the bottleneck of a backfill test.

export async function historyGeneration(rounds: number): Promise<{ seconds: number; rounds: number }> {
  const started = performance.now();
  const sandbox = await startSandbox({ seed: 'bench-history', games: ['stake-crash'], historyRounds: rounds });
  const seconds = (performance.now() - started) / 1000;
  const generated = sandbox.rounds('stake-crash').length;
  await sandbox.close();
  return { seconds, rounds: generated };
}

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const BENCH_KEY = 'bench-unthrottled';

/**
 * CPU seconds (user + system) a process has used, from /proc on Linux; null elsewhere. Clock
 * ticks are USER_HZ, 100 on every Linux Node supports.
 */
function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export interface ServingFigures {
  /** Pages per wall-clock second: on two cores, bounded by the client sharing the machine. */
  readonly pagesPerSecond: number;
  /** Pages per CPU-second of the sandbox process: what one sandbox serves given a client that keeps up. */
  readonly pagesPerCpuSecond: number | null;
  readonly failures: number;
}

/**
 * Pages of 1,000 rounds that one sandbox process (a child, as `roundlog sim` runs) serves to
 * keep-alive clients in this process; bodies are read and discarded.
 */
export async function restPagesPerSecond(durationMs: number, clients: number): Promise<ServingFigures> {
  const { child, url } = await startSimProcess([
    '--seed', 'bench-serve', '--games', 'stake-crash', '--history', '200000rounds', '--keys', `${BENCH_KEY}:enterprise:1000000000`,
  ]);
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: clients });
    const newest = await latestIndex(url, agent);
    let pages = 0;
    let failures = 0;
    const cpuBefore = cpuSecondsOf(child.pid!);
    const deadline = performance.now() + durationMs;
    const started = performance.now();
    const lane = async (lane: number): Promise<void> => {
      for (let i = 0; performance.now() < deadline; i++) {
        const before = newest - BigInt(((lane * 7919 + i * 104_729) % 190_000) + 1);
        const ok = await getPage(url, agent, `/v1-beta/games/stake-crash/rounds?limit=1000&before_index=${before}`);
        if (ok) pages++;
        else failures++;
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, lane) => lane).map(lane));
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSecondsOf(child.pid!);
    agent.destroy();
    const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return { pagesPerSecond: pages / seconds, pagesPerCpuSecond: cpuSeconds ? pages / cpuSeconds : null, failures };
  } finally {
    child.kill();
  }
}

/** `roundlog sim` in a child process, as an upstream on another machine would be: its CPU is not ours. */
export async function startSimProcess(args: readonly string[]): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [CLI, 'sim', '--port', '0', ...args]);
  const url = await new Promise<URL>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /sandbox on (http:\/\/\S+)/.exec(output);
      if (match) resolve(new URL(match[1]!));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`roundlog sim exited (${code}): ${output}`)));
  });
  return { child, url };
}

function getPage(url: URL, agent: Agent, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, path, agent, headers: { Authorization: `Bearer ${BENCH_KEY}` } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(res.statusCode === 200 && bytes > 100_000));
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function latestIndex(url: URL, agent: Agent): Promise<bigint> {
  const body = await new Promise<string>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/v1-beta/games/stake-crash/rounds/latest', agent, headers: { Authorization: `Bearer ${BENCH_KEY}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end();
  });
  const match = /"round_index":(\d+)/.exec(body);
  if (!match) throw new Error(`no round_index in /rounds/latest: ${body.slice(0, 200)}`);
  return BigInt(match[1]!);
}
