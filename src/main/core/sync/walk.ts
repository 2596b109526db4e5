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
  const since = plan.sinceUs === null ? undefined : microsToIso(plan.sinceUs);
  const backoff = new Backoff({ baseMs: 1_000, capMs: 60_000 });
  let beforeIndex = plan.beforeIndex;
  let top = plan.top;
  let oldest: Edge | null = null;
  let rows = 0;
  let recovered = 0;
  const count = (inserted: readonly Round[]): void => {
    recovered += inserted.length;
  };

  for (;;) {
    await context.writable();
    const query: RoundsQuery = { limit: context.pageSize, ...(since === undefined ? {} : { since }), ...(beforeIndex === null ? {} : { beforeIndex }) };
    const page = await fetchPage(context, backoff, query);
    for (const rejected of page.rejected) {
      writer.quarantine({ source: 'rest', game, reason: rejected.reason, text: rejected.text, receivedUs: Date.now() * 1000 });
    }
    if (page.rounds.length + page.rejected.length === 0) break;
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
      writer.enqueue(page.rounds, { bulk: true, onStored: count });
      return { outcome: 'stopped', reason: 'its rows carry no round_index to page back with' };
    }
    if (beforeIndex !== null && pageOldest.index! >= beforeIndex) {
      writer.enqueue(page.rounds, { bulk: true, onStored: count });
      return { outcome: 'stopped', reason: 'the server ignored before_index' };
    }
    // Every round from this page's oldest up to the walk's top is now stored.
    const proven: Span = { fromUs: pageOldest.us, fromIndex: pageOldest.index, throughUs: top!.us, throughIndex: top!.index, atStart: false };
    writer.enqueue(page.rounds, { bulk: true, coverage: { game, span: proven }, onStored: count });
    oldest = pageOldest;
    beforeIndex = pageOldest.index;
    rows += page.rounds.length;
    context.onPage(rows, oldest, top);
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

/** Resolves once a coverage change (and everything queued before it) is committed. */
function committed(writer: RoundWriter, coverage: { game: string; span: Span }, signal: AbortSignal): Promise<void> {
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
async function fetchPage(context: WalkContext, backoff: Backoff, query: RoundsQuery): Promise<PageResult> {
  const { budget, signal } = context;
  for (;;) {
    await budget.acquire(context.priority, signal);
    try {
      const page = await context.rest.rounds(context.game, query, signal);
      if (backoff.attempts > 0) context.onRetry(null);
      backoff.reset();
      return page;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const upstream = error instanceof UpstreamError ? error : null;
      if (upstream?.stopsRetrying) throw error;
      if (!upstream && !(error instanceof RowError)) throw error;
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
