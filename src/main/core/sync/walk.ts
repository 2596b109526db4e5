import { setTimeout as sleep } from 'node:timers/promises';
import { Backoff } from '../../../shared/backoff';
import { microsToIso } from '../../../shared/time';
import type { Round } from '../round';
import type { RoundWriter } from '../store/round-writer';
import type { RoundsQuery, TrackerSinoRest } from '../sources/trackersino/rest-client';
import type { PageResult } from '../sources/trackersino/round-page';
import { RowError } from '../sources/trackersino/round-row';
import { UpstreamError } from '../sources/trackersino/upstream-error';
import type { Edge, Span, WalkPlan } from './coverage';
import type { RateBudget, RequestPriority } from './rate-budget';

export interface WalkContext {
  readonly game: string;
  readonly rest: TrackerSinoRest;
  readonly budget: RateBudget;
  readonly writer: RoundWriter;
  readonly pageSize: number;
  readonly priority: RequestPriority;
  readonly signal: AbortSignal;
  /** Resolves once the history can be written again: no page is fetched while it cannot. */
  readonly writable: () => Promise<void>;
  /** A retry is pending (`message` says why and when), or null once pages come again. */
  readonly onRetry: (message: string | null) => void;
  /** After each page: rows so far and the oldest point reached. */
  readonly onPage: (rows: number, oldest: Edge | null, top: Edge | null) => void;
  /** Rounds of a poll: their commit delay is measured. */
  readonly onRounds?: (rounds: readonly Round[]) => void;
}

export type WalkResult =
  | {
      readonly outcome: 'complete';
      /** The newest round the walk saw (its top, for a walk from the newest). */
      readonly top: Edge | null;
      /** Rounds this walk stored that the history did not hold before. */
      readonly recovered: number;
    }
  | { readonly outcome: 'stopped'; readonly reason: string };

/**
 * Walks pages from `beforeIndex` (or the newest) back to `since` with keyset paging, committing
 * each page together with the span it proves, so a walk cut short anywhere resumes where it
 * stopped. Only an empty page ends it: the API documents no maximum `limit`, so a short page
 * proves nothing. Throws the signal's reason when aborted, and an UpstreamError that retrying
 * cannot mend (a rejected key, an unknown game).
 */
export async function walk(plan: WalkPlan, context: WalkContext): Promise<WalkResult> {
  const { game, writer } = context;
  // A poll's pages are the live path of a tier without a stream; every other walk is backfill.
  const live = context.priority === 'live';
  const since = plan.sinceUs === null ? undefined : microsToIso(plan.sinceUs);
  const backoff = new Backoff({ baseMs: 1_000, capMs: 60_000 });
  let beforeIndex = plan.beforeIndex;
  let top = plan.top;
  let oldest = null as Edge | null; // widened: takePage below assigns it
  let rows = 0;
  let recovered = 0;
  const count = (inserted: readonly Round[]): void => {
    recovered += inserted.length;
  };

  const queryAt = (before: bigint | null): RoundsQuery => ({ limit: context.pageSize, ...(since === undefined ? {} : { since }), ...(before === null ? {} : { beforeIndex: before }) });
  const ahead = new PagesAhead(
    context.signal,
    () => pagesAhead(context.budget.ratePerSecond),
    (before, signal, guess) =>
      fetchPage({ ...context, signal }, guess ? new Backoff({ baseMs: 1_000, capMs: 60_000 }) : backoff, queryAt(before), guess ?? (() => false)),
  );

  try {
    for (;;) {
      await context.writable();
      context.signal.throwIfAborted();
      const page = await ahead.take(beforeIndex);
      context.signal.throwIfAborted();
      const outcome = takePage(page);
      if (outcome === 'end') break;
      if (outcome !== 'next') return outcome;
    }
  } finally {
    ahead.discard();
  }
  function takePage(page: PageResult): 'next' | 'end' | WalkResult {
    for (const rejected of page.rejected) {
      writer.quarantine({ source: 'rest', game, reason: rejected.reason, text: rejected.text, receivedUs: Date.now() * 1000 });
    }
    if (page.rounds.length + page.rejected.length === 0) return 'end';
    if (page.rounds.length === 0) return { outcome: 'stopped', reason: 'a page held only rows Roundlog cannot read (they are in quarantine)' };
    context.onRounds?.(page.rounds);

    let pageNewest: Edge | null = null;
    let pageOldest: Edge | null = null;
    for (const round of page.rounds) {
      if (pageNewest === null || round.finalizedUs > pageNewest.us) pageNewest = { us: round.finalizedUs, index: round.roundIndex };
      if (round.roundIndex !== null && (pageOldest === null || pageOldest.index === null || round.roundIndex < pageOldest.index)) {
        pageOldest = { us: round.finalizedUs, index: round.roundIndex };
      }
    }
    top ??= pageNewest;
    if (pageOldest === null) {
      writer.enqueue(page.rounds, { bulk: true, live, onStored: count });
      return { outcome: 'stopped', reason: 'its rows carry no round_index to page back with' };
    }
    if (beforeIndex !== null && pageOldest.index! >= beforeIndex) {
      writer.enqueue(page.rounds, { bulk: true, live, onStored: count });
      return { outcome: 'stopped', reason: 'the server ignored before_index' };
    }
    // Every round from this page's oldest up to the walk's top is now stored.
    const proven: Span = { fromUs: pageOldest.us, fromIndex: pageOldest.index, throughUs: top!.us, throughIndex: top!.index, atStart: false };
    writer.enqueue(page.rounds, { bulk: true, live, coverage: { game, span: proven }, onStored: count });
    // A full page whose indices counted down one by one suggests the next pages' positions: they
    // are asked for now, while this one is stored, and dropped if the guess was wrong.
    const first = beforeIndex ?? (pageNewest!.index === null ? null : pageNewest!.index + 1n);
    if (page.rounds.length === context.pageSize && first !== null && first - pageOldest.index! === BigInt(context.pageSize)) {
      ahead.guess(pageOldest.index!, BigInt(context.pageSize));
    }
    oldest = pageOldest;
    beforeIndex = pageOldest.index;
    rows += page.rounds.length;
    context.onPage(rows, oldest, top);
    return 'next';
  }

  // The empty page proves there is nothing between `since` and the oldest round reached; without
  // a `since`, that the game's first round has been reached.
  const fromUs = plan.sinceUs ?? oldest?.us ?? top?.us ?? null;
  if (fromUs !== null) {
    const span: Span = {
      fromUs: Math.min(fromUs, oldest?.us ?? fromUs),
      fromIndex: oldest?.index ?? plan.beforeIndex,
      throughUs: top?.us ?? fromUs,
      throughIndex: top?.index ?? null,
      atStart: plan.sinceUs === null,
    };
    await committed(writer, { game, span }, context.signal);
  }
  return { outcome: 'complete', top, recovered };
}

/**
 * Pages asked for ahead of the walk, at most this many waiting at once: what the key's budget
 * grants in AHEAD_MS, between 2 and 8. At a Pro key's 50 requests a second that is 8 pages,
 * one commit of backfill (round-writer.ts: up to 8,000 rounds), so the parse worker has the pages
 * that arrive while the main thread commits instead of waiting for it. Measured on 200,000 rounds
 * (bench `skeleton`, one sitting): 3 pages in flight 31–43k rounds/s, 8 pages 45–58k. A scarce
 * budget (Starter, or slowed by 429s) asks for fewer: a wrong guess would spend what it lacks.
 */
export function pagesAhead(ratePerSecond: number): number {
  return Math.min(8, Math.max(2, Math.ceil((ratePerSecond * AHEAD_MS) / 1000)));
}
const AHEAD_MS = 150;

/**
 * Requests a walk's next pages before it needs them, when round_index counts down one by one:
 * a single walk otherwise waits for each page to be stored before it may ask for the next, and
 * would use a fraction of the budget. A guess that turns out wrong only costs its requests.
 */
class PagesAhead {
  private readonly pending = new Map<string, { page: Promise<PageResult>; stop: AbortController; guess: { still: boolean } }>();

  constructor(
    private readonly walkSignal: AbortSignal,
    /** How many may wait at once, asked at each guess: the budget's rate changes. */
    private readonly limit: () => number,
    /**
     * `guess`: set for a guess, which has its own retry backoff, is cancelled when dropped, and
     * asks the budget only after needed requests while `guess()` says true.
     */
    private readonly fetch: (beforeIndex: bigint | null, signal: AbortSignal, guess: (() => boolean) | null) => Promise<PageResult>,
  ) {}

  take(beforeIndex: bigint | null): Promise<PageResult> {
    const key = String(beforeIndex);
    const guessed = this.pending.get(key);
    this.pending.delete(key);
    // A page nobody guessed means the guesses were wrong: they are cancelled and make room.
    if (guessed === undefined) this.discard();
    else guessed.guess.still = false;
    return guessed?.page ?? this.fetch(beforeIndex, this.walkSignal, null);
  }

  /** The pages below `beforeIndex`, `step` indices apart. */
  guess(beforeIndex: bigint, step: bigint): void {
    const limit = this.limit();
    for (let i = 0n; i < BigInt(limit); i++) {
      const before = beforeIndex - i * step;
      const key = String(before);
      if (this.pending.has(key) || this.pending.size >= limit) continue;
      const stop = new AbortController();
      const guess = { still: true };
      const page = this.fetch(before, AbortSignal.any([this.walkSignal, stop.signal]), () => guess.still);
      page.catch(() => {}); // a guess nobody takes may fail unheard
      this.pending.set(key, { page, stop, guess });
    }
  }

  /** Cancels every guess not taken: no budget is spent on pages nobody will read. */
  discard(): void {
    for (const { stop } of this.pending.values()) stop.abort(new Error('guess dropped'));
    this.pending.clear();
  }
}

/** Resolves once a coverage change (and everything queued before it) is committed. */
function committed(writer: RoundWriter, coverage: { game: string; span: Span }, signal: AbortSignal): Promise<void> {
  // A walk of a generation already over proves nothing to the one that replaced it.
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    writer.enqueue([], {
      coverage,
      onStored: () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
    });
  });
}

/**
 * One page within the key's budget, retried after server errors, network errors, unreadable
 * pages and 429s until it comes. Retrying the page, not the walk, keeps a rate-limited backfill
 * from spending its budget on pages it has.
 */
async function fetchPage(context: WalkContext, backoff: Backoff, query: RoundsQuery, isGuess: () => boolean): Promise<PageResult> {
  const { budget, signal } = context;
  let retried = false;
  for (;;) {
    await budget.acquire(context.priority, signal, isGuess);
    try {
      const page = await context.rest.rounds(context.game, query, signal);
      if (retried) context.onRetry(null);
      backoff.reset();
      return page;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const upstream = error instanceof UpstreamError ? error : null;
      if (upstream?.stopsRetrying) throw error;
      if (!upstream && !(error instanceof RowError)) throw error;
      retried = true;
      if (upstream?.status === 429) {
        // The budget holds every request of the key until the wait is over.
        const waitMs = (upstream.retryAfterS ?? 1) * 1000;
        budget.onRateLimited(waitMs);
        context.onRetry(`${upstream.message} Next try in ${Math.ceil(waitMs / 1000)} s.`);
        continue;
      }
      const message = upstream?.message ?? `TrackerSino sent a page Roundlog cannot read (${(error as RowError).reason}).`;
      const waitMs = backoff.next();
      context.onRetry(`${message} Next try in ${Math.ceil(waitMs / 1000)} s.`);
      await sleep(waitMs, undefined, { signal });
    }
  }
}
