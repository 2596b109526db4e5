import type { Database, Statement } from 'better-sqlite3';
import type { RequestInput, RequestOutput } from '../../../shared/contract';
import { MULTIPLIER_UNIT } from '../../../shared/stats/thresholds';
import { DAY_US, HOUR_US } from '../stats/rollup/calendar';
import { UnknownGameError } from '../stats/stats-engine';
import type { History } from '../store/history';

// A chart cannot draw more points than it has pixels, so a long span is cut into time buckets and
// each bucket gives its lowest and its highest round: a 10,000× round of three years ago still
// shows when the whole history is on screen, and the floor of 1.00× busts stays visible too.
//
// Short spans group their rows in SQL over rounds_by_time. A span of more rounds than a scan can
// read in a few milliseconds is read from the hourly or daily rollups instead, whose maximum is
// exact (with its round's time) and whose minimum is the lowest quantile-sketch bucket (≤ 2% above
// the true one); only the part-hours or part-days at its two edges are read as rows.

/** Rows a span may hold and still be grouped from the rows (~5 ms); longer spans use the rollups. */
export const ROW_GROUPING_LIMIT = 50_000;
/** Past this many hours a span is read one day per row rather than one hour, whatever its buckets' width. */
const HOURS_READ_LIMIT = 24 * 200;
/** Sketch buckets grow by γ = 1.01/0.99; a bucket's upper bound is γ^index. */
const SKETCH_GAMMA = 1.01 / 0.99;

interface Bucket {
  firstUs: number;
  low: number;
  highUs: number;
  high: number;
  rounds: number;
}

interface RollupUnit {
  readonly unit: number;
  readonly firstUs: number;
  readonly lastUs: number;
  readonly rounds: number;
  readonly maxUnits: number;
  readonly maxUs: number;
  readonly lowIndex: number | null;
}

type RangeStatement = Statement<[number, number, number], Bucket>;

/** A game's multiplier series over any span, decimated per time bucket when it is long. */
export class ChartSeriesReader {
  // Apart: SQLite seeks the index for a lone MIN or MAX, but scans the game's rows for both at once.
  private readonly first: Statement<[number], { us: number | null }>;
  private readonly last: Statement<[number], { us: number | null }>;
  private readonly countUpTo: Statement<[number, number, number, number], { rounds: number }>;
  private readonly every: Statement<[number, number, number], { us: number; value: number }>;
  private readonly grouped: Statement<[number, number, number, number, number], Bucket>;
  private readonly range: RangeStatement;
  private readonly hours: Statement<[number, number, number], RollupUnit>;
  private readonly days: Statement<[number, number, number], RollupUnit>;

  constructor(
    readonly db: Database,
    readonly history: History,
  ) {
    this.first = db.prepare('SELECT MIN(finalized_us) AS us FROM rounds WHERE game_id = ?');
    this.last = db.prepare('SELECT MAX(finalized_us) AS us FROM rounds WHERE game_id = ?');
    // Counting stops at the limit: past it the rollups give the exact count far faster.
    this.countUpTo = db.prepare(`
      SELECT COUNT(*) AS rounds FROM (
        SELECT 1 FROM rounds WHERE game_id = ? AND finalized_us BETWEEN ? AND ? LIMIT ?)`);
    this.every = db.prepare(`
      SELECT finalized_us AS us, multiplier_value AS value FROM rounds
      WHERE game_id = ? AND finalized_us BETWEEN ? AND ?
      ORDER BY finalized_us, id`);
    // Numbers are bound as REAL: the casts keep the bucket an integer division. The bare
    // MAX(finalized_us) is the bucket's last round; the high is placed there (see toSeries).
    this.grouped = db.prepare(`
      SELECT MIN(finalized_us) AS firstUs, MIN(multiplier_value) AS low,
        MAX(finalized_us) AS highUs, MAX(multiplier_value) AS high, COUNT(*) AS rounds
      FROM rounds INDEXED BY rounds_by_time
      WHERE game_id = ? AND finalized_us BETWEEN ? AND ?
      GROUP BY (finalized_us - CAST(? AS INTEGER)) / CAST(? AS INTEGER)
      ORDER BY 1`);
    this.range = db.prepare(`
      SELECT MIN(finalized_us) AS firstUs, MIN(multiplier_value) AS low,
        MAX(finalized_us) AS highUs, MAX(multiplier_value) AS high, COUNT(*) AS rounds
      FROM rounds INDEXED BY rounds_by_time
      WHERE game_id = ? AND finalized_us BETWEEN ? AND ?`);
    const units = (table: string, unit: string) =>
      db.prepare(`
        SELECT ${unit} AS unit, first_us AS firstUs, last_us AS lastUs, rounds,
          json_extract(rollup, '$.mu') AS maxUnits, json_extract(rollup, '$.m[0]') AS maxUs,
          json_extract(rollup, '$.q[0]') AS lowIndex
        FROM ${table} WHERE game_id = ? AND ${unit} BETWEEN ? AND ? ORDER BY ${unit}`) as Statement<
        [number, number, number],
        RollupUnit
      >;
    this.hours = units('stats_hours', 'hour');
    this.days = units('stats_days', 'day');
  }

  series(input: RequestInput<'getChartSeries'>): RequestOutput<'getChartSeries'> {
    const game = this.history.statsGame(input.game);
    if (game === undefined) throw new UnknownGameError(input.game);
    const fromUs = input.fromUs ?? this.first.get(game.id)?.us ?? null;
    const throughUs = input.throughUs ?? this.last.get(game.id)?.us ?? null;
    if (fromUs === null || throughUs === null || fromUs > throughUs) {
      return { fromUs, throughUs, decimated: false, rounds: 0, times: [], values: [] };
    }

    const counted = this.countUpTo.get(game.id, fromUs, throughUs, ROW_GROUPING_LIMIT + 1)?.rounds ?? 0;
    if (counted <= input.maxPoints) {
      const rows = this.every.all(game.id, fromUs, throughUs);
      return { fromUs, throughUs, decimated: false, rounds: counted, times: rows.map((row) => row.us), values: rows.map((row) => row.value) };
    }
    // Two points per bucket at most, so the answer never holds more than maxPoints.
    const bucketCount = Math.floor(input.maxPoints / 2);
    const widthUs = Math.max(1, Math.ceil((throughUs - fromUs + 1) / bucketCount));
    const buckets =
      counted <= ROW_GROUPING_LIMIT
        ? this.grouped.all(game.id, fromUs, throughUs, fromUs, widthUs)
        : this.fromRollups(game.id, fromUs, throughUs, widthUs);
    const rounds = buckets.reduce((sum, bucket) => sum + bucket.rounds, 0);
    return { fromUs, throughUs, decimated: true, rounds, ...toSeries(buckets) };
  }

  /**
   * Buckets of whole rollup units (hours, or days for long spans), at least `widthUs` wide and
   * aligned to the units; the units cut by the span's ends are read as rows.
   */
  private fromRollups(gameId: number, fromUs: number, throughUs: number, widthUs: number): Bucket[] {
    // Days when a bucket spans one anyway (hours would be read only to be merged), or when the
    // span has too many hours to read.
    const unitUs = widthUs >= DAY_US || throughUs - fromUs > HOURS_READ_LIMIT * HOUR_US ? DAY_US : HOUR_US;
    const unitsPerBucket = Math.max(1, Math.ceil(widthUs / unitUs));
    const firstUnit = Math.floor(fromUs / unitUs);
    const lastUnit = Math.floor(throughUs / unitUs);
    const statement = unitUs === DAY_US ? this.days : this.hours;
    const buckets = new Map<number, Bucket>();
    const add = (key: number, part: Bucket): void => {
      if (part.rounds === 0) return;
      const into = buckets.get(key);
      if (into === undefined) buckets.set(key, { ...part });
      else mergeBucket(into, part);
    };
    const rowsOf = (unit: number): void => {
      const part = this.range.get(gameId, Math.max(fromUs, unit * unitUs), Math.min(throughUs, (unit + 1) * unitUs - 1));
      if (part !== undefined) add(Math.floor((unit - firstUnit) / unitsPerBucket), part);
    };
    rowsOf(firstUnit);
    if (lastUnit > firstUnit) {
      for (const stored of statement.iterate(gameId, firstUnit + 1, lastUnit - 1)) {
        add(Math.floor((stored.unit - firstUnit) / unitsPerBucket), {
          firstUs: stored.firstUs,
          low: stored.lowIndex === null ? stored.maxUnits / MULTIPLIER_UNIT : sketchCeiling(stored.lowIndex),
          highUs: stored.maxUs,
          high: stored.maxUnits / MULTIPLIER_UNIT,
          rounds: stored.rounds,
        });
      }
      rowsOf(lastUnit);
    }
    return [...buckets.entries()].sort(([a], [b]) => a - b).map(([, bucket]) => bucket);
  }
}

/** The highest value a sketch bucket holds, never above the bucket's true minimum by more than 2%. */
function sketchCeiling(index: number): number {
  return SKETCH_GAMMA ** index;
}

function mergeBucket(into: Bucket, part: Bucket): void {
  into.firstUs = Math.min(into.firstUs, part.firstUs);
  into.low = Math.min(into.low, part.low);
  if (part.high > into.high) {
    into.high = part.high;
    into.highUs = part.highUs;
  }
  into.rounds += part.rounds;
}

/**
 * Columns from buckets in time order: a bucket of one round is one point; otherwise its low at its
 * first round and its high at its highest (rollups) or last round (rows). Both lie in one bucket,
 * narrower than a pixel at the zoom that asked for it, so only their order within it is approximate.
 */
function toSeries(buckets: readonly Bucket[]): { times: number[]; values: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  for (const bucket of buckets) {
    if (bucket.rounds === 1) {
      times.push(bucket.firstUs);
      values.push(bucket.low);
      continue;
    }
    times.push(bucket.firstUs, Math.max(bucket.firstUs, bucket.highUs));
    values.push(bucket.low, bucket.high);
  }
  return { times, values };
}
