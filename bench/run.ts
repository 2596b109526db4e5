import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRoundlog } from '../src/main/core/compose';
import { workerPageParser } from '../src/main/core/sources/trackersino/page-parser';
import { parseRoundPage } from '../src/main/core/sources/trackersino/round-page';
import { openDatabase } from '../src/main/core/store/database';
import { History } from '../src/main/core/store/history';
import { RoundWriter } from '../src/main/core/store/round-writer';
import { pagesAhead } from '../src/main/core/sync/walk';
import { TIER_LIMITS } from '../src/shared/tiers';
import { startSandbox } from '../src/sim/server';
import { percentile, printReport, type Figure } from './report';
import { historyGeneration, restPagesPerSecond } from './sandbox';
import { statsFigures } from './stats';
import { exportFigures } from './export';
import { deepBackfill, liveCpuPerRound } from './sync';
import { uiFigures } from './ui';
import { alertFigures } from './alerts';

// `npm run bench`: figures for the targets of the walking skeleton, on this machine, in one run.
// Both ingest paths write the same sandbox rows into fresh files with the same schema and pragmas.

const INGEST_ROUNDS = 200_000;
const PAGE_SIZE = 1_000;
const LATENCY_FRAMES = 400;
/** Disk and CPU figures on a shared 2-core machine swing ±15%: each ingest figure is a median of runs. */
const INGEST_RUNS = 3;

async function sandboxRows(count: number): Promise<string[]> {
  // ~24 s a crash round (flight plus betting) at speed 1: a history long enough to hold `count` rounds.
  const sandbox = await startSandbox({ seed: 'bench', games: ['stake-crash'], speed: 1, historyMs: count * 30_000 });
  const rows = sandbox.rounds('stake-crash').slice(-count).map((round) => round.json);
  await sandbox.close();
  if (rows.length < count) throw new Error(`sandbox produced ${rows.length} rounds, wanted ${count}`);
  return rows;
}

function freshStore(dir: string, name: string) {
  const db = openDatabase(join(dir, name));
  return { db, history: new History(db, () => 'crash') };
}

/** Pages in flight at once: as many as a Pro key's backfill asks for ahead of itself. */
const PAGES_IN_FLIGHT = pagesAhead(TIER_LIMITS.pro.ratePerSecond);

async function ingestThroughRoundlog(dir: string, pages: string[]): Promise<number> {
  const { db, history } = freshStore(dir, 'roundlog.sqlite');
  const writer = new RoundWriter(history);
  const parser = workerPageParser(new URL('./page-parse-worker.js', import.meta.url));
  let stored = 0;
  writer.committed.on((rounds) => (stored += rounds.length));
  const started = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < pages.length) {
      const page = pages[next++]!;
      writer.enqueue((await parser.parse('stake-crash', page)).rounds, { bulk: true });
    }
  };
  await Promise.all(Array.from({ length: PAGES_IN_FLIGHT }, lane));
  writer.flush();
  await writer.idle();
  const seconds = (performance.now() - started) / 1000;
  await parser.close();
  db.close();
  if (stored !== INGEST_ROUNDS) throw new Error(`stored ${stored} of ${INGEST_ROUNDS}`);
  return INGEST_ROUNDS / seconds;
}

function ingestRaw(dir: string, pages: string[]): number {
  // The same values, already extracted, inserted with one prepared statement: SQLite's own cost.
  const rows = pages.flatMap((page) => parseRoundPage('stake-crash', page).rounds);
  const { db, history } = freshStore(dir, 'raw.sqlite');
  const gameId = history.rounds.gameId('stake-crash');
  const insert = db.prepare(`
    INSERT INTO rounds (game_id, round_id, round_index, multiplier, multiplier_value, segment, finalized_us, finalized_at, row_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (game_id, round_id) DO NOTHING`);
  const insertBatch = db.transaction((batch: typeof rows) => {
    for (const r of batch) insert.run(gameId, r.roundId, r.roundIndex, r.multiplier, Number(r.multiplier), r.segment, r.finalizedUs, r.finalizedAt, r.json);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 20_000) insertBatch(rows.slice(i, i + 20_000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

async function frameToSubscriber(dir: string): Promise<number[]> {
  const sandbox = await startSandbox({ seed: 'bench-latency', games: ['stake-crash', 'crazytime'], speed: 300, historyMs: 60_000 });
  const core = await startRoundlog(
    {
      dataDir: dir,
      upstream: { baseUrl: sandbox.url, apiKey: sandbox.key },
      games: ['stake-crash', 'crazytime'],
      historyDepthMs: 60_000,
      tier: 'auto',
      pingIntervalMs: 25_000,
    },
    { pageParseWorker: new URL('./page-parse-worker.js', import.meta.url) },
  );
  const sentAt = new Map<string, number>();
  const delays: number[] = [];
  sandbox.onFrameSent((game, roundId, at) => sentAt.set(`${game}/${roundId}`, at));
  await new Promise<void>((resolve) => {
    core.service.onRounds((rounds) => {
      const now = performance.now();
      for (const round of rounds) {
        const sent = sentAt.get(`${round.game}/${round.roundId}`);
        if (sent !== undefined && core.recorder.game(round.game)?.state === 'live') delays.push(now - sent);
      }
      if (delays.length >= LATENCY_FRAMES) resolve();
    });
  });
  await core.close();
  await sandbox.close();
  return delays;
}

const BACKFILL_ROUNDS = 1_000_000;
const LIVE_CPU_SECONDS = 10;

async function walkingSkeletonFigures(dir: string): Promise<{ figures: Figure[]; context: Record<string, number> }> {
  const rows = await sandboxRows(INGEST_ROUNDS);
  const pages: string[] = [];
  for (let i = 0; i < rows.length; i += PAGE_SIZE) pages.push(`[${rows.slice(i, i + PAGE_SIZE).join(',')}]`);
  const raws: number[] = [];
  const roundlogs: number[] = [];
  for (let run = 0; run < INGEST_RUNS; run++) {
    const runDir = join(dir, `run${run}`);
    raws.push(ingestRaw(runDir, pages));
    roundlogs.push(await ingestThroughRoundlog(runDir, pages));
    rmSync(runDir, { recursive: true, force: true });
  }
  const raw = percentile(raws, 0.5);
  const roundlog = percentile(roundlogs, 0.5);
  const delays = await frameToSubscriber(join(dir, 'latency'));
  const history = await historyGeneration(1_000_000);
  const serving = await restPagesPerSecond(5_000, 8);
  return {
    figures: [
      { name: 'ingest_rounds_per_s', value: roundlog, unit: 'rounds/s', target: '>= 100000', ok: roundlog >= 100_000 },
      { name: 'raw_insert_rounds_per_s', value: raw, unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'raw_to_ingest_ratio', value: raw / roundlog, unit: 'x', target: '<= 2', ok: raw / roundlog <= 2 },
      { name: 'frame_to_subscriber_p50_ms', value: percentile(delays, 0.5), unit: 'ms', target: 'reference', ok: true },
      { name: 'frame_to_subscriber_p99_ms', value: percentile(delays, 0.99), unit: 'ms', target: '<= 20', ok: percentile(delays, 0.99) <= 20 },
      { name: 'sandbox_history_1m_rounds_s', value: (history.seconds * 1_000_000) / history.rounds, unit: 's', target: '<= 5', ok: (history.seconds * 1_000_000) / history.rounds <= 5 },
      {
        name: 'sandbox_rest_pages_per_s',
        value: serving.pagesPerSecond,
        unit: 'pages/s',
        target: '>= 500',
        ok: serving.pagesPerSecond >= 500 && serving.failures === 0,
      },
      { name: 'sandbox_rest_pages_per_cpu_s', value: serving.pagesPerCpuSecond ?? Number.NaN, unit: 'pages/cpu-s', target: 'reference', ok: true },
    ],
    context: { rounds: INGEST_ROUNDS, page_size: PAGE_SIZE, pages_in_flight: PAGES_IN_FLIGHT, ingest_runs: INGEST_RUNS, latency_frames: delays.length, sandbox_rest_failures: serving.failures },
  };
}

async function syncFigures(dir: string): Promise<{ figures: Figure[]; context: Record<string, number> }> {
  const backfill = await deepBackfill(dir, Number(process.env.ROUNDLOG_BENCH_BACKFILL_ROUNDS ?? BACKFILL_ROUNDS));
  const live = await liveCpuPerRound(dir, LIVE_CPU_SECONDS);
  const ratio = backfill.seconds / backfill.limitSeconds;
  return {
    figures: [
      { name: 'pro_backfill_1m_rounds_s', value: backfill.seconds, unit: 's', target: 'reference', ok: true },
      { name: 'pro_backfill_rate_limit_s', value: backfill.limitSeconds, unit: 's', target: 'reference', ok: true },
      { name: 'pro_backfill_to_limit_ratio', value: ratio, unit: 'x', target: '<= 1.1', ok: ratio <= 1.1 },
      { name: 'pro_backfill_429s', value: backfill.rateLimited, unit: '', target: '0', ok: backfill.rateLimited === 0 },
      { name: 'live_cpu_per_round_us', value: live.microsPerRound, unit: 'µs', target: '<= 20', ok: live.microsPerRound <= 20 },
    ],
    context: {
      backfill_rounds_stored: backfill.rounds,
      backfill_requests: backfill.requests,
      live_rounds: live.rounds,
      live_rounds_per_s: Math.round(live.roundsPerSecond),
    },
  };
}

/** `npm run bench` runs every group; `node out/main/bench.js sync` (or `skeleton`, `stats`, `ui`, `export`, `alerts`) runs one. */
async function main(): Promise<void> {
  const only = process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), 'roundlog-bench-'));
  try {
    const groups = [
      ...(only === undefined || only === 'skeleton' ? [await walkingSkeletonFigures(dir)] : []),
      ...(only === undefined || only === 'sync' ? [await syncFigures(dir)] : []),
      ...(only === undefined || only === 'stats' ? [await statsFigures(dir)] : []),
      ...(only === undefined || only === 'ui' ? [await uiFigures(dir)] : []),
      ...(only === undefined || only === 'alerts' ? [await alertFigures(dir)] : []),
      ...(only === undefined || only === 'export' ? [await exportFigures(dir)] : []),
    ];
    printReport(groups.flatMap((group) => group.figures), Object.assign({}, ...groups.map((group) => group.context)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
