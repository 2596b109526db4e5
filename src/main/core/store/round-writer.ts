import { Emitter } from '../emitter';
import type { Round } from '../round';
import type { RoundStore } from './round-store';
import { describeWriteFailure, StoreError } from './store-error';

/** Past this many queued rounds a flush starts at once. */
const MAX_BATCH = 20_000;
/**
 * How long backfill rounds may wait to share a transaction with the next pages. Measured: with
 * random round_id keys, each commit rewrites most of the key index's pages, so large
 * transactions roughly double bulk ingest. Live rounds never wait.
 */
const BULK_DELAY_MS = 20;
const RETRY_AFTER_FAILURE_MS = 5_000;

interface Pending {
  rounds: Round[];
  cursors: Map<string, number>;
}

/**
 * The single way rounds reach the history. A live round is committed at the end of the current
 * turn of the event loop, together with everything else queued; backfill pages wait a few
 * milliseconds to share a transaction. Subscribers hear of a round only after its commit.
 */
export class RoundWriter {
  readonly committed = new Emitter<readonly Round[]>();
  readonly failures = new Emitter<StoreError | null>();
  private pending: Pending = { rounds: [], cursors: new Map() };
  private scheduled:
    | { readonly live: true; readonly handle: NodeJS.Immediate }
    | { readonly live: false; readonly handle: NodeJS.Timeout }
    | null = null;
  /** True from a failed commit until the next one succeeds; enqueue then waits for the retry. */
  private failing = false;
  private readonly drained: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly store: RoundStore) {}

  /**
   * Queues rounds, and optionally the point through which a game's history is complete once they
   * are stored; the cursor moves in the same transaction as the rounds, never ahead of them.
   * `bulk` rounds (backfill pages) may wait briefly for company.
   */
  enqueue(rounds: readonly Round[], options: { cursor?: { game: string; throughUs: number }; bulk?: boolean } = {}): void {
    for (const round of rounds) this.pending.rounds.push(round);
    const { cursor } = options;
    if (cursor) {
      const current = this.pending.cursors.get(cursor.game) ?? -Infinity;
      this.pending.cursors.set(cursor.game, Math.max(current, cursor.throughUs));
    }
    if (this.failing || this.disposed) return;
    if (this.pending.rounds.length >= MAX_BATCH) return this.flush();
    const live = options.bulk !== true;
    if (this.scheduled && (this.scheduled.live || !live)) return;
    this.cancelScheduled();
    this.scheduled = live
      ? { live: true, handle: setImmediate(() => this.flush()) }
      : { live: false, handle: setTimeout(() => this.flush(), BULK_DELAY_MS) };
  }

  /** Resolves once everything queued so far is committed (or has failed and is waiting to retry). */
  idle(): Promise<void> {
    if (this.pending.rounds.length === 0 && this.pending.cursors.size === 0 && !this.scheduled) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** Rounds queued but not yet committed. */
  get backlog(): number {
    return this.pending.rounds.length;
  }

  flush(): void {
    this.cancelScheduled();
    if (this.disposed) return this.settle();
    const batch = this.pending;
    if (batch.rounds.length === 0 && batch.cursors.size === 0) return this.settle();
    this.pending = { rounds: [], cursors: new Map() };
    let inserted: Round[];
    try {
      inserted = this.store.write(batch.rounds, batch.cursors);
    } catch (error) {
      // The batch goes back first (ahead of anything newer), whatever the error: a failed commit
      // never loses a round, and no later cursor can move past one.
      this.pending = {
        rounds: batch.rounds.concat(this.pending.rounds),
        cursors: mergeCursors(batch.cursors, this.pending.cursors),
      };
      const storeError = describeWriteFailure(error) ?? unexpectedFailure(error);
      this.failing = true;
      this.failures.emit(storeError);
      const retry = setTimeout(() => this.flush(), RETRY_AFTER_FAILURE_MS);
      retry.unref();
      this.scheduled = { live: false, handle: retry };
      return this.settle();
    }
    if (this.failing) {
      this.failing = false;
      this.failures.emit(null);
    }
    if (inserted.length > 0) this.committed.emit(inserted);
    this.settle();
  }

  /** Stops all timers; what is still queued stays uncommitted (call flush first to try once more). */
  dispose(): void {
    this.disposed = true;
    this.cancelScheduled();
    this.settle();
  }

  private cancelScheduled(): void {
    if (!this.scheduled) return;
    // Each handle with its own function: clearImmediate on a Timeout corrupts Node's timer lists.
    if (this.scheduled.live) clearImmediate(this.scheduled.handle);
    else clearTimeout(this.scheduled.handle);
    this.scheduled = null;
  }

  private settle(): void {
    for (const resolve of this.drained.splice(0)) resolve();
  }
}

function unexpectedFailure(error: unknown): StoreError {
  console.error('roundlog: saving rounds failed', error);
  const code = (error as { code?: unknown } | null)?.code;
  return new StoreError(
    'io_error',
    `Roundlog could not save rounds (${typeof code === 'string' ? code : 'unexpected error'}); it keeps them and tries again every few seconds.`,
  );
}

function mergeCursors(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const merged = new Map(a);
  for (const [game, us] of b) merged.set(game, Math.max(merged.get(game) ?? -Infinity, us));
  return merged;
}
