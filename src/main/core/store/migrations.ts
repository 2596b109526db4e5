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
  // 2: the sync engine's records. `coverage` replaces the single cursor with the spans of a game's
  // history known to be complete, so a backfill interrupted anywhere resumes where it stopped; the
  // old cursor was "complete from the first backfill through here". `gaps` keeps every gap found
  // and how it was filled; `quarantine` every frame or row that could not be stored, with why.
  (db) => {
    db.exec(`
      CREATE TABLE coverage (
        id INTEGER PRIMARY KEY,
        game_id INTEGER NOT NULL REFERENCES games(id),
        from_us INTEGER NOT NULL,
        from_index INTEGER,
        through_us INTEGER NOT NULL,
        through_index INTEGER,
        -- Upstream has nothing older than this span: its start is the game's first round.
        at_start INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX coverage_by_game ON coverage (game_id);
      INSERT INTO coverage (game_id, from_us, from_index, through_us, through_index)
      SELECT c.game_id,
        (SELECT min(finalized_us) FROM rounds WHERE game_id = c.game_id),
        (SELECT round_index FROM rounds WHERE game_id = c.game_id ORDER BY finalized_us LIMIT 1),
        c.complete_through_us,
        (SELECT round_index FROM rounds WHERE game_id = c.game_id AND finalized_us <= c.complete_through_us
          ORDER BY finalized_us DESC LIMIT 1)
      FROM sync_cursor c WHERE EXISTS (SELECT 1 FROM rounds WHERE game_id = c.game_id);
      DROP TABLE sync_cursor;

      CREATE TABLE gaps (
        id INTEGER PRIMARY KEY,
        game_id INTEGER NOT NULL REFERENCES games(id),
        -- start, reconnect, wake, clock, bad-frame, resume or index
        cause TEXT NOT NULL,
        from_us INTEGER NOT NULL,
        through_us INTEGER,
        after_index INTEGER,
        before_index INTEGER,
        found_us INTEGER NOT NULL,
        filled_us INTEGER,
        rounds_recovered INTEGER NOT NULL DEFAULT 0,
        -- null while open; filled, or upstream-has-none when upstream never served the rounds
        outcome TEXT
      );
      CREATE INDEX gaps_by_game ON gaps (game_id, found_us);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        -- sha256 of source, game and text: the same bad row served by every backfill is kept once
        digest TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        game TEXT,
        reason TEXT NOT NULL,
        text TEXT NOT NULL,
        first_seen_us INTEGER NOT NULL,
        last_seen_us INTEGER NOT NULL,
        times_seen INTEGER NOT NULL DEFAULT 1
      );

      -- Gap detection walks a game's rounds in round_index order.
      CREATE INDEX rounds_by_index ON rounds (game_id, round_index);
    `);
  },
  // 3: the statistics' rollups. Per game and UTC hour, and per day, the aggregate of its rounds
  // (counts, sums, threshold hits, runs below thresholds, a quantile sketch, kind-specific
  // tallies) as JSON text; per game and event (a threshold reached, a segment hit…) the lifetime
  // count and the last round. Kept in step with `rounds` in the same transactions; every game
  // already holding rounds is listed in `stats_rebuild` and rebuilt once when the history opens.
  (db) => {
    db.exec(`
      CREATE TABLE stats_hours (
        game_id INTEGER NOT NULL REFERENCES games(id),
        hour INTEGER NOT NULL,
        first_us INTEGER NOT NULL,
        last_us INTEGER NOT NULL,
        rounds INTEGER NOT NULL,
        rollup TEXT NOT NULL,
        PRIMARY KEY (game_id, hour)
      ) WITHOUT ROWID;
      CREATE TABLE stats_days (
        game_id INTEGER NOT NULL REFERENCES games(id),
        day INTEGER NOT NULL,
        first_us INTEGER NOT NULL,
        last_us INTEGER NOT NULL,
        rounds INTEGER NOT NULL,
        rollup TEXT NOT NULL,
        PRIMARY KEY (game_id, day)
      ) WITHOUT ROWID;
      CREATE TABLE stats_events (
        game_id INTEGER NOT NULL REFERENCES games(id),
        event TEXT NOT NULL,
        hits INTEGER NOT NULL,
        last_us INTEGER NOT NULL,
        last_id INTEGER NOT NULL,
        PRIMARY KEY (game_id, event)
      ) WITHOUT ROWID;
      CREATE TABLE stats_rebuild (game_id INTEGER PRIMARY KEY REFERENCES games(id));
      INSERT INTO stats_rebuild (game_id)
        SELECT id FROM games g WHERE EXISTS (SELECT 1 FROM rounds WHERE game_id = g.id);
    `);
  },
  // 4: the history browser sorts and filters a game's rounds by multiplier.
  (db) => {
    db.exec('CREATE INDEX rounds_by_multiplier ON rounds (game_id, multiplier_value)');
  },
  // 5: alerts (src/main/core/alerts/). A rule is kept as its JSON text, read back through the
  // shared schema; AUTOINCREMENT so a deleted rule's id is never given to a new rule, whose
  // alerts would then collide with the old one's. UNIQUE (rule_id, game_id, round_id) is what
  // makes an alert fire at most once per round, across restarts and re-delivered backfills. An
  // alert outlives its rule (no foreign key to it): the feed keeps what was said.
  (db) => {
    db.exec(`
      CREATE TABLE alert_rules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        rule_json TEXT NOT NULL,
        created_us INTEGER NOT NULL,
        updated_us INTEGER NOT NULL
      );
      CREATE TABLE alert_events (
        id INTEGER PRIMARY KEY,
        rule_id INTEGER NOT NULL,
        game_id INTEGER NOT NULL REFERENCES games(id),
        round_id TEXT NOT NULL,
        round_us INTEGER NOT NULL,
        fired_us INTEGER NOT NULL,
        muted INTEGER NOT NULL,
        live INTEGER NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        -- The alert as it was shown (title, sentence, rule name), so the feed never re-words history.
        alert_json TEXT NOT NULL,
        UNIQUE (rule_id, game_id, round_id)
      );
      -- A drought rule's last alert per game, read at start to know whether it already fired.
      CREATE INDEX alert_events_by_rule ON alert_events (rule_id, game_id, round_us);
      CREATE INDEX alert_events_unread ON alert_events (read) WHERE read = 0;
    `);
  },
  // 6: bet snapshots (/stats/recent-bets), recorded while Roundlog runs. A round's bets are one
  // BLOB (store/bet-codec.ts) in upstream's snapshot order; bets_seen is how many of them are
  // counted, so a later, longer snapshot of the round adds only its new bets. Per game and UTC
  // hour and day, their sums per cash-out target and currency (a BLOB, stats/bets/bet-tally.ts),
  // kept in the same transaction.
  (db) => {
    db.exec(`
      -- A rowid table: in a file of 4 KiB pages (histories made before 16 KiB pages) a WITHOUT
      -- ROWID row keeps only ~1 KB on its page, and a round's bets (~1.5 KB) would each spill
      -- into an overflow page.
      CREATE TABLE bet_rounds (
        id INTEGER PRIMARY KEY,
        game_id INTEGER NOT NULL REFERENCES games(id),
        round_id TEXT NOT NULL,
        finalized_us INTEGER NOT NULL,
        bets_seen INTEGER NOT NULL,
        bets BLOB NOT NULL,
        recorded_us INTEGER NOT NULL,
        UNIQUE (game_id, round_id)
      );
      CREATE INDEX bet_rounds_by_time ON bet_rounds (game_id, finalized_us);
      CREATE TABLE bet_hours (
        game_id INTEGER NOT NULL REFERENCES games(id),
        hour INTEGER NOT NULL,
        first_us INTEGER NOT NULL,
        last_us INTEGER NOT NULL,
        tally BLOB NOT NULL,
        PRIMARY KEY (game_id, hour)
      ) WITHOUT ROWID;
      CREATE TABLE bet_days (
        game_id INTEGER NOT NULL REFERENCES games(id),
        day INTEGER NOT NULL,
        tally BLOB NOT NULL,
        PRIMARY KEY (game_id, day)
      ) WITHOUT ROWID;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
