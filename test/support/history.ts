import BetterSqlite3 from 'better-sqlite3';

export interface StoredRound {
  game: string;
  roundId: string;
  roundIndex: bigint | null;
  multiplier: string;
  finalizedUs: bigint;
  rowJson: string;
}

/** Reads a history file through its own read-only connection, as another process would. */
export function readHistory(file: string): StoredRound[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db
      .prepare(`
        SELECT g.slug AS game, r.round_id AS roundId, r.round_index AS roundIndex, r.multiplier AS multiplier,
          r.finalized_us AS finalizedUs, r.row_json AS rowJson
        FROM rounds r JOIN games g ON g.id = r.game_id`)
      .safeIntegers(true)
      .all() as StoredRound[];
  } finally {
    db.close();
  }
}

/** Any query on a history file, read-only. */
export function queryHistory<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
