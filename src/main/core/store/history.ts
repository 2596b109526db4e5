import type { Database } from 'better-sqlite3';
import type { Round } from '../round';
import { CoverageStore, type CoverageChange } from './coverage-store';
import { GapStore } from './gap-store';
import { QuarantineStore, type QuarantineEntry } from './quarantine-store';
import { canonicalSlug } from '../../../shared/games';
import { RollupStore, type RolledGame } from '../stats/rollup/rollup-store';
import { RoundStore, type InsertedRound } from './round-store';

/** What one transaction commits: rounds, the coverage they prove, and what was set aside. */
export interface Batch {
  readonly rounds: readonly Round[];
  readonly coverage: readonly CoverageChange[];
  readonly quarantine: readonly QuarantineEntry[];
}

/** The local history: one object per table, and the one transaction that writes them together. */
export class History {
  readonly rounds: RoundStore;
  readonly coverage: CoverageStore;
  readonly gaps: GapStore;
  readonly quarantine: QuarantineStore;
  readonly rollups: RollupStore;

  constructor(
    private readonly db: Database,
    private readonly kindOf: (slug: string) => string,
  ) {
    this.rounds = new RoundStore(db, kindOf);
    this.coverage = new CoverageStore(db);
    this.gaps = new GapStore(db);
    this.quarantine = new QuarantineStore(db);
    this.rollups = new RollupStore(db);
    // Rollups of rounds stored before migration 3 are built once, before anything is recorded.
    for (const game of this.rollups.pendingRebuilds()) this.rollups.rebuild(game);
  }

  /**
   * Stores a batch in one transaction and returns the rounds that were new. A coverage change
   * never commits without the rounds that prove it, so no span can claim a round not stored.
   */
  commit(batch: Batch): Round[] {
    // Games are registered outside the transaction, so a rolled-back write cannot leave a cached
    // id behind that no longer exists.
    for (const round of batch.rounds) this.rounds.gameId(round.game);
    for (const change of batch.coverage) this.rounds.gameId(change.game);
    return this.db.transaction(() => {
      const inserted = this.rounds.insertRounds(batch.rounds);
      this.recordRollups(inserted);
      for (const change of batch.coverage) this.coverage.apply(this.rounds.gameId(change.game), change);
      for (const entry of batch.quarantine) this.quarantine.add(entry);
      return inserted.map((stored) => stored.round);
    })();
  }

  /** The statistics' rollups move with the rounds, in the same transaction. */
  private recordRollups(inserted: readonly InsertedRound[]): void {
    const byGame = new Map<string, InsertedRound[]>();
    for (const stored of inserted) {
      const list = byGame.get(stored.round.game);
      if (list === undefined) byGame.set(stored.round.game, [stored]);
      else list.push(stored);
    }
    for (const [slug, rounds] of byGame) {
      const game = { id: this.rounds.gameId(slug), slug, kind: this.kindOf(slug) };
      this.rollups.record(
        game,
        rounds.map(({ round, id }) => ({
          id,
          us: round.finalizedUs,
          multiplier: round.multiplier,
          segment: round.segment,
          json: round.json,
        })),
      );
    }
  }

  /** A game the history holds (by any of its slugs), as the statistics read it; undefined before its first round. */
  statsGame(slug: string): RolledGame | undefined {
    const canonical = canonicalSlug(slug);
    const id = this.rounds.idOf(canonical);
    return id === undefined ? undefined : { id, slug: canonical, kind: this.kindOf(canonical) };
  }

  /** Spans of a game's complete history, newest first (none for a game not seen yet). */
  spansOf(slug: string) {
    const id = this.rounds.idOf(slug);
    return id === undefined ? [] : this.coverage.spans(id);
  }
}
