import type { Database } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { StatsEngine } from '../src/main/core/stats/stats-engine';
import { openDatabase } from '../src/main/core/store/database';
import { History } from '../src/main/core/store/history';
import { catalogKind } from '../src/shared/games';
import { HEADLINE_THRESHOLDS } from '../src/shared/stats/thresholds';
import { WINDOW_PRESETS, WINDOW_PRESET_MS, type StatsWindow } from '../src/shared/stats/window';
import { percentile, type Figure } from './report';
import { seededRandom } from '../src/sim/seeded-random';
import { writeRounds } from '../test/support/synthetic-history';
import { sameBetSums, scanBets, writeBetHistory } from './bet-history';
import { betTallyOf } from '../src/main/core/stats/bets/bet-window';

// The statistics engine's targets on a long history of one crash game: a summary and a dashboard
// over any preset window answered from the rollups in milliseconds, however many rounds are
// stored, and far faster than the plain scan of the rounds that gives the same figures.

const GAME = 'stake-crash';
const DEFAULT_ROUNDS = 10_000_000;
/**
 * The last round lands half-way through its UTC hour, so a window's opening part-hour holds half
 * an hour of rows: the typical case, between an edge at the top of the hour and one at its end.
 */
const END_US = Date.UTC(2026, 4, 1, 12, 30) * 1000;
const FIRST_INDEX = 7_393_228_772_258_146_753n;
const WARM_UP_CALLS = 5;
const SUMMARY_CALLS = 60;
const WINDOW_CALLS = 25;
/** The whole-history delay scan takes seconds at 10,000,000 rounds: timed fewer times. */
const DELAY_SCAN_CALLS = 3;
const MINUTE_US = 60_000_000;
/** Days of recorded bet snapshots, and how many of them go through the app's write path (the rest are copies). */
const BET_DAYS = 31;
const BET_RECORDED_DAYS = 3;
/** The bets' plain scan decodes every round of the window (seconds for 30 days): timed fewer times. */
const BET_SCAN_CALLS = 3;

/** Bytes of the whole file and of the rollup tables (null when SQLite lacks dbstat). */
/** Bytes of the tables (and their indexes' b-trees named alike) matching `pattern`, or null without dbstat. */
function tableBytes(db: Database, pattern: string): number | null {
  try {
    // `aggregate` per table: dbstat walks only that b-tree, not the rounds' gigabytes.
    const tables = db.prepare('SELECT name FROM sqlite_schema WHERE name LIKE ?').pluck().all(pattern) as string[];
    const size = db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ? AND aggregate = TRUE').pluck();
    return tables.reduce((total, name) => total + ((size.get(name) as number | null) ?? 0), 0);
  } catch {
    return null;
  }
}

function storage(db: Database): { fileBytes: number; rollupBytes: number | null } {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return { fileBytes: pages * pageSize, rollupBytes: tableBytes(db, 'stats_%') };
}

/** Wall-clock milliseconds of each call after a warm-up; `call` gets the call's number. */
function timed(calls: number, call: (n: number) => void, warmUps = WARM_UP_CALLS): number[] {
  for (let n = 0; n < warmUps; n++) call(n);
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

/** The whole-history figures of every delay row: lifetime hits per threshold, and rounds since the last hit. */
interface DelayFigures {
  rounds: number;
  hits: number[];
  /** Rounds from the last hit on, the hit included (as the engine counts them); null if never hit. */
  since: (number | null)[];
}

/**
 * The figures a window's panels share with the engine, by plain SQL over the rounds: the window's
 * counts, hits, mean and maximum from its rows, and the delay table's whole-history figures.
 */
class RoundScan {
  private readonly windowQuery;
  private readonly countQuery;
  private readonly medianQuery;
  private readonly roundsQuery;
  private readonly hitsQuery;
  private readonly sinceQuery;

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
    // Per threshold on rounds_by_multiplier: measured, 3× faster than one pass summing every threshold.
    this.roundsQuery = db.prepare('SELECT count(*) FROM rounds WHERE game_id = ?').pluck();
    this.hitsQuery = db.prepare('SELECT count(*) FROM rounds WHERE game_id = ? AND multiplier_value >= ?').pluck();
    // The last hit by a walk back from the newest round on rounds_by_time: left to itself, SQLite
    // visits every hit on rounds_by_multiplier instead (measured, 2.4 s for 1.5× on 1M rounds, not
    // 0.1 ms). The synthetic history has a round every 8–12 s, so no two share an instant.
    this.sinceQuery = db
      .prepare(`
        SELECT count(*) FROM rounds WHERE game_id = @game AND finalized_us >= (
          SELECT finalized_us FROM rounds INDEXED BY rounds_by_time
          WHERE game_id = @game AND multiplier_value >= @threshold ORDER BY finalized_us DESC LIMIT 1)`)
      .pluck();
  }

  /** Lifetime counts from the multiplier index, then a walk back from the newest round per threshold. */
  delays(): DelayFigures {
    const since = HEADLINE_THRESHOLDS.map((threshold) => {
      const count = this.sinceQuery.get({ game: this.gameId, threshold }) as number;
      return count === 0 ? null : count;
    });
    const hits = HEADLINE_THRESHOLDS.map((threshold) => this.hitsQuery.get(this.gameId, threshold) as number);
    return { rounds: this.roundsQuery.get(this.gameId) as number, hits, since };
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
    const written = writeRounds(db, { game: GAME, count: rounds, endUs: END_US, firstIndex: FIRST_INDEX, rebuildRollups: true });
    const rebuildStarted = performance.now();
    const history = new History(db, catalogKind);
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const { fileBytes, rollupBytes } = storage(db);
    // A month of bet snapshots, as the app records them while it runs: every panel set reads them.
    const betHistory = writeBetHistory(db, history, GAME, written.lastUs, BET_DAYS, BET_RECORDED_DAYS);
    const engine = new StatsEngine(db, history);
    const gameId = history.rounds.gameId(GAME);
    const scan = new RoundScan(db, gameId);

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

    // A panel set carries the delay table, whose figures span the whole history whatever the
    // window: the scan's cost for a window is its window query plus these (timed apart, fewer
    // times, as they take seconds and do not depend on the window).
    const engineDelays = engine.gameStats({ game: GAME, window: '5m', houseEdge: null, nowUs: nowAt(0) }).multiplier.delays;
    const scannedDelays = scan.delays();
    const delayDisagreements = engineDelays.filter(
      (delay, slot) =>
        delay.lifetimeHits !== scannedDelays.hits[slot] ||
        delay.lifetimeRounds !== scannedDelays.rounds ||
        (delay.drought.seen ? delay.drought.roundsSince : null) !== scannedDelays.since[slot],
    ).length;
    disagreements += delayDisagreements;
    const delayScanTimes = timed(DELAY_SCAN_CALLS, () => scan.delays(), 1);
    const delayScanMs = percentile(delayScanTimes, 0.5);

    const figures: Figure[] = [
      { name: 'stats_insert_rounds_per_s', value: rounds / written.seconds, unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'stats_rebuild_rounds_per_s', value: rounds / rebuildSeconds, unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'stats_db_bytes_per_round', value: fileBytes / rounds, unit: 'B', target: 'reference', ok: true },
      ...(rollupBytes === null ? [] : [{ name: 'stats_rollup_share_pct', value: (100 * rollupBytes) / fileBytes, unit: '%', target: 'reference', ok: true }]),
      msFigure('stats_summary_p50_ms', summaryTimes, 0.5, 10),
      msFigure('stats_summary_p95_ms', summaryTimes, 0.95, null),
      msFigure('stats_summary_scan_p50_ms', summaryScanTimes, 0.5, null),
      msFigure('stats_scan_delays_p50_ms', delayScanTimes, 0.5, null),
      // The summary's delay rows are a subset of the panels': its scan pays the same pass.
      speedUp('stats_summary_speedup', summaryScanTimes.map((ms) => ms + delayScanMs), summaryTimes),
    ];
    const context: Record<string, number> = {
      stats_rounds: rounds,
      stats_history_days: Math.round((written.lastUs - written.firstUs) / 86_400e6),
      stats_rebuild_s: Number(rebuildSeconds.toFixed(1)),
      stats_summary_calls: SUMMARY_CALLS,
      stats_window_calls: WINDOW_CALLS,
      stats_summary_scan_p95_ms: Number(percentile(summaryScanTimes, 0.95).toFixed(3)),
      stats_dbstat_available: rollupBytes === null ? 0 : 1,
      stats_bet_rounds_recorded: betHistory.rounds,
      stats_bets_recorded: betHistory.bets,
      stats_bet_days: betHistory.recordedDays + betHistory.copiedDays,
      stats_bet_write_s: Number(betHistory.seconds.toFixed(1)),
      stats_bet_bytes_per_round: Math.round((tableBytes(db, 'bet_%') ?? Number.NaN) / (db.prepare('SELECT count(*) FROM bet_rounds').pluck().get() as number)),
    };

    for (const window of [...WINDOW_PRESETS, 'all'] as const) {
      const preset = window === 'all' ? null : window;
      if (preset !== null && !sameFigures(engineFigures(engine, preset, nowAt(0)), scan.window(nowAt(0) - WINDOW_PRESET_MS[preset] * 1000))) disagreements++;
      if (preset !== null) {
        const fromUs = nowAt(0) - WINDOW_PRESET_MS[preset] * 1000;
        if (!sameBetSums(betTallyOf(history.bets, gameId, fromUs, nowAt(0) + 1), scanBets(db, gameId, fromUs, nowAt(0) + 1))) disagreements++;
      }
      const times = timed(WINDOW_CALLS, (n) => engine.gameStats({ game: GAME, window, houseEdge: null, nowUs: nowAt(n) }));
      figures.push(msFigure(`stats_game_${window}_p50_ms`, times, 0.5, null), msFigure(`stats_game_${window}_p95_ms`, times, 0.95, preset === null ? null : 50));
      if (preset === null) continue;
      const scanTimes = timed(WINDOW_CALLS, (n) => scan.window(nowAt(n) - WINDOW_PRESET_MS[preset] * 1000));
      // The bets panel's figures without its sums: every bet of the window decoded and added up.
      const betScanTimes = timed(BET_SCAN_CALLS, (n) => scanBets(db, gameId, nowAt(n) - WINDOW_PRESET_MS[preset] * 1000, nowAt(n) + 1), 1);
      const betScanMs = percentile(betScanTimes, 0.5);
      figures.push(
        msFigure(`stats_scan_${window}_p50_ms`, scanTimes, 0.5, null),
        msFigure(`stats_scan_bets_${window}_p50_ms`, betScanTimes, 0.5, null),
        speedUp(`stats_speedup_${window}`, scanTimes.map((ms) => ms + delayScanMs + betScanMs), times),
      );
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
