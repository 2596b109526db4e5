import { setTimeout as sleep } from 'node:timers/promises';
import { Backoff } from '../../../shared/backoff';
import type { History } from '../store/history';
import { RowError } from '../sources/trackersino/round-row';
import type { TrackerSinoRest } from '../sources/trackersino/rest-client';
import { UpstreamError } from '../sources/trackersino/upstream-error';
import type { RateBudget } from './rate-budget';

// Records the bet snapshots of the tracked crash games. /stats/recent-bets shows only the newest
// bets, so it is asked again every few seconds (at catch-up priority: above deep backfill, below
// live polling); each answer overlaps the last, and the store keeps each bet once. A game whose
// answer holds no bets (no snapshots published) is asked rarely.

export interface BetWatchOptions {
  readonly games: readonly string[];
  readonly rest: Pick<TrackerSinoRest, 'recentBets'>;
  readonly budget: RateBudget;
  readonly history: Pick<History, 'recordBets'>;
  readonly isPaused: (game: string) => boolean;
  /** Between asks while bets come (default 10 s: ~3 crash rounds of ~300 bets fit the 1,000 limit). */
  readonly everyMs?: number;
  /** Between asks while a game shows no bets (default 5 min). */
  readonly idleEveryMs?: number;
  readonly limit?: number;
  readonly log?: (message: string) => void;
}

/** What the watch has done for one game since it started. */
export interface BetWatchCounts {
  rounds: number;
  bets: number;
  /** Snapshots of a round that disagreed with its stored bets (kept out). */
  conflicts: number;
  /** Bets that could not be read. */
  rejected: number;
  /** Why the last ask failed, or null. */
  lastError: string | null;
}

const DEFAULT_EVERY_MS = 10_000;
const DEFAULT_IDLE_EVERY_MS = 300_000;
const DEFAULT_LIMIT = 1_000;
const RETRY = { baseMs: 2_000, capMs: 120_000, minMs: 1_000 };

export class BetWatch {
  private readonly counts = new Map<string, BetWatchCounts>();
  private running: AbortController | null = null;

  constructor(private readonly options: BetWatchOptions) {
    for (const game of options.games) this.counts.set(game, { rounds: 0, bets: 0, conflicts: 0, rejected: 0, lastError: null });
  }

  start(): void {
    if (this.running !== null) return;
    const running = new AbortController();
    this.running = running;
    for (const game of this.options.games) void this.watch(game, running.signal);
  }

  stop(): void {
    this.running?.abort(new Error('bet watch stopped'));
    this.running = null;
  }

  countsOf(game: string): Readonly<BetWatchCounts> | undefined {
    return this.counts.get(game);
  }

  private async watch(game: string, signal: AbortSignal): Promise<void> {
    const counts = this.counts.get(game) as BetWatchCounts;
    const retry = new Backoff(RETRY);
    const everyMs = this.options.everyMs ?? DEFAULT_EVERY_MS;
    const idleEveryMs = this.options.idleEveryMs ?? DEFAULT_IDLE_EVERY_MS;
    while (!signal.aborted) {
      let waitMs = everyMs;
      if (!this.options.isPaused(game)) {
        try {
          waitMs = (await this.ask(game, counts, signal)) ? everyMs : idleEveryMs;
          retry.reset();
          counts.lastError = null;
        } catch (error) {
          if (signal.aborted) return;
          const verdict = this.verdictOn(error);
          counts.lastError = verdict.message;
          this.log(`bet snapshots of ${game}: ${verdict.message}`);
          if (verdict.final) return;
          waitMs = verdict.retryAfterMs ?? retry.next();
        }
      }
      try {
        await sleep(waitMs, undefined, { signal });
      } catch {
        return;
      }
    }
  }

  /** One ask; whether the answer held any bet. */
  private async ask(game: string, counts: BetWatchCounts, signal: AbortSignal): Promise<boolean> {
    await this.options.budget.acquire('catch-up', signal);
    const snapshot = await this.options.rest.recentBets(game, this.options.limit ?? DEFAULT_LIMIT, signal);
    counts.rejected += snapshot.rejected.length;
    if (snapshot.rejected.length > 0) this.log(`bet snapshots of ${game}: ${snapshot.rejected.length} bets unreadable (${snapshot.rejected[0]!.reason})`);
    if (snapshot.rounds.length === 0) return false;
    const recorded = this.options.history.recordBets(game, snapshot.rounds);
    counts.rounds += recorded.newRounds;
    counts.bets += recorded.newBets;
    counts.conflicts += recorded.conflicts;
    return true;
  }

  /** What to do after a failed ask: 401/403/404 end the watch of the game; a 429 waits as told. */
  private verdictOn(error: unknown): { message: string; final: boolean; retryAfterMs: number | null } {
    if (error instanceof UpstreamError) {
      if (error.status === 429) {
        const retryAfterMs = (error.retryAfterS ?? 1) * 1000;
        this.options.budget.onRateLimited(retryAfterMs);
        return { message: error.message, final: false, retryAfterMs };
      }
      const final = error.status === 401 || error.status === 403 || error.status === 404;
      return { message: final ? `${error.message} Bet snapshots are not recorded for this game.` : error.message, final, retryAfterMs: null };
    }
    if (error instanceof RowError) return { message: `unreadable answer (${error.reason})`, final: false, retryAfterMs: null };
    // A write that failed (a full disk): the bets stay upstream a while, so the next ask retries.
    return { message: error instanceof Error ? error.message : String(error), final: false, retryAfterMs: null };
  }

  private log(message: string): void {
    (this.options.log ?? console.warn)(`roundlog: ${message}`);
  }
}
