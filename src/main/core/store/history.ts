import type { Database } from 'better-sqlite3';
import type { Round } from '../round';
import type { ObservedRound } from '../sources/trackersino/bet-snapshot';
import { BetStore, type BetRecording } from './bet-store';
import { CoverageStore, type CoverageChange } from './coverage-store';
import { ForeignWrites } from './foreign-writes';
import { GapStore } from './gap-store';
import { QuarantineStore, type QuarantineEntry } from './quarantine-store';
import { canonicalSlug } from '../../../shared/games';
import { RollupStore, type RolledGame } from '../stats/rollup/rollup-store';
import { RoundStore, type InsertedRound } from './round-store';

/** What one transaction commits: rounds, the coverage they prove, and what was set aside. */
export interface Batch {
  readonly rounds: readonly Round[];
  /** Those of the rounds that came by the live path (stream frames, polls), whatever their age. */
  readonly live?: ReadonlySet<Round>;
  readonly coverage: readonly CoverageChange[];
  readonly quarantine: readonly QuarantineEntry[];
}

/**
 * Work stored with the rounds it is about, in their transaction (the alerts they fire): a crash
 * keeps both or neither.
 */
export interface CommitParticipant {
  /** Before the transaction opens (no write lock held yet). */
  beforeCommit?(): void;
  /** Inside the transaction, with the rounds that were new; throwing rolls the whole batch back. */
  inCommit(inserted: readonly Round[], batch: Batch): void;
  /** After the transaction committed. */
  afterCommit?(): void;
  /** After the transaction rolled back: whatever inCommit moved in memory is stale. */
  afterRollback?(): void;
}

/** The local history: one object per table, and the one transaction that writes them together. */
export class History {
  readonly rounds: RoundStore;
  readonly coverage: CoverageStore;
  readonly gaps: GapStore;
  readonly quarantine: QuarantineStore;
  readonly rollups: RollupStore;
  readonly bets: BetStore;
  private readonly participants = new Set<CommitParticipant>();
  /** Prepared once: building a transaction function costs more than a one-round commit's SQL. */
  private readonly write: (batch: Batch, participants: readonly CommitParticipant[]) => Round[];

  constructor(
    private readonly db: Database,
    private readonly kindOf: (slug: string) => string,
  ) {
    this.rounds = new RoundStore(db, kindOf);
    this.coverage = new CoverageStore(db);
    this.gaps = new GapStore(db);
    this.quarantine = new QuarantineStore(db);
    this.rollups = new RollupStore(db);
    this.bets = new BetStore(db);
    // Rollups of rounds stored before migration 3 are built once, before anything is recorded.
    for (const game of this.rollups.pendingRebuilds()) this.rollups.rebuild(game);
    this.write = db.transaction((batch: Batch, participants: readonly CommitParticipant[]) => {
      const inserted = this.rounds.insertRounds(batch.rounds);
      this.recordRollups(inserted);
      for (const change of batch.coverage) this.coverage.apply(this.rounds.gameId(change.game), change);
      for (const entry of batch.quarantine) this.quarantine.add(entry);
      const rounds = inserted.map((stored) => stored.round);
      if (rounds.length > 0) for (const participant of participants) participant.inCommit(rounds, batch);
      return rounds;
    });
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
    const participants = [...this.participants];
    for (const participant of participants) participant.beforeCommit?.();
    let committed: Round[];
    try {
      committed = this.write(batch, participants);
    } catch (error) {
      this.rollups.forgetOpen();
      for (const participant of participants) participant.afterRollback?.();
      throw error;
    }
    for (const participant of participants) participant.afterCommit?.();
    return committed;
  }

  /** Stores a bet snapshot of a game's rounds (what it adds to what is stored), in its own transaction. */
  recordBets(slug: string, rounds: readonly ObservedRound[], nowUs = Date.now() * 1000): BetRecording {
    return this.bets.record(this.rounds.gameId(canonicalSlug(slug)), rounds, nowUs);
  }

  /** A watch for commits by other connections to this file (its own state per caller). */
  watchForeignWrites(): ForeignWrites {
    return new ForeignWrites(this.db);
  }

  /** Adds work that commits with every batch from now on; the returned function removes it. */
  join(participant: CommitParticipant): () => void {
    this.participants.add(participant);
    return () => this.participants.delete(participant);
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
          facts: round.facts,
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
