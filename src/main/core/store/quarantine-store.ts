import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** Something received that could not be stored as a round: kept with the reason, never dropped. */
export interface QuarantineEntry {
  readonly source: 'stream' | 'rest';
  /** The game's slug when it could be read. */
  readonly game: string | null;
  readonly reason: string;
  readonly text: string;
  readonly receivedUs: number;
}

/** A frame may be up to 4 MiB; what is kept of one is enough to see what was wrong with it. */
const MAX_TEXT = 64 * 1024;

/** The `quarantine` table. The same bad row, served again by every backfill, is kept once and counted. */
export class QuarantineStore {
  private readonly upsert: Statement<[string, string, string | null, string, string, number, number]>;
  private readonly countByGame: Statement<[], { game: string | null; n: number }>;

  constructor(db: Database) {
    this.upsert = db.prepare(`
      INSERT INTO quarantine (digest, source, game, reason, text, first_seen_us, last_seen_us) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (digest) DO UPDATE SET times_seen = times_seen + 1, last_seen_us = excluded.last_seen_us`);
    this.countByGame = db.prepare('SELECT game, count(*) AS n FROM quarantine GROUP BY game');
  }

  /** Call inside the transaction of the batch it arrived with. */
  add(entry: QuarantineEntry): void {
    const digest = createHash('sha256').update(`${entry.source}\0${entry.game ?? ''}\0${entry.text}`).digest('hex');
    const text = entry.text.length > MAX_TEXT ? entry.text.slice(0, MAX_TEXT) : entry.text;
    const reason = entry.text.length > MAX_TEXT ? `${entry.reason} (first ${MAX_TEXT} of ${entry.text.length} characters kept)` : entry.reason;
    this.upsert.run(digest, entry.source, entry.game, reason, text, entry.receivedUs, entry.receivedUs);
  }

  /** Distinct quarantined items per game slug ('' for those whose game could not be read). */
  counts(): Map<string, number> {
    return new Map(this.countByGame.all().map((row) => [row.game ?? '', row.n]));
  }
}
