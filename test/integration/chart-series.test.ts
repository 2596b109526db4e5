import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChartSeriesReader } from '../../src/main/core/browse/chart-series';
import { UnknownGameError } from '../../src/main/core/stats/stats-engine';
import { openDatabase } from '../../src/main/core/store/database';
import { History } from '../../src/main/core/store/history';
import { catalogKind } from '../../src/shared/games';
import { microsToIso } from '../../src/shared/time';
import { useTempDir } from '../support/temp-dir';

// The chart's series over a real history file: every round of a short span, a bucket's lowest and
// highest round of a long one, open ends resolved against the history, and a clear error for a
// game never seen. Rows are written straight into `rounds`, as bench/stats.ts does.

const GAME = 'stake-crash';
const START_US = Date.UTC(2026, 0, 1) * 1000;
const SECOND_US = 1_000_000;

/** Writes rounds one `stepUs` apart from START_US with the given multipliers (oldest first). */
function writeRounds(db: Database, multipliers: readonly number[], stepUs = 10 * SECOND_US, slug = GAME): void {
  const existing = db.prepare('SELECT id FROM games WHERE slug = ?').get(slug) as { id: number } | undefined;
  const gameId = existing?.id ?? Number(db.prepare('INSERT INTO games (slug, kind) VALUES (?, ?)').run(slug, catalogKind(slug)).lastInsertRowid);
  const insert = db.prepare(`
    INSERT INTO rounds (game_id, round_id, round_index, multiplier, multiplier_value, segment, finalized_us, finalized_at, row_json)
    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`);
  db.transaction(() => {
    multipliers.forEach((value, n) => {
      const us = START_US + n * stepUs;
      const multiplier = value.toFixed(4);
      const roundId = `r${n.toString(16).padStart(12, '0')}`;
      insert.run(gameId, roundId, n, multiplier, value, us, microsToIso(us), `{"round_id":"${roundId}","multiplier":"${multiplier}"}`);
    });
  })();
}

describe('the chart series of a game', () => {
  let dir: ReturnType<typeof useTempDir>;
  let db: Database;
  let reader: ChartSeriesReader;
  let history: History;
  beforeEach(() => {
    dir = useTempDir();
    db = openDatabase(join(dir.path, 'history.sqlite'));
    history = new History(db, catalogKind);
    reader = new ChartSeriesReader(db, history);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('gives every round of a span that fits the chart, oldest first', () => {
    writeRounds(db, [1, 2.5, 13.37, 1.01, 1000]);
    const series = reader.series({ game: GAME, fromUs: null, throughUs: null, maxPoints: 100 });
    expect(series).toEqual({
      fromUs: START_US,
      throughUs: START_US + 40 * SECOND_US,
      decimated: false,
      rounds: 5,
      times: [0, 10, 20, 30, 40].map((s) => START_US + s * SECOND_US),
      values: [1, 2.5, 13.37, 1.01, 1000],
    });
  });

  it('keeps both ends of a span inclusive and resolves an open end against the history', () => {
    writeRounds(db, [1, 2, 3, 4, 5, 6]);
    const middle = reader.series({ game: GAME, fromUs: START_US + 10 * SECOND_US, throughUs: START_US + 30 * SECOND_US, maxPoints: 100 });
    expect(middle.values).toEqual([2, 3, 4]);
    const toNewest = reader.series({ game: GAME, fromUs: START_US + 40 * SECOND_US, throughUs: null, maxPoints: 100 });
    expect(toNewest).toMatchObject({ throughUs: START_US + 50 * SECOND_US, rounds: 2, values: [5, 6] });
    const fromOldest = reader.series({ game: GAME, fromUs: null, throughUs: START_US + 5 * SECOND_US, maxPoints: 100 });
    expect(fromOldest).toMatchObject({ fromUs: START_US, rounds: 1, values: [1] });
  });

  it('answers an empty span with no points rather than an error', () => {
    writeRounds(db, [1, 2]);
    const before = reader.series({ game: GAME, fromUs: START_US - 100 * SECOND_US, throughUs: START_US - SECOND_US, maxPoints: 100 });
    expect(before).toMatchObject({ decimated: false, rounds: 0, times: [], values: [] });
  });

  it('decimates a long span to each bucket’s lowest and highest round, never more than maxPoints', () => {
    // 10,000 rounds: a 1.00× bust and one big round in every block of 100.
    const values = Array.from({ length: 10_000 }, (_, n) => (n % 100 === 37 ? 500 + n / 100 : n % 100 === 80 ? 1 : 1.5 + (n % 7) / 10));
    writeRounds(db, values);
    const series = reader.series({ game: GAME, fromUs: null, throughUs: null, maxPoints: 200 });
    expect(series.decimated).toBe(true);
    expect(series.rounds).toBe(10_000);
    expect(series.times.length).toBe(series.values.length);
    expect(series.values.length).toBeLessThanOrEqual(200);
    // Time order holds across and within buckets.
    expect(series.times.every((us, n) => n === 0 || us >= series.times[n - 1]!)).toBe(true);
    // The buckets are 100 rounds wide here: each keeps its big round and its 1.00× bust.
    const bigOnes = values.filter((value) => value >= 500);
    expect(series.values.filter((value) => value >= 500)).toEqual(bigOnes);
    expect(series.values.filter((value) => value === 1).length).toBe(100);
    expect(Math.max(...series.values)).toBe(Math.max(...values));
  });

  it('keeps the extremes of every bucket against a scan of the rounds', () => {
    const values = Array.from({ length: 5000 }, (_, n) => 1 + ((n * 7919) % 9973) / 10);
    writeRounds(db, values, 3 * SECOND_US);
    const series = reader.series({ game: GAME, fromUs: START_US, throughUs: START_US + 4999 * 3 * SECOND_US, maxPoints: 100 });
    const widthUs = Math.ceil((4999 * 3 * SECOND_US + 1) / 50);
    const scan = new Map<number, { low: number; high: number }>();
    values.forEach((value, n) => {
      const bucket = Math.floor((n * 3 * SECOND_US) / widthUs);
      const seen = scan.get(bucket) ?? { low: Infinity, high: -Infinity };
      scan.set(bucket, { low: Math.min(seen.low, value), high: Math.max(seen.high, value) });
    });
    const expected = [...scan.values()].flatMap(({ low, high }) => [low, high]);
    expect(series.values).toEqual(expected);
  });

  /**
   * 120,000 rounds 30 s apart (~42 days), a 1.00× floor and a 5,000× round every 7,000 rounds,
   * rolled up; and a span whose edges cut an hour and a day in the middle (read as rows).
   */
  function longHistory(): { values: number[]; fromUs: number; throughUs: number } {
    const values = Array.from({ length: 120_000 }, (_, n) => (n % 7000 === 1234 ? 5000 + n / 1000 : n % 50 === 0 ? 1 : 1.2 + (n % 13) / 10));
    writeRounds(db, values, 30 * SECOND_US);
    history.rollups.rebuild(history.statsGame(GAME)!);
    return { values, fromUs: START_US + 1500 * 30 * SECOND_US + 7, throughUs: START_US + 118_500 * 30 * SECOND_US - 7 };
  }

  it('reads a span too long to group its rows from the rollups, keeping every bucket’s highest round', () => {
    const { values, fromUs, throughUs } = longHistory();
    const series = reader.series({ game: GAME, fromUs, throughUs, maxPoints: 2000 });
    const inside = values.filter((_, n) => START_US + n * 30 * SECOND_US >= fromUs && START_US + n * 30 * SECOND_US <= throughUs);
    expect(series).toMatchObject({ decimated: true, rounds: inside.length });
    expect(series.values.length).toBeLessThanOrEqual(2000);
    expect(series.times.every((us, n) => us >= fromUs && us <= throughUs && (n === 0 || us >= series.times[n - 1]!))).toBe(true);
    expect(series.values.filter((value) => value >= 5000)).toEqual(inside.filter((value) => value >= 5000));
    // Each big round sits at its own round's time.
    const big = series.times.filter((_, n) => series.values[n]! >= 5000);
    expect(big).toEqual(values.flatMap((value, n) => (value >= 5000 && inside.includes(value) ? [START_US + n * 30 * SECOND_US] : [])));
    expect(Math.min(...series.values)).toBe(1);
  });

  it('reads buckets of a day or more from the daily rollups, with the same rounds and extremes', () => {
    // ~42 days in 5 buckets of over a week each.
    const { values, fromUs, throughUs } = longHistory();
    const series = reader.series({ game: GAME, fromUs, throughUs, maxPoints: 10 });
    const insideAt = (n: number): boolean => START_US + n * 30 * SECOND_US >= fromUs && START_US + n * 30 * SECOND_US <= throughUs;
    const inside = values.filter((_, n) => insideAt(n));
    expect(series).toMatchObject({ decimated: true, rounds: inside.length });
    expect(series.values.length).toBeLessThanOrEqual(10);
    const highest = Math.max(...inside);
    expect(Math.max(...series.values)).toBe(highest);
    expect(series.times[series.values.indexOf(highest)]).toBe(START_US + values.indexOf(highest) * 30 * SECOND_US);
    expect(Math.min(...series.values)).toBe(1);
  });

  it('reads only the asked game', () => {
    writeRounds(db, [2, 3]);
    writeRounds(db, [50, 60, 70], 10 * SECOND_US, 'duel-crash');
    expect(reader.series({ game: GAME, fromUs: null, throughUs: null, maxPoints: 10 }).values).toEqual([2, 3]);
  });

  it('refuses a game the history has never seen with a sentence a person can act on', () => {
    expect(() => reader.series({ game: 'crazytime', fromUs: null, throughUs: null, maxPoints: 100 })).toThrow(UnknownGameError);
    expect(() => reader.series({ game: 'crazytime', fromUs: null, throughUs: null, maxPoints: 100 })).toThrow(/No rounds of crazytime/);
  });

  it('walks rounds_by_time for the span instead of scanning the table', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT MIN(multiplier_value) FROM rounds INDEXED BY rounds_by_time
        WHERE game_id = 1 AND finalized_us BETWEEN 0 AND 1 GROUP BY (finalized_us - 0) / 1`)
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX rounds_by_time \(game_id=\? AND finalized_us>\? AND finalized_us<\?\)/);
  });
});

// ROUNDLOG_CHART_BENCH=1 npx vitest run test/integration/chart-series.test.ts: timings on 1M rounds.
describe.runIf(process.env.ROUNDLOG_CHART_BENCH)('the chart series on 1,000,000 rounds', () => {
  it('answers any span in well under 100 ms', () => {
    const dir = useTempDir();
    const db = openDatabase(join(dir.path, 'history.sqlite'));
    try {
      const random = (() => {
        let seed = 7;
        return () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
      })();
      const values = Array.from({ length: 1_000_000 }, () => Math.max(1, Math.floor(99 / (1 - random())) / 100));
      writeRounds(db, values);
      const history = new History(db, catalogKind);
      history.rollups.rebuild(history.statsGame(GAME)!);
      const lastUs = START_US + 999_999 * 10 * SECOND_US;
      const spans: [string, number | null, number | null, number][] = [
        ['all, 2,000 points', null, null, 2000],
        ['all, 20,000 points', null, null, 20_000],
        ['30 days, 4,000 points', lastUs - 30 * 86_400 * SECOND_US, lastUs, 4000],
        ['7 days, 4,000 points', lastUs - 7 * 86_400 * SECOND_US, lastUs, 4000],
        ['3 days, 4,000 points (rows grouped)', lastUs - 3 * 86_400 * SECOND_US, lastUs, 4000],
        ['24 h, 10,000 points (every round)', lastUs - 86_400 * SECOND_US, lastUs, 10_000],
        ['1 h, 4,000 points', lastUs - 3600 * SECOND_US, lastUs, 4000],
      ];
      const measure = (index: string): void => {
      const reader = new ChartSeriesReader(db, history);
      for (const [label, fromUs, throughUs, maxPoints] of spans) {
        const times: number[] = [];
        let points = 0;
        for (let n = 0; n < 7; n++) {
          const started = performance.now();
          points = reader.series({ game: GAME, fromUs, throughUs, maxPoints }).values.length;
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        console.log(`${index} | ${label}: ${points} points, median ${times[3]!.toFixed(1)} ms, max ${times[6]!.toFixed(1)} ms`);
      }
      };
      measure('1M rounds');
    } finally {
      db.close();
      dir.remove();
    }
  }, 300_000);
});
