import type { Database, Statement } from 'better-sqlite3';

/**
 * Notices commits made to the history file by another connection: a `roundlog import` or a second
 * recorder beside the app. SQLite's `data_version` moves only for those, never for this
 * connection's own commits, so reading it costs one pragma and no query of the data.
 */
export class ForeignWrites {
  /** Prepared once: db.pragma() would prepare it again on every commit. */
  private readonly dataVersion: Statement<[], number>;
  private version: number;

  constructor(db: Database) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck() as Statement<[], number>;
    this.version = this.read();
  }

  /** True if another connection committed since the last call (or since construction). */
  happened(): boolean {
    const version = this.read();
    if (version === this.version) return false;
    this.version = version;
    return true;
  }

  private read(): number {
    return this.dataVersion.get()!;
  }
}
