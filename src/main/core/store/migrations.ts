import type { Database } from 'better-sqlite3';

// Numbered, append-only. Each runs in its own transaction together with the `user_version` bump,
// so a crash mid-migration leaves the previous version intact. Never edit a shipped migration.

export type Migration = (db: Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 1: games and rounds. A round is identified by (game, round_id); its row text is kept exactly
  // as sent, and the columns beside it are what queries need without parsing that text.
  (db) => {
    db.exec(`
      CREATE TABLE games (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL
      );
      CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        game_id INTEGER NOT NULL REFERENCES games(id),
        round_id TEXT NOT NULL,
        round_index INTEGER,
        multiplier TEXT NOT NULL,
        multiplier_value REAL NOT NULL,
        segment TEXT,
        finalized_us INTEGER NOT NULL,
        finalized_at TEXT NOT NULL,
        row_json TEXT NOT NULL,
        UNIQUE (game_id, round_id)
      );
      CREATE INDEX rounds_by_time ON rounds (game_id, finalized_us);
      -- The point up to which a game's history is known to be complete: the resume point for
      -- the backfill after any gap. It only advances over rounds received without a gap.
      CREATE TABLE sync_cursor (
        game_id INTEGER PRIMARY KEY REFERENCES games(id),
        complete_through_us INTEGER NOT NULL
      );
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
