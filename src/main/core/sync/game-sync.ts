import { setTimeout as sleep } from 'node:timers/promises';
import type { BackfillProgress, GameState } from '../../../shared/contract';
import type { Round } from '../round';
import type { GapCause } from '../store/gap-store';
import type { History } from '../store/history';
import type { RoundWriter } from '../store/round-writer';
import type { TrackerSinoRest } from '../sources/trackersino/rest-client';
import { UpstreamError } from '../sources/trackersino/upstream-error';
import { plannedWalks, type Edge, type WalkPlan } from './coverage';
import { CommitDelays } from './commit-delays';
import type { RateBudget, RequestPriority } from './rate-budget';
import { walk, type WalkResult } from './walk';

export interface GameSyncDeps {
  readonly game: string;
  readonly history: History;
  readonly writer: RoundWriter;
  readonly rest: TrackerSinoRest;
  readonly budget: RateBudget;
  readonly pageSize: number;
  /** Walks start this far before the point they join, so no precision mismatch can leave a hole. */
  readonly overlapUs: number;
  /** The oldest point the history should reach now (µs), or null for everything upstream has. */
  readonly depthUs: () => number | null;
  readonly writable: () => Promise<void>;
  /**
   * How long after a stream (re)connects the catch-up waits: a round finalised just before the
   * connection is not streamed, and must be on REST by the time the catch-up asks for it.
   */
  readonly restLagMs: number;
  readonly changed: () => void;
  readonly log: (message: string) => void;
}

/** Newest round_index values looked at for the one before a live round, before asking the store. */
const RECENT_INDICES = 32;
/** Newest index holes scanned for at each start; the live check finds the rest as they happen. */
const HOLE_SCAN_ROUNDS = 50_000n;

/**
 * One tracked game's state machine: on each generation (a stream (re)connect, a wake, the start of
 * polling) it catches up from the newest round back to its complete history, goes live, then
 * fills holes and walks deeper history in the background at lower priority.
 */
export class GameSync {
  state: GameState = 'connecting';
  detail: string | null = null;
  staleSinceMs: number | null = null;
  backfill: BackfillProgress | null = null;
  readonly delays = new CommitDelays();
  private paused = false;
  /** Catch-up done on the current generation: frames now extend the complete history. */
  private live = false;
  /** The two newest frames of this generation: a frame proves the history only up to the one before it. */
  private newest: Edge[] = [];
  private recentIndices: bigint[] = [];
  private contiguous = false;
  /** This game's part of the generation: aborted by a pause or by the next begin(). */
  private own: AbortController | null = null;
  private signal: AbortSignal = AbortSignal.abort();
  /** Index holes being walked for: until they are filled, frames do not extend the history past them. */
  private holeFills = 0;

  constructor(private readonly deps: GameSyncDeps) {}

  get game(): string {
    return this.deps.game;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Starts a generation: catch up, go live, then holes and depth. `poll` keeps it live without a stream. */
  begin(signal: AbortSignal, cause: GapCause, pollEveryMs: number | null): void {
    this.own?.abort(new Error('superseded'));
    if (this.paused) return;
    this.own = new AbortController();
    const own = AbortSignal.any([signal, this.own.signal]);
    this.live = false;
    this.newest = [];
    this.signal = own;
    void this.run(own, cause, pollEveryMs).catch((error: unknown) => {
      if (own.aborted) return;
      if (error instanceof UpstreamError) return this.set('error', error.message);
      this.deps.log(`${this.game}: sync stopped by an unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
      this.set('error', `Roundlog hit an unexpected error while syncing (${error instanceof Error ? error.message : String(error)}); it retries on the next reconnect.`);
    });
  }

  /** The live source is gone (stream lost, polling failing): not live until the next catch-up. */
  stale(sinceMs: number, detail: string): void {
    this.live = false;
    if (this.paused || this.state === 'error') return;
    this.staleSinceMs ??= sinceMs;
    this.set('stale', detail);
  }

  /** Frames keep being stored but prove nothing until the next catch-up (an undecodable frame came). */
  hold(): void {
    this.live = false;
  }

  fail(detail: string): void {
    this.live = false;
    this.set('error', detail);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.own?.abort(new Error('paused'));
    this.live = false;
    this.backfill = null;
    this.set(paused ? 'paused' : 'connecting', paused ? 'Paused: rounds of this game are not recorded until you resume it.' : null);
  }

  /** A stream frame of this game. */
  onFrame(round: Round): void {
    if (this.paused) return;
    this.remember(round);
    this.delays.watch(round);
    if (!this.live) return this.deps.writer.enqueue([round]);
    const proven = this.newest[1];
    if (proven === undefined || this.holeFills > 0) return this.deps.writer.enqueue([round]);
    if (this.contiguous && proven.index !== null && !this.hasRound(proven.index - 1n)) {
      // The round before it never came: a hole in round_index, filled by its own walk.
      this.deps.writer.enqueue([round]);
      void this.fillIndexHole(proven.index, proven.us, null, this.signal).catch((error: unknown) => {
        if (!this.signal.aborted) this.deps.log(`${this.game}: filling a hole in round_index failed: ${String(error)}`);
      });
      return;
    }
    this.deps.writer.enqueue([round], { coverage: { game: this.game, extend: proven } });
  }

  private remember(round: Round): void {
    const edge = { us: round.finalizedUs, index: round.roundIndex };
    // Newest first by time, then by index: rows stamped to the second may share an instant.
    this.newest = [...this.newest, edge].sort((a, b) => b.us - a.us || Number((b.index ?? 0n) - (a.index ?? 0n))).slice(0, 2);
    if (round.roundIndex !== null) {
      this.recentIndices.push(round.roundIndex);
      if (this.recentIndices.length > RECENT_INDICES) this.recentIndices.shift();
    }
  }

  private hasRound(index: bigint): boolean {
    // Newest first: the round before a live one is nearly always among the last few.
    return this.recentIndices.lastIndexOf(index) !== -1 || this.deps.history.rounds.hasIndex(this.game, index);
  }

  private async run(signal: AbortSignal, cause: GapCause, pollEveryMs: number | null): Promise<void> {
    const { history, depthUs, overlapUs } = this.deps;
    const before = history.spansOf(this.game)[0];
    this.set('backfilling', null);
    if (pollEveryMs === null) await sleep(this.deps.restLagMs, undefined, { signal });
    const [catchUp] = plannedWalks(history.spansOf(this.game), depthUs(), overlapUs, Date.now() * 1000);
    const result = await this.walk(catchUp!, 'catch-up', signal);
    signal.throwIfAborted();
    if (result.outcome === 'stopped') {
      this.deps.log(`${this.game}: catch-up stopped early because ${result.reason}; older rounds may be missing`);
      return this.set('live', `Older rounds may be missing: ${result.reason}.`);
    }
    // Frames that came during the catch-up join the history it proved.
    const joined = this.newest[1];
    if (joined !== undefined && (result.top === null || joined.us > result.top.us)) {
      this.deps.writer.enqueue([], { coverage: { game: this.game, extend: joined } });
    }
    if (before !== undefined && result.recovered > 0) {
      this.recordFilled(cause, before.throughUs, result.top?.us ?? null, result.recovered);
    }
    this.contiguous = history.rounds.hasContiguousIndex(this.game);
    this.live = true;
    this.staleSinceMs = null;
    this.set('live', null);
    if (pollEveryMs !== null) {
      void this.pollLoop(signal, pollEveryMs).catch((error: unknown) => {
        if (!signal.aborted) this.fail(`Polling stopped by an unexpected error (${error instanceof Error ? error.message : String(error)}); it restarts on the next reconnect.`);
      });
    }

    await this.fillIndexHoles(signal);
    for (const plan of plannedWalks(history.spansOf(this.game), depthUs(), overlapUs, Date.now() * 1000).slice(1)) {
      const filled = await this.walk(plan, plan.kind === 'deep' ? 'deep' : 'catch-up', signal);
      signal.throwIfAborted();
      if (filled.outcome === 'stopped') this.deps.log(`${this.game}: ${plan.kind} backfill stopped early because ${filled.reason}`);
      else if (plan.kind === 'hole' && filled.recovered > 0) this.recordFilled('resume', plan.sinceUs ?? 0, plan.top?.us ?? null, filled.recovered);
    }
    this.backfill = null;
    this.deps.changed();
  }

  /** Keeps a game live without a stream: a catch-up walk every `everyMs`, at the budget's top priority. */
  private async pollLoop(signal: AbortSignal, everyMs: number): Promise<void> {
    let lastOkMs = Date.now();
    while (!signal.aborted) {
      try {
        await sleep(everyMs, undefined, { signal });
        const [plan] = plannedWalks(this.deps.history.spansOf(this.game), this.deps.depthUs(), this.deps.overlapUs, Date.now() * 1000);
        const polled = await walk(plan!, this.context('live', signal, (message) => {
          if (message !== null) this.stale(lastOkMs, message);
        }));
        if (polled.outcome !== 'complete') {
          this.deps.log(`${this.game}: a poll stopped early because ${polled.reason}`);
          continue;
        }
        lastOkMs = Date.now();
        if (this.state === 'stale') {
          this.staleSinceMs = null;
          this.set('live', null);
        }
        this.live = true;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof UpstreamError) return this.fail(error.message);
        throw error;
      }
    }
  }

  /** Holes in round_index inside the complete history, found now or left open by an earlier run. */
  private async fillIndexHoles(signal: AbortSignal): Promise<void> {
    const { history } = this.deps;
    const gameId = history.rounds.idOf(this.game);
    if (gameId === undefined || !this.contiguous) return;
    for (const open of history.gaps.openIndexHoles(gameId)) {
      await this.fillIndexHole(open.beforeIndex, null, open, signal);
    }
    for (const span of history.spansOf(this.game)) {
      if (span.fromIndex === null || span.throughIndex === null) continue;
      const from = span.throughIndex - span.fromIndex > HOLE_SCAN_ROUNDS ? span.throughIndex - HOLE_SCAN_ROUNDS : span.fromIndex;
      for (const hole of history.rounds.indexHoles(this.game, from, span.throughIndex, 100)) {
        if (history.gaps.knowsIndexHole(gameId, hole.after.index, hole.before.index)) continue;
        await this.fillIndexHole(hole.before.index, hole.before.us, null, signal);
      }
    }
  }

  /**
   * Fetches the rounds missing below `beforeIndex` (down to the newest stored round under it) and
   * records the gap and whether upstream had them; `recorded` is a gap an earlier run left open.
   */
  private async fillIndexHole(
    beforeIndex: bigint,
    beforeUs: number | null,
    recorded: { id: number; fromUs: number; afterIndex: bigint } | null,
    signal: AbortSignal,
  ): Promise<void> {
    const { history } = this.deps;
    const gameId = history.rounds.gameId(this.game);
    const after = recorded ? { index: recorded.afterIndex, us: recorded.fromUs } : history.rounds.roundBefore(this.game, beforeIndex);
    if (after === null) return;
    const id = recorded?.id ?? history.gaps.found(gameId, { cause: 'index', fromUs: after.us, throughUs: beforeUs, afterIndex: after.index, beforeIndex }, Date.now() * 1000);
    this.deps.changed();
    const plan: WalkPlan = { kind: 'hole', beforeIndex, top: null, sinceUs: after.us };
    let result: WalkResult;
    this.holeFills++;
    try {
      result = await walk(plan, this.context('catch-up', signal, () => {}));
    } catch (error) {
      // Left open in the table: the next start fills it.
      if (signal.aborted) return;
      throw error;
    } finally {
      this.holeFills--;
    }
    if (result.outcome !== 'complete') {
      this.deps.log(`${this.game}: filling a hole after round_index ${after.index} stopped early because ${result.reason}; it stays open`);
      return;
    }
    const recovered = result.recovered;
    await this.deps.writable();
    const missing = Number(beforeIndex - after.index - 1n) - history.rounds.countBetween(this.game, after.index, beforeIndex);
    history.gaps.closed(id, missing === 0 ? 'filled' : 'upstream-has-none', recovered, Date.now() * 1000);
    if (missing > 0) this.deps.log(`${this.game}: upstream has no rounds for ${missing} round_index values after ${after.index}`);
    this.deps.changed();
  }

  private recordFilled(cause: GapCause, fromUs: number, throughUs: number | null, recovered: number): void {
    const { history } = this.deps;
    const gameId = history.rounds.gameId(this.game);
    const nowUs = Date.now() * 1000;
    const id = history.gaps.found(gameId, { cause, fromUs, throughUs, afterIndex: null, beforeIndex: null }, nowUs);
    history.gaps.closed(id, 'filled', recovered, nowUs);
  }

  /** A walk that reports its progress in `backfill`. */
  private async walk(plan: WalkPlan, priority: RequestPriority, signal: AbortSignal): Promise<WalkResult> {
    const startedMs = Date.now();
    const kind = plan.kind === 'deep' ? 'deep' : 'catch-up';
    this.backfill = { kind, rows: 0, rowsPerSecond: 0, fraction: null, etaSeconds: null };
    const context = {
      ...this.context(priority, signal, (message: string | null) => {
        this.detail = message;
        this.deps.changed();
      }),
      onPage: (rows: number, oldest: Edge | null, top: Edge | null) => {
        const seconds = Math.max(0.001, (Date.now() - startedMs) / 1000);
        const total = top && plan.sinceUs !== null ? top.us - plan.sinceUs : null;
        const fraction = total && oldest && top ? Math.min(1, Math.max(0, (top.us - oldest.us) / total)) : null;
        this.backfill = {
          kind,
          rows,
          rowsPerSecond: rows / seconds,
          fraction,
          etaSeconds: fraction ? (seconds * (1 - fraction)) / fraction : null,
        };
        this.deps.changed();
      },
    };
    return walk(plan, context);
  }

  private context(priority: RequestPriority, signal: AbortSignal, onRetry: (message: string | null) => void) {
    const { rest, budget, writer, pageSize, writable } = this.deps;
    return {
      game: this.game,
      rest,
      budget,
      writer,
      pageSize,
      priority,
      signal,
      writable,
      onRetry,
      onPage: () => {},
      ...(priority === 'live' ? { onRounds: (rounds: readonly Round[]) => rounds.forEach((round) => this.delays.watch(round)) } : {}),
    };
  }

  private set(state: GameState, detail: string | null): void {
    if (this.paused && state !== 'paused') return;
    if (state !== 'stale') this.staleSinceMs = null;
    this.state = state;
    this.detail = detail;
    this.deps.changed();
  }
}
