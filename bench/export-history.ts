import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/main/core/store/database';

// A Stake Crash history of millions of rounds for the export bench, written by SQLite alone: one
// INSERT … SELECT over a recursive CTE. Measured on a shared 2-core machine: ~13 CPU-seconds per
// 1,000,000 rounds, 10,000,000 (a 7.8 GB file) in about three minutes, nearly all of it SQLite's
// own insert and index builds; building each row in JS and inserting it costs the same.
//
// The rows have the shape and size of the sandbox's (src/sim/games/crash.ts): ~550 bytes of row
// JSON with the exact 64-bit round_index above 2^53, upstream's multiplier string with four
// decimals (P(M ≥ x) = 0.99/x on the 0.01 grid), µs finalisation times 8–12 s apart, and the raw
// crowd totals. The draws use SQLite's random(), so two runs hold different (equally sized) rows.

export interface ExportHistory {
  readonly seconds: number;
  /** finalized_us of the oldest of the newest `newestRounds` rounds: the start of the small export's range. */
  readonly newestFromUs: number;
}

const FIRST_INDEX = 7_393_228_772_258_146_753n;
const START_US = Date.UTC(2023, 0, 1) * 1000;

/**
 * Each expression that costs (strftime, random()) is a column of the recursive CTE, computed once
 * per row: SQLite copies the expression of a flattened CTE's column into every place it is used.
 * A round's draws are made in the step that creates it, except the gap to the next round.
 */
const INSERT_ROUNDS_SQL = `
WITH RECURSIVE draw(n, us, gap, seconds, hundredths, bettors, stake, share, delay) AS (
  SELECT 0, @startUs, 10000000, strftime('%Y-%m-%dT%H:%M:%S', @startUs / 1000000, 'unixepoch'), 200, 250, 1000, 0.5, 800000
  UNION ALL
  SELECT n + 1, us + gap, 8000000 + abs(random() % 4000000),
    strftime('%Y-%m-%dT%H:%M:%S', (us + gap) / 1000000, 'unixepoch'),
    max(100, CAST(99.0 / (1.0 - (random() & 4294967295) / 4294967296.0) AS INTEGER)),
    120 + abs(random() % 300), 10 + abs(random() % 2000), (random() & 1048575) / 1048576.0,
    300000 + abs(random() % 1700000)
  FROM draw WHERE n + 1 < @count
),
crowd AS (
  SELECT *, bettors * stake AS bet,
    CASE WHEN hundredths = 100 THEN 0 ELSE min(0.95, share * (1 - 100.0 / hundredths) * 2) END AS won
  FROM draw
),
round AS (
  SELECT n, us, seconds, hundredths, bettors, bet, delay,
    CAST(bet * won * 1.6 AS INTEGER) AS paid,
    CAST(bettors * won AS INTEGER) AS winners,
    CAST(round(ln(hundredths / 100.0) / 0.00006) AS INTEGER) AS flight_ms,
    @firstIndex + n AS round_index,
    printf('5c0f3e9a17b2%012x', n) AS round_id,
    printf('%d.%02d00', hundredths / 100, hundredths % 100) AS multiplier,
    seconds || printf('.%06dZ', us % 1000000) AS finalized_at
  FROM crowd
)
INSERT INTO rounds (game_id, round_id, round_index, multiplier, multiplier_value, segment, finalized_us, finalized_at, row_json)
SELECT @gameId, round_id, round_index, multiplier, hundredths / 100.0, NULL, us, finalized_at,
  '{"round_index":' || round_index || ',"round_id":"' || round_id || '","multiplier":"' || multiplier ||
  '","random_number":null,"state":"finalized","time_spin_stop":"' || seconds || 'Z","finalized_at":"' || finalized_at ||
  '","observed_at":"' || strftime('%Y-%m-%dT%H:%M:%S', (us + delay) / 1000000, 'unixepoch') || printf('.%06dZ', (us + delay) % 1000000) ||
  '","raw":{"result":{"rtp":' || printf('%.2f', 100.0 * paid / bet) || ',"maxMultiplier":' || printf('%d.%02d', hundredths / 100, hundredths % 100) ||
  ',"roundDuration":' || flight_ms || '.0},"source":"casino.org","round_id":"' || round_id || '","settledAt":"' || seconds ||
  'Z","startedAt":"' || strftime('%Y-%m-%dT%H:%M:%SZ', (us / 1000 - flight_ms) / 1000, 'unixepoch') ||
  '","totalAmount":' || printf('%d.%02d', paid / 100, paid % 100) || ',"bettorsCount":' || bettors ||
  ',"totalWinners":' || winners || ',"totalBetAmount":' || printf('%d.%02d', bet / 100, bet % 100) || '}}'
FROM round`;

/** Secondary indexes, built after the insert: sorting once costs a little less than keeping them through it. */
const SECONDARY_INDEXES = {
  rounds_by_time: 'CREATE INDEX rounds_by_time ON rounds (game_id, finalized_us)',
  rounds_by_index: 'CREATE INDEX rounds_by_index ON rounds (game_id, round_index)',
  rounds_by_multiplier: 'CREATE INDEX rounds_by_multiplier ON rounds (game_id, multiplier_value)',
} as const;

/**
 * Creates a Roundlog history at `file` holding `rounds` Stake Crash rounds, the file as the app
 * leaves it (schema up to date, WAL). The bulk write runs outside WAL with its journal in memory
 * and no fsync: a bench file that a crash would corrupt is simply made again.
 */
export function writeExportHistory(file: string, rounds: number, newestRounds: number): ExportHistory {
  openDatabase(file).close();
  const db = new BetterSqlite3(file);
  try {
    const started = performance.now();
    // better-sqlite3's defensive mode refuses journal_mode=OFF; out of WAL, a journal in memory is as cheap.
    db.pragma('journal_mode = DELETE');
    if (db.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory') throw new Error('the bench history could not leave WAL mode');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const gameId = Number(db.prepare("INSERT INTO games (slug, kind) VALUES ('stake-crash', 'crash') RETURNING id").pluck().get());
    for (const name of Object.keys(SECONDARY_INDEXES)) db.exec(`DROP INDEX ${name}`);
    db.prepare(INSERT_ROUNDS_SQL).run({ startUs: START_US, count: rounds, firstIndex: FIRST_INDEX, gameId });
    for (const create of Object.values(SECONDARY_INDEXES)) db.exec(create);
    db.pragma('journal_mode = WAL');
    const seconds = (performance.now() - started) / 1000;
    const newestFromUs = Number(
      db.prepare('SELECT finalized_us FROM rounds WHERE game_id = ? ORDER BY finalized_us DESC LIMIT 1 OFFSET ?').pluck().get(gameId, newestRounds - 1),
    );
    return { seconds, newestFromUs };
  } finally {
    db.close();
  }
}
