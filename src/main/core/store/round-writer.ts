import { Emitter } from '../emitter';
import type { Round } from '../round';
import type { CoverageChange } from './coverage-store';
import type { Batch, History } from './history';
import type { QuarantineEntry } from './quarantine-store';
import { describeWriteFailure, StoreError } from './store-error';

/**
 * Past this many queued rounds a flush starts at once. Measured during a deep backfill with 3 pages
 * in flight: at 20,000 a live frame committed with the queued pages reached subscribers at p99
 * 0.49–0.58 s, at 8,000 at 0.34 s, as with the 20 ms wait before; the 1,000,000-round backfill took
 * 36.6–43.6 s against 37.8–37.9 s at 20,000, in one sitting: no difference beyond the noise. (With
 * 8 pages in flight, walk.ts, the main thread rarely idles and frames wait longer: p99 ~0.4 s.)
 */
const MAX_BATCH = 8_000;
/**
 * How long backfill rounds may wait to share a transaction with the next pages. Measured on a
 * million-round Pro backfill: the random round_id and multiplier indexes make a commit rewrite
 * most of their pages whatever its size, so at 20 ms (~3 pages a commit) COMMIT took ~26 µs a
 * round and the backfill 46–49 s; at 250 ms, with commits of up to 20,000 rounds (and the
 * 256 MiB cache of database.ts), ~5.5 µs and 38–39 s. Live rounds never wait for it (a Starter
 * key's polls included); a live round commits whatever bulk rounds are queued with it, which
 * MAX_BATCH bounds.
 */
const BULK_DELAY_MS = 250;
/**
 * While live rounds stream in faster than this, commits are spaced this far apart and the rounds
 * between share one. Measured: a commit of one round writes ~12 pages to the WAL (the round and
 * its four index entries, its game's hour and day rollups, events and coverage), and most of that
 * is per game, so spacing commits is what lets rounds share it. A round after a quiet spell (at
 * real cadence, every round) still commits in the next turn of the event loop.
 */
export const LIVE_SPACING_MS = 5;
const RETRY_AFTER_FAILURE_MS = 5_000;

interface Pending {
  rounds: Round[];
  /** Those that came by the live path. */
  live: Set<Round>;
  coverage: CoverageChange[];
  quarantine: QuarantineEntry[];
  /** Callers waiting to hear which of their rounds were new once committed. */
  listeners: { rounds: readonly Round[]; onStored: (inserted: readonly Round[]) => void }[];
}

export interface EnqueueOptions {
  /** What the rounds prove about the game's history; moves in the same transaction, never ahead. */
  readonly coverage?: CoverageChange;
  /** Backfill pages may wait briefly for company; live rounds wait at most LIVE_SPACING_MS. */
  readonly bulk?: boolean;
  /**
   * The rounds came by the live path (a stream frame, a poll), so alerts treat them as live
   * whatever their age on this computer's clock. Default: not bulk.
   */
  readonly live?: boolean;
  /** Told, after the commit, which of these rounds were not stored before. */
  readonly onStored?: (inserted: readonly Round[]) => void;
}

const empty = (): Pending => ({ rounds: [], live: new Set(), coverage: [], quarantine: [], listeners: [] });

/**
 * The single way rounds reach the history. A live round is committed at the end of the current
 * turn of the event loop (or, while commits follow each other closely, LIVE_SPACING_MS after the
 * last), together with everything else queued; backfill pages wait a few milliseconds to share a
 * transaction. Subscribers hear of a round only after its commit.
 */
export class RoundWriter {
  readonly committed = new Emitter<readonly Round[]>();
  readonly failures = new Emitter<StoreError | null>();
  private pending: Pending = empty();
  private scheduled:
    | { readonly live: true; readonly immediate: true; readonly handle: NodeJS.Immediate }
    | { readonly live: boolean; readonly immediate: false; readonly handle: NodeJS.Timeout }
    | null = null;
  /** When the last batch was committed (or tried), performance.now() ms. */
  private lastFlushMs = -Infinity;
  /** True from a failed commit until the next one succeeds; enqueue then waits for the retry. */
  private failing = false;
  private readonly drained: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly history: Pick<History, 'commit'>) {}

  /** Queues rounds, and optionally what they prove about the game's history. */
  enqueue(rounds: readonly Round[], options: EnqueueOptions = {}): void {
    for (const round of rounds) this.pending.rounds.push(round);
    if (options.live ?? options.bulk !== true) for (const round of rounds) this.pending.live.add(round);
    if (options.coverage) addChange(this.pending.coverage, options.coverage);
    if (options.onStored) this.pending.listeners.push({ rounds, onStored: options.onStored });
    // A poll's page is the live path of a Starter key: it commits like a stream frame.
    this.schedule(options.live ?? options.bulk !== true);
  }

  /** Queues something that could not be read as a round, to be kept with its reason. */
  quarantine(entry: QuarantineEntry): void {
    this.pending.quarantine.push(entry);
    this.schedule(true);
  }

  /** True from a failed commit until the next one succeeds. */
  get isFailing(): boolean {
    return this.failing;
  }

  private schedule(live: boolean): void {
    if (this.failing || this.disposed) return;
    if (this.pending.rounds.length >= MAX_BATCH) return this.flush();
    if (this.scheduled && (this.scheduled.live || !live)) return;
    this.cancelScheduled();
    const flush = (): void => this.flush();
    if (!live) {
      this.scheduled = { live: false, immediate: false, handle: setTimeout(flush, BULK_DELAY_MS) };
      return;
    }
    // Whole milliseconds: Node keeps one list of timers per duration.
    const waitMs = Math.ceil(this.lastFlushMs + LIVE_SPACING_MS - performance.now());
    this.scheduled =
      waitMs > 0
        ? { live: true, immediate: false, handle: setTimeout(flush, waitMs) }
        : { live: true, immediate: true, handle: setImmediate(flush) };
  }

  /** Resolves once everything queued so far is committed (or has failed and is waiting to retry). */
  idle(): Promise<void> {
    if (isEmpty(this.pending) && !this.scheduled) {
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
    if (isEmpty(batch)) return this.settle();
    this.pending = empty();
    this.lastFlushMs = performance.now();
    let inserted: Round[];
    try {
      inserted = this.history.commit(batch satisfies Batch);
    } catch (error) {
      // The batch goes back first (ahead of anything newer), whatever the error: a failed commit
      // never loses a round, and no later coverage can move past one.
      this.pending = {
        rounds: batch.rounds.concat(this.pending.rounds),
        live: new Set([...batch.live, ...this.pending.live]),
        coverage: batch.coverage.concat(this.pending.coverage),
        quarantine: batch.quarantine.concat(this.pending.quarantine),
        listeners: batch.listeners.concat(this.pending.listeners),
      };
      const storeError = describeWriteFailure(error) ?? unexpectedFailure(error);
      this.failing = true;
      this.failures.emit(storeError);
      const retry = setTimeout(() => this.flush(), RETRY_AFTER_FAILURE_MS);
      retry.unref();
      this.scheduled = { live: false, immediate: false, handle: retry };
      return this.settle();
    }
    if (this.failing) {
      this.failing = false;
      this.failures.emit(null);
    }
    if (batch.listeners.length > 0) tellListeners(batch, inserted);
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
    if (this.scheduled.immediate) clearImmediate(this.scheduled.handle);
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

function isEmpty(pending: Pending): boolean {
  return pending.rounds.length === 0 && pending.coverage.length === 0 && pending.quarantine.length === 0;
}

/** Consecutive extensions of one game collapse into the furthest: a live round each would cost a rewrite each. */
function addChange(changes: CoverageChange[], change: CoverageChange): void {
  const last = changes[changes.length - 1];
  if (last && 'extend' in last && 'extend' in change && last.game === change.game) {
    if (change.extend.us > last.extend.us) changes[changes.length - 1] = change;
    return;
  }
  changes.push(change);
}

function tellListeners(batch: Pending, inserted: readonly Round[]): void {
  const fresh = new Set(inserted);
  for (const { rounds, onStored } of batch.listeners) {
    try {
      onStored(rounds.filter((round) => fresh.has(round)));
    } catch (error) {
      console.error('roundlog: a commit listener failed', error);
    }
  }
}
