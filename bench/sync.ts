import { join } from 'node:path';
import { startRoundlog, type RoundlogCore } from '../src/main/core/compose';
import type { RoundlogConfig } from '../src/main/core/config';
import { TIER_LIMITS } from '../src/shared/tiers';
import { startSimProcess } from './sandbox';

// The sync engine's targets: a deep backfill as fast as the key's rate limit allows without a
// single 429, and the main-process CPU each live round costs.

const PAGE_PARSE_WORKER = new URL('./page-parse-worker.js', import.meta.url);
const KEY = 'bench-pro-key';

function config(dataDir: string, url: URL, games: string[], historyDepthMs: number | null): RoundlogConfig {
  return { dataDir, upstream: { baseUrl: url.origin, apiKey: KEY }, games, historyDepthMs, tier: 'auto', pingIntervalMs: 25_000 };
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface BackfillFigures {
  readonly seconds: number;
  /** What the key's documented limit allows for the requests made: (requests - burst) / rate. */
  readonly limitSeconds: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly rounds: number;
}

/**
 * A Pro key's whole history of `rounds` rounds of one game, from a sandbox in another process,
 * with the tier learned from the stream as a customer's app does. The clock runs from the start
 * of the app until the history is known complete to its first round.
 */
export async function deepBackfill(dir: string, rounds: number): Promise<BackfillFigures> {
  const { child, url } = await startSimProcess(['--seed', 'bench-backfill', '--games', 'stake-crash', '--history', `${rounds}rounds`, '--key', KEY, '--tier', 'pro']);
  let core: RoundlogCore | null = null;
  try {
    const started = performance.now();
    core = await startRoundlog(config(join(dir, 'backfill'), url, ['stake-crash'], null), { pageParseWorker: PAGE_PARSE_WORKER });
    const live = core;
    await until(async () => (await live.service.getStatus({})).games[0]!.completeness.depthReached, 600_000, 'the backfill');
    const seconds = (performance.now() - started) / 1000;
    const status = await live.service.getStatus({});
    const requests = live.recorder.budget.grantedCount;
    const pro = TIER_LIMITS.pro;
    return {
      seconds,
      limitSeconds: Math.max(0, requests - pro.burst) / pro.ratePerSecond,
      requests,
      rateLimited: status.sync.rateLimitedCount,
      rounds: status.games[0]!.roundsStored,
    };
  } finally {
    await core?.close();
    child.kill();
  }
}

export interface LiveCpuFigures {
  readonly microsPerRound: number;
  readonly rounds: number;
  readonly roundsPerSecond: number;
}

/**
 * Main-process CPU per live round: parse the frame, store and commit it, extend the game's
 * complete history, push it to subscribers. The app's whole process is measured, every thread
 * (process.cpuUsage); the sandbox runs in a child process and is not. Games play 3000× faster
 * than real, so rounds arrive ~1.6 ms apart and share commits (the writer spaces live commits
 * 10 ms apart while they come that fast); at real cadence each round commits on its own.
 */
export async function liveCpuPerRound(dir: string, seconds: number): Promise<LiveCpuFigures> {
  const games = ['stake-crash', 'duel-crash', 'shuffle-crash', 'crazytime', 'slide'];
  const { child, url } = await startSimProcess(['--seed', 'bench-live', '--games', games.join(','), '--history', '2m', '--speed', '3000', '--key', KEY]);
  let core: RoundlogCore | null = null;
  try {
    core = await startRoundlog(config(join(dir, 'live'), url, games, 120_000), { pageParseWorker: PAGE_PARSE_WORKER });
    const live = core;
    await until(async () => (await live.service.getStatus({})).games.every((game) => game.state === 'live' && game.backfill === null), 120_000, 'live');
    let rounds = 0;
    const off = live.service.onRounds((committed) => (rounds += committed.length));
    // Status pushes are part of the live path: a window or serve socket subscribes to them.
    const offStatus = live.service.onStatus(() => {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    rounds = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const cpu = process.cpuUsage(cpuBefore);
    const elapsed = (performance.now() - started) / 1000;
    off();
    offStatus();
    if (rounds === 0) throw new Error('bench: no live rounds arrived');
    return { microsPerRound: (cpu.user + cpu.system) / rounds, rounds, roundsPerSecond: rounds / elapsed };
  } finally {
    await core?.close();
    child.kill();
  }
}
