import type { Database } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { StatsEngine } from '../src/main/core/stats/stats-engine';
import { openDatabase } from '../src/main/core/store/database';
import { History } from '../src/main/core/store/history';
import { catalogKind } from '../src/shared/games';
import { HEADLINE_THRESHOLDS } from '../src/shared/stats/thresholds';
import { WINDOW_PRESETS, WINDOW_PRESET_MS, type StatsWindow } from '../src/shared/stats/window';
import { microsToIso } from '../src/shared/time';
import { percentile, type Figure } from './report';
import { seededRandom } from '../src/sim/seeded-random';

// The statistics engine's targets on a long history of one crash game: a summary and a dashboard
// over any preset window answered from the rollups in milliseconds, however many rounds are
// stored, and far faster than the plain scan of the rounds that gives the same figures.

const GAME = 'stake-crash';
const DEFAULT_ROUNDS = 10_000_000;
const INSERT_BATCH = 100_000;
/** A round every 8–12 s: 10 M rounds are ~3.2 years. */
const MIN_GAP_US = 8_000_000;
const GAP_SPREAD_US = 4_000_000;
/**
 * The last round lands half-way through its UTC hour, so a window's opening part-hour holds half
 * an hour of rows: the typical case, between an edge at the top of the hour and one at its end.
 */
const END_US = Date.UTC(2026, 4, 1, 12, 30) * 1000;
const FIRST_INDEX = 7_393_228_772_258_146_753n;
const WARM_UP_CALLS = 5;
const SUMMARY_CALLS = 60;
const WINDOW_CALLS = 25;
const MINUTE_US = 60_000_000;


const cents = (amount: number): string => `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;

/**
 * Writes `count` Stake crash rounds straight into `rounds` (P(M ≥ x) = 0.99/x on the 0.01 grid)
 * with one prepared INSERT in large transactions, and returns the time it took and the newest
 * round's time. Round ids count up, so every index grows at its end, as a live history's do.
 */
function writeRounds(db: Database, count: number): { seconds: number; firstUs: number; lastUs: number } {
  const gaps = seededRandom(1);
  let span = 0;
  for (let n = 1; n < count; n++) span += MIN_GAP_US + Math.floor(gaps() * GAP_SPREAD_US);
  const timeGaps = seededRandom(1);
  const random = seededRandom(2);
  const gameId = Number(db.prepare('INSERT INTO games (slug, kind) VALUES (?, ?)').run(GAME, 'crash').lastInsertRowid);
  const insert = db.prepare(`
    INSERT INTO rounds (game_id, round_id, round_index, multiplier, multiplier_value, segment, finalized_us, finalized_at, row_json)
    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`);
  let us = END_US - span;
  const insertBatch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      if (n > 0) us += MIN_GAP_US + Math.floor(timeGaps() * GAP_SPREAD_US);
      const hundredths = Math.max(100, Math.floor(99 / (1 - random())));
      const multiplier = `${cents(hundredths)}00`;
      const bettors = 150 + Math.floor(random() * 250);
      const betCents = bettors * (200 + Math.floor(random() * 3000));
      const winShare = hundredths === 100 ? 0 : Math.min(0.95, random() * (1 - 100 / hundredths) * 2);
      const payoutCents = Math.floor(betCents * winShare * 1.6);
      const index = FIRST_INDEX + BigInt(n);
      const roundId = `5c0f3e9a17b2${n.toString(16).padStart(12, '0')}`;
      const json =
        `{"round_index":${index},"round_id":"${roundId}","multiplier":"${multiplier}","raw":{"totalAmount":${cents(payoutCents)},` +
        `"bettorsCount":${bettors},"totalWinners":${Math.floor(bettors * winShare)},"totalBetAmount":${cents(betCents)}}}`;
      insert.run(gameId, roundId, index, multiplier, hundredths / 100, us, microsToIso(us), json);
    }
  });
  const started = performance.now();
  for (let from = 0; from < count; from += INSERT_BATCH) insertBatch(from, Math.min(count, from + INSERT_BATCH));
  return { seconds: (performance.now() - started) / 1000, firstUs: END_US - span, lastUs: us };
}

/** Bytes of the whole file and of the rollup tables (null when SQLite lacks dbstat). */
function storage(db: Database): { fileBytes: number; rollupBytes: number | null } {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  let rollupBytes: number | null = null;
  try {
    // `aggregate` per table: dbstat walks only that b-tree, not the rounds' gigabytes.
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'stats_%'").pluck().all() as string[];
    const size = db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ? AND aggregate = TRUE').pluck();
    rollupBytes = tables.reduce((total, name) => total + ((size.get(name) as number | null) ?? 0), 0);
  } catch {
    rollupBytes = null;
  }
  return { fileBytes: pages * pageSize, rollupBytes };
}

/** Wall-clock milliseconds of each call after a warm-up; `call` gets the call's number. */
function timed(calls: number, call: (n: number) => void): number[] {
  for (let n = 0; n < WARM_UP_CALLS; n++) call(n);
  const times: number[] = [];
  for (let n = 0; n < calls; n++) {
    const started = performance.now();
    call(n);
    times.push(performance.now() - started);
  }
  return times;
}

interface WindowFigures {
  rounds: number;
  hits: number[];
  mean: number | null;
  max: number | null;
}

/** The figures a preset window shares with the engine, by one scan of the window's rows. */
class RoundScan {
  private readonly windowQuery;
  private readonly countQuery;
  private readonly medianQuery;

  constructor(
    db: Database,
    private readonly gameId: number,
  ) {
    const hits = HEADLINE_THRESHOLDS.map((threshold, slot) => `sum(multiplier_value >= ${threshold}) AS h${slot}`).join(', ');
    this.windowQuery = db.prepare(
      `SELECT count(*) AS n, ${hits}, avg(multiplier_value) AS mean, max(multiplier_value) AS max FROM rounds WHERE game_id = ? AND finalized_us >= ?`,
    );
    this.countQuery = db.prepare('SELECT count(*) FROM rounds WHERE game_id = ? AND finalized_us >= ?').pluck();
    this.medianQuery = db
      .prepare('SELECT multiplier_value FROM rounds WHERE game_id = ? AND finalized_us >= ? ORDER BY multiplier_value LIMIT 1 OFFSET ?')
      .pluck();
  }

  window(fromUs: number): WindowFigures {
    const row = this.windowQuery.get(this.gameId, fromUs) as Record<string, number | null>;
    return {
      rounds: row.n as number,
      hits: HEADLINE_THRESHOLDS.map((_, slot) => row[`h${slot}`] ?? 0),
      mean: row.mean ?? null,
      max: row.max ?? null,
    };
  }

  summary(nowUs: number): { counts: number[]; median24h: number | null } {
    const counts = [5, 15, 60, 24 * 60].map((minutes) => this.countQuery.get(this.gameId, nowUs - minutes * MINUTE_US) as number);
    const day = counts[3] as number;
    const median24h = day === 0 ? null : (this.medianQuery.get(this.gameId, nowUs - 24 * 60 * MINUTE_US, Math.floor((day - 1) / 2)) as number);
    return { counts, median24h };
  }
}

function engineFigures(engine: StatsEngine, window: StatsWindow, nowUs: number): WindowFigures {
  const { multiplier } = engine.gameStats({ game: GAME, window, houseEdge: null, nowUs });
  const max = multiplier.distribution.shape.max;
  return {
    rounds: multiplier.window.rounds,
    hits: multiplier.frequency.thresholds.map((threshold) => threshold.rate.hits),
    mean: multiplier.distribution.shape.mean,
    max: max === null ? null : Number(max.multiplier),
  };
}

const sameFigures = (a: WindowFigures, b: WindowFigures): boolean =>
  a.rounds === b.rounds &&
  a.hits.every((hits, slot) => hits === b.hits[slot]) &&
  a.max === b.max &&
  (a.mean === null ? b.mean === null : b.mean !== null && Math.abs(a.mean - b.mean) <= 1e-9 * a.mean);

const msFigure = (name: string, times: readonly number[], q: number, limit: number | null): Figure => {
  const value = percentile(times, q);
  return { name, value, unit: 'ms', target: limit === null ? 'reference' : `<= ${limit}`, ok: limit === null || value <= limit };
};

export async function statsFigures(dir: string): Promise<{ figures: Figure[]; context: Record<string, number> }> {
  const rounds = Number(process.env.ROUNDLOG_BENCH_STATS_ROUNDS ?? DEFAULT_ROUNDS);
  const file = join(dir, 'stats.sqlite');
  const db = openDatabase(file);
  try {
    const written = writeRounds(db, rounds);
    db.prepare("INSERT INTO stats_rebuild (game_id) SELECT id FROM games WHERE slug = ?").run(GAME);
    const rebuildStarted = performance.now();
    const history = new History(db, catalogKind);
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const engine = new StatsEngine(db, history);
    const scan = new RoundScan(db, history.rounds.gameId(GAME));
    const { fileBytes, rollupBytes } = storage(db);

    // "Now" is a few seconds after the newest round, moved by up to a minute per call so the
    // windows' part-hour edges differ from call to call; engine and scan see the same instants.
    const offsets = seededRandom(3);
    const nows = Array.from({ length: WARM_UP_CALLS + SUMMARY_CALLS }, () => written.lastUs + 1_000_000 + Math.floor(offsets() * 59_000_000));
    const nowAt = (n: number): number => nows[n % nows.length] as number;

    let disagreements = 0;
    const summary = engine.summary(GAME, nowAt(0));
    const scanned = scan.summary(nowAt(0));
    const { counts } = summary;
    if ([counts.last5m, counts.last15m, counts.last1h, counts.last24h].some((count, i) => count !== scanned.counts[i])) disagreements++;
    const median = summary.shape24h.median;
    if ((median === null) !== (scanned.median24h === null) || (median !== null && Math.abs(median / scanned.median24h! - 1) > 0.0101)) disagreements++;
    const summaryTimes = timed(SUMMARY_CALLS, (n) => engine.summary(GAME, nowAt(n)));
    const summaryScanTimes = timed(SUMMARY_CALLS, (n) => scan.summary(nowAt(n)));

    const figures: Figure[] = [
      { name: 'stats_insert_rounds_per_s', value: rounds / written.seconds, unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'stats_rebuild_rounds_per_s', value: rounds / rebuildSeconds, unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'stats_db_bytes_per_round', value: fileBytes / rounds, unit: 'B', target: 'reference', ok: true },
      ...(rollupBytes === null ? [] : [{ name: 'stats_rollup_share_pct', value: (100 * rollupBytes) / fileBytes, unit: '%', target: 'reference', ok: true }]),
      msFigure('stats_summary_p50_ms', summaryTimes, 0.5, 10),
      msFigure('stats_summary_p95_ms', summaryTimes, 0.95, null),
      msFigure('stats_summary_scan_p50_ms', summaryScanTimes, 0.5, null),
      speedUp('stats_summary_speedup', summaryScanTimes, summaryTimes),
    ];
    const context: Record<string, number> = {
      stats_rounds: rounds,
      stats_history_days: Math.round((written.lastUs - written.firstUs) / 86_400e6),
      stats_rebuild_s: Number(rebuildSeconds.toFixed(1)),
      stats_summary_calls: SUMMARY_CALLS,
      stats_window_calls: WINDOW_CALLS,
      stats_summary_scan_p95_ms: Number(percentile(summaryScanTimes, 0.95).toFixed(3)),
      stats_dbstat_available: rollupBytes === null ? 0 : 1,
    };

    for (const window of [...WINDOW_PRESETS, 'all'] as const) {
      const preset = window === 'all' ? null : window;
      if (preset !== null && !sameFigures(engineFigures(engine, preset, nowAt(0)), scan.window(nowAt(0) - WINDOW_PRESET_MS[preset] * 1000))) disagreements++;
      const times = timed(WINDOW_CALLS, (n) => engine.gameStats({ game: GAME, window, houseEdge: null, nowUs: nowAt(n) }));
      figures.push(msFigure(`stats_game_${window}_p50_ms`, times, 0.5, null), msFigure(`stats_game_${window}_p95_ms`, times, 0.95, preset === null ? null : 50));
      if (preset === null) continue;
      const scanTimes = timed(WINDOW_CALLS, (n) => scan.window(nowAt(n) - WINDOW_PRESET_MS[preset] * 1000));
      figures.push(msFigure(`stats_scan_${window}_p50_ms`, scanTimes, 0.5, null), speedUp(`stats_speedup_${window}`, scanTimes, times));
      context[`stats_scan_${window}_p95_ms`] = Number(percentile(scanTimes, 0.95).toFixed(3));
    }
    figures.push({ name: 'stats_scan_disagreements', value: disagreements, unit: '', target: '0', ok: disagreements === 0 });
    return { figures, context };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

/** How many times faster the engine answers than the scan (p50 against p50). */
function speedUp(name: string, scanTimes: readonly number[], engineTimes: readonly number[]): Figure {
  const value = percentile(scanTimes, 0.5) / percentile(engineTimes, 0.5);
  return { name, value, unit: 'x', target: '>= 100', ok: value >= 100 };
}
