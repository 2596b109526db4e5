import { Emitter } from '../emitter';
import type { Round } from '../round';
import type { RoundStore } from './round-store';
import { describeWriteFailure, type StoreError } from './store-error';

/** Past this many queued rounds a flush starts at once instead of waiting for the turn to end. */
const MAX_BATCH = 10_000;
const RETRY_AFTER_FAILURE_MS = 5_000;

interface Pending {
  rounds: Round[];
  cursors: Map<string, number>;
}

/**
 * The single way rounds reach the history. Everything queued in one turn of the event loop is
 * committed in one transaction: a lone live frame commits at once, a burst of backfill pages
 * commits together. Subscribers hear of a round only after its transaction has committed.
 */
export class RoundWriter {
  readonly committed = new Emitter<readonly Round[]>();
  readonly failures = new Emitter<StoreError | null>();
  private pending: Pending = { rounds: [], cursors: new Map() };
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  /** True from a failed commit until the next one succeeds; enqueue then waits for the retry. */
  private failing = false;
  private readonly drained: (() => void)[] = [];

  constructor(private readonly store: RoundStore) {}

  /**
   * Queues rounds, and optionally the point through which a game's history is complete once they
   * are stored; the cursor moves in the same transaction as the rounds, never ahead of them.
   */
  enqueue(rounds: readonly Round[], cursor?: { game: string; throughUs: number }): void {
    for (const round of rounds) this.pending.rounds.push(round);
    if (cursor) {
      const current = this.pending.cursors.get(cursor.game) ?? -Infinity;
      this.pending.cursors.set(cursor.game, Math.max(current, cursor.throughUs));
    }
    if (this.failing) return;
    if (this.pending.rounds.length >= MAX_BATCH) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Resolves once everything queued so far is committed (or has failed and is waiting to retry). */
  idle(): Promise<void> {
    if (this.pending.rounds.length === 0 && this.pending.cursors.size === 0 && !this.scheduled) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.drained.push(resolve));
  }

  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled as NodeJS.Immediate);
      clearTimeout(this.scheduled as NodeJS.Timeout);
      this.scheduled = null;
    }
    const batch = this.pending;
    if (batch.rounds.length === 0 && batch.cursors.size === 0) return this.settle();
    this.pending = { rounds: [], cursors: new Map() };
    let inserted: Round[];
    try {
      inserted = this.store.write(batch.rounds, batch.cursors);
    } catch (error) {
      const storeError = describeWriteFailure(error);
      if (!storeError) throw error;
      // Keep the batch (ahead of anything newer) and try again: nothing is lost while the disk is full.
      this.pending = {
        rounds: batch.rounds.concat(this.pending.rounds),
        cursors: mergeCursors(batch.cursors, this.pending.cursors),
      };
      this.failing = true;
      this.failures.emit(storeError);
      this.scheduled = setTimeout(() => {
        this.scheduled = null;
        this.flush();
      }, RETRY_AFTER_FAILURE_MS);
      this.scheduled.unref();
      return this.settle();
    }
    if (this.failing) {
      this.failing = false;
      this.failures.emit(null);
    }
    if (inserted.length > 0) this.committed.emit(inserted);
    this.settle();
  }

  private settle(): void {
    for (const resolve of this.drained.splice(0)) resolve();
  }
}

function mergeCursors(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const merged = new Map(a);
  for (const [game, us] of b) merged.set(game, Math.max(merged.get(game) ?? -Infinity, us));
  return merged;
}
