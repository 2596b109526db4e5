import type { Database, Statement } from 'better-sqlite3';

export type GapCause = 'start' | 'reconnect' | 'wake' | 'clock' | 'bad-frame' | 'resume' | 'index';

export interface GapFound {
  readonly cause: GapCause;
  readonly fromUs: number;
  readonly throughUs: number | null;
  readonly afterIndex: bigint | null;
  readonly beforeIndex: bigint | null;
}

export interface GapTally {
  readonly found: number;
  readonly filled: number;
  readonly open: number;
  readonly roundsRecovered: number;
}

/** The `gaps` table: every gap found in a game's history and how it was filled, for the UI's completeness. */
export class GapStore {
  private readonly insert: Statement<[number, string, number, number | null, bigint | null, bigint | null, number]>;
  private readonly close: Statement<[number, number, string, number]>;
  private readonly tally: Statement<[number], { found: number; filled: number | null; open: number | null; recovered: number | null }>;
  private readonly selectKnown: Statement<[number, bigint, bigint], { one: number }>;
  private readonly openIndexGaps: Statement<[number], { id: number; from_us: bigint; after_index: bigint; before_index: bigint }>;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO gaps (game_id, cause, from_us, through_us, after_index, before_index, found_us) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.close = db.prepare('UPDATE gaps SET filled_us = ?, rounds_recovered = ?, outcome = ? WHERE id = ?');
    this.tally = db.prepare(`
      SELECT count(*) AS found, sum(outcome = 'filled') AS filled, sum(outcome IS NULL) AS open, sum(rounds_recovered) AS recovered
      FROM gaps WHERE game_id = ?`);
    this.selectKnown = db.prepare("SELECT 1 AS one FROM gaps WHERE game_id = ? AND cause = 'index' AND after_index = ? AND before_index = ?");
    this.openIndexGaps = db
      .prepare("SELECT id, from_us, after_index, before_index FROM gaps WHERE game_id = ? AND cause = 'index' AND outcome IS NULL")
      .safeIntegers(true) as Statement<[number], { id: number; from_us: bigint; after_index: bigint; before_index: bigint }>;
  }

  found(gameId: number, gap: GapFound, nowUs: number): number {
    return Number(this.insert.run(gameId, gap.cause, gap.fromUs, gap.throughUs, gap.afterIndex, gap.beforeIndex, nowUs).lastInsertRowid);
  }

  closed(id: number, outcome: 'filled' | 'upstream-has-none', roundsRecovered: number, nowUs: number): void {
    this.close.run(nowUs, roundsRecovered, outcome, id);
  }

  tallyOf(gameId: number): GapTally {
    const row = this.tally.get(gameId)!;
    return { found: row.found, filled: row.filled ?? 0, open: row.open ?? 0, roundsRecovered: row.recovered ?? 0 };
  }

  /** Whether this hole in round_index was recorded already (and perhaps found to be upstream's own). */
  knowsIndexHole(gameId: number, afterIndex: bigint, beforeIndex: bigint): boolean {
    return this.selectKnown.get(gameId, afterIndex, beforeIndex) !== undefined;
  }

  /** Index holes found but not filled yet (a restart came first): filled on the next start. */
  openIndexHoles(gameId: number): { id: number; fromUs: number; afterIndex: bigint; beforeIndex: bigint }[] {
    return this.openIndexGaps.all(gameId).map((row) => ({ id: Number(row.id), fromUs: Number(row.from_us), afterIndex: row.after_index, beforeIndex: row.before_index }));
  }
}
