import type { ConnectionState, GameState } from '../../../shared/contract';
import { microsToIso } from '../../../shared/time';
import { Backoff } from '../../../shared/backoff';
import { Emitter } from '../emitter';
import type { Round } from '../round';
import type { RoundStore } from '../store/round-store';
import type { RoundWriter } from '../store/round-writer';
import type { RoundsQuery, TrackerSinoRest } from '../sources/trackersino/rest-client';
import type { PageResult } from '../sources/trackersino/round-page';
import { parseRoundFrame, RowError } from '../sources/trackersino/round-row';
import type { RoundStream, StreamEvent } from '../sources/trackersino/round-stream';
import { UpstreamError } from '../sources/trackersino/upstream-error';

export interface RecorderOptions {
  readonly games: readonly string[];
  readonly rest: TrackerSinoRest;
  readonly stream: RoundStream;
  readonly store: RoundStore;
  readonly writer: RoundWriter;
  /** How far back the first start of a game reaches. */
  readonly historyDepthMs: number;
  readonly pageSize?: number;
  /** Each backfill starts this far before the resume point, so no precision mismatch can leave a hole. */
  readonly overlapMs?: number;
  readonly log?: (message: string) => void;
  readonly refetchDelayMs?: number;
}

export interface GameProgress {
  readonly state: GameState;
  readonly detail: string | null;
}

/**
 * Keeps the local history complete: stores every stream frame, and on every (re)connect backfills
 * each game from the point through which its history is known to be complete. A game's cursor only
 * moves over rounds received without a gap, in the same transaction as those rounds.
 */
export class Recorder {
  readonly changed = new Emitter<void>();
  connection: { state: ConnectionState; detail: string | null } = { state: 'stopped', detail: null };
  private readonly progress = new Map<string, GameProgress>();
  /** Games whose backfill has completed on the current connection: their frames advance the cursor. */
  private readonly live = new Set<string>();
  /** Newest frame per game on the current connection, for the cursor once its backfill completes. */
  private readonly newestFrameUs = new Map<string, number>();
  private generation = 0;
  private readonly disposers: (() => void)[] = [];
  private readonly retries = new Set<NodeJS.Timeout>();
  /** How long after an undecodable frame the games are backfilled, so its round is on REST by then. */
  private readonly refetchDelayMs: number;
  private rejectedFrames = 0;

  constructor(private readonly options: RecorderOptions) {
    for (const game of options.games) this.progress.set(game, { state: 'connecting', detail: null });
    this.refetchDelayMs = options.refetchDelayMs ?? 2_000;
  }

  start(): void {
    this.disposers.push(
      this.options.stream.events.on((event) => this.onStreamEvent(event)),
      this.options.stream.frames.on((text) => this.onFrame(text)),
    );
    this.options.stream.start();
  }

  stop(): void {
    this.generation++;
    this.options.stream.stop();
    for (const dispose of this.disposers.splice(0)) dispose();
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    this.connection = { state: 'stopped', detail: null };
  }

  gameProgress(game: string): GameProgress {
    return this.progress.get(game) ?? { state: 'connecting', detail: null };
  }

  get rejectedFrameCount(): number {
    return this.rejectedFrames;
  }

  private onStreamEvent(event: StreamEvent): void {
    switch (event.type) {
      case 'connecting':
        this.setConnection(this.connection.state === 'stopped' ? 'connecting' : this.connection.state, this.connection.detail);
        break;
      case 'open': {
        const generation = ++this.generation;
        this.live.clear();
        this.newestFrameUs.clear();
        this.setConnection('open', null);
        for (const game of this.options.games) void this.backfill(game, generation);
        break;
      }
      case 'closed':
        this.generation++;
        this.live.clear();
        this.setConnection('reconnecting', `Live stream lost (${event.reason}); reconnecting in ${Math.ceil(event.retryInMs / 1000)} s.`);
        for (const game of this.options.games) this.setGame(game, 'stale', 'Waiting for the live stream to come back.');
        break;
      case 'refused':
        this.generation++;
        this.setConnection('error', event.error.message);
        for (const game of this.options.games) this.setGame(game, 'error', event.error.message);
        break;
    }
  }

  private onFrame(text: string): void {
    let round: Round;
    try {
      round = parseRoundFrame(text);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      this.rejectedFrames++;
      this.log(`rejected a stream frame: ${error.reason}: ${text.slice(0, 200)}`);
      if (error.mayHideRound) this.refetchAfterBadFrame();
      return;
    }
    if (this.live.has(round.game)) {
      this.options.writer.enqueue([round], { cursor: { game: round.game, throughUs: round.finalizedUs } });
    } else {
      this.newestFrameUs.set(round.game, Math.max(this.newestFrameUs.get(round.game) ?? -Infinity, round.finalizedUs));
      this.options.writer.enqueue([round]);
    }
  }

  /**
   * An undecodable frame's round may be any game's. No cursor may pass over it, so a new
   * generation begins (backfills in flight stop before they could mark a game live) and every
   * game is backfilled again once the round is surely on REST.
   */
  private refetchAfterBadFrame(): void {
    const generation = ++this.generation;
    this.live.clear();
    this.newestFrameUs.clear();
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      if (generation !== this.generation) return;
      for (const game of this.options.games) void this.backfill(game, generation);
    }, this.refetchDelayMs);
    this.retries.add(timer);
  }

  /**
   * One page, retried after server errors, network errors, unreadable pages and 429s (waiting at
   * least as long as Retry-After says) until it comes or the generation ends (null). Retrying the
   * page, not the walk, keeps a rate-limited backfill from spending its budget on pages it has.
   */
  private async fetchPage(game: string, generation: number, backoff: Backoff, query: RoundsQuery): Promise<PageResult | null> {
    for (;;) {
      try {
        const page = await this.options.rest.rounds(game, query);
        if (generation !== this.generation) return null;
        if (backoff.attempts > 0) this.setGame(game, 'backfilling', null);
        backoff.reset();
        return page;
      } catch (error) {
        if (generation !== this.generation) return null;
        const upstream = error instanceof UpstreamError ? error : null;
        if (upstream?.isFatal) throw error;
        if (!upstream && !(error instanceof RowError)) throw error;
        const message = upstream?.message ?? `TrackerSino sent a page Roundlog cannot read (${(error as RowError).reason}).`;
        const waitMs = Math.max(backoff.next(), (upstream?.retryAfterS ?? 0) * 1000);
        this.setGame(game, 'backfilling', `${message} Next try in ${Math.ceil(waitMs / 1000)} s.`);
        if (!(await this.wait(waitMs, generation))) return null;
      }
    }
  }

  /** Resolves true after `ms`, or false if the generation ends first (stop clears the timer). */
  private wait(ms: number, generation: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        resolve(generation === this.generation);
      }, ms);
      this.retries.add(timer);
    });
  }

  /** Pages back from the newest round to the resume point with `since` + `before_index`. */
  private async backfill(game: string, generation: number): Promise<void> {
    const { store, writer } = this.options;
    const pageSize = this.options.pageSize ?? 1000;
    const resumeUs = store.completeThrough(game) ?? (Date.now() - this.options.historyDepthMs) * 1000;
    const since = microsToIso(resumeUs - (this.options.overlapMs ?? 5_000) * 1000);
    this.setGame(game, 'backfilling', null);
    let newestUs = -Infinity;
    let beforeIndex: bigint | undefined;
    // Why the walk stopped before an empty page proved it had reached `since`, if it did.
    let stoppedEarly: string | null = null;
    const backoff = new Backoff({ baseMs: 1_000, capMs: 60_000 });
    try {
      for (;;) {
        const page = await this.fetchPage(game, generation, backoff, { limit: pageSize, since, ...(beforeIndex === undefined ? {} : { beforeIndex }) });
        if (page === null) return;
        writer.enqueue(page.rounds, { bulk: true });
        // A row upstream serves malformed is logged (and quarantined with issue 4); fetching it
        // again would give the same row, so it does not hold the cursor back.
        for (const rejected of page.rejected) this.log(`rejected a ${game} row: ${rejected.reason}`);
        // Only an empty page ends the walk: the API documents no maximum `limit`, so a short page
        // proves nothing.
        if (page.rounds.length + page.rejected.length === 0) break;
        let oldestIndex: bigint | null = null;
        for (const round of page.rounds) {
          if (round.finalizedUs > newestUs) newestUs = round.finalizedUs;
          if (round.roundIndex !== null && (oldestIndex === null || round.roundIndex < oldestIndex)) oldestIndex = round.roundIndex;
        }
        if (oldestIndex === null) {
          stoppedEarly = 'its rows carry no round_index to page back with';
          break;
        }
        if (beforeIndex !== undefined && oldestIndex >= beforeIndex) {
          stoppedEarly = 'the server ignored before_index';
          break;
        }
        beforeIndex = oldestIndex;
      }
    } catch (error) {
      // Only what retrying cannot mend reaches here: a rejected key or tier.
      if (generation === this.generation) this.setGame(game, 'error', error instanceof Error ? error.message : String(error));
      return;
    }
    if (stoppedEarly !== null) {
      // What was fetched is stored, but the history is not known to be complete: the cursor stays,
      // so the next backfill starts from the same point.
      this.log(`${game}: backfill stopped early because ${stoppedEarly}; older rounds may be missing`);
      this.setGame(game, 'live', `Older rounds may be missing: ${stoppedEarly}.`);
      return;
    }
    const throughUs = Math.max(newestUs, this.newestFrameUs.get(game) ?? -Infinity);
    if (Number.isFinite(throughUs)) writer.enqueue([], { cursor: { game, throughUs } });
    this.live.add(game);
    this.setGame(game, 'live', null);
  }

  private setConnection(state: ConnectionState, detail: string | null): void {
    this.connection = { state, detail };
    this.changed.emit();
  }

  private setGame(game: string, state: GameState, detail: string | null): void {
    this.progress.set(game, { state, detail });
    this.changed.emit();
  }

  private log(message: string): void {
    (this.options.log ?? console.warn)(`roundlog: ${message}`);
  }
}
