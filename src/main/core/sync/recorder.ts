import type { ConnectionState, SyncStatus } from '../../../shared/contract';
import { TIER_LIMITS, type Tier } from '../../../shared/tiers';
import { Emitter } from '../emitter';
import type { Round } from '../round';
import type { GapCause } from '../store/gap-store';
import type { History } from '../store/history';
import type { RoundWriter } from '../store/round-writer';
import type { TrackerSinoRest } from '../sources/trackersino/rest-client';
import { parseRoundFrame, RowError } from '../sources/trackersino/round-row';
import type { RoundStream, StreamEvent } from '../sources/trackersino/round-stream';
import { ClockWatch, type ClockWatchOptions } from './clock-watch';
import { GameSync } from './game-sync';
import { RateBudget } from './rate-budget';

export interface RecorderOptions {
  readonly games: readonly string[];
  readonly rest: TrackerSinoRest;
  readonly stream: RoundStream;
  readonly history: History;
  readonly writer: RoundWriter;
  /** How far back the history reaches, or null for everything upstream has. */
  readonly historyDepthMs: number | null;
  /** The key's plan if the user set it; `auto` learns it from the stream (open → Pro, 403 → Starter). */
  readonly tier: Tier | 'auto';
  readonly pageSize?: number;
  /** Each walk starts this far before the point it joins, so no precision mismatch can leave a hole. */
  readonly overlapMs?: number;
  /**
   * How long a round may take to appear on REST after it was streamed: the wait before the games
   * are caught up after an undecodable frame, and after each stream (re)connect.
   */
  readonly restLagMs?: number;
  readonly clockWatch?: ClockWatchOptions;
  /** Games that start paused (the user paused them before a restart). */
  readonly paused?: readonly string[];
  readonly log?: (message: string) => void;
}

/** Share of the request budget polling may take; the rest is left for catch-up and deep backfill. */
const POLL_SHARE = 0.5;
const MIN_POLL_MS = 1_000;
const MAX_POLL_MS = 10_000;

/**
 * Keeps the local history complete for every tracked game: routes stream frames to their game,
 * sets aside what cannot be read, learns the key's tier, falls back to polling when the tier has
 * no stream, and starts a new generation of catch-ups after every reconnect, wake or bad frame.
 */
export class Recorder {
  readonly changed = new Emitter<void>();
  readonly budget: RateBudget;
  connection: { state: ConnectionState; detail: string | null } = { state: 'stopped', detail: null };
  private live: SyncStatus['live'];
  private tierSource: SyncStatus['tierSource'];
  private readonly syncs = new Map<string, GameSync>();
  private generation = new AbortController();
  private started = false;
  private nextCause: GapCause = 'start';
  private rejectedFrames = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly disposers: (() => void)[] = [];
  private readonly clockWatch: ClockWatch;

  constructor(private readonly options: RecorderOptions) {
    const assumed = options.tier === 'auto';
    // Until the stream answers, a key of unknown plan is held to Starter's budget: no 429 storm.
    this.budget = new RateBudget(TIER_LIMITS[assumed ? 'starter' : options.tier]);
    this.tierSource = assumed ? 'assumed' : 'setting';
    this.live = options.tier === 'starter' ? 'polling' : 'stream';
    const overlapUs = (options.overlapMs ?? 5_000) * 1000;
    for (const game of options.games) {
      this.syncs.set(
        game,
        new GameSync({
          game,
          history: options.history,
          writer: options.writer,
          rest: options.rest,
          budget: this.budget,
          pageSize: options.pageSize ?? 1000,
          overlapUs,
          depthUs: () => (options.historyDepthMs === null ? null : (Date.now() - options.historyDepthMs) * 1000),
          writable: () => this.writable(),
          restLagMs: options.restLagMs ?? 2_000,
          changed: () => this.changed.emit(),
          log: (message) => this.log(message),
        }),
      );
    }
    for (const game of options.paused ?? []) this.syncs.get(game)?.setPaused(true);
    this.clockWatch = new ClockWatch((jump) => this.resync(jump), options.clockWatch);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const { stream, writer } = this.options;
    this.disposers.push(
      stream.events.on((event) => this.onStreamEvent(event)),
      stream.frames.on((text) => this.onFrame(text)),
      writer.committed.on((rounds) => this.onCommitted(rounds)),
      writer.failures.on(() => this.changed.emit()),
      this.budget.changed.on(() => this.changed.emit()),
    );
    this.clockWatch.start();
    if (this.live === 'polling') this.startPolling(null);
    else stream.start();
  }

  stop(): void {
    this.generation.abort(new Error('recorder stopped'));
    this.options.stream.stop();
    this.clockWatch.stop();
    for (const dispose of this.disposers.splice(0)) dispose();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.budget.dispose(new Error('recorder stopped'));
    this.connection = { state: 'stopped', detail: null };
    this.started = false;
  }

  /** Tracked games in the configured order. */
  get games(): readonly GameSync[] {
    return [...this.syncs.values()];
  }

  game(slug: string): GameSync | undefined {
    return this.syncs.get(slug);
  }

  get rejectedFrameCount(): number {
    return this.rejectedFrames;
  }

  syncStatus(): Omit<SyncStatus, 'quarantined'> {
    const pausedMs = this.budget.pausedForMs;
    return {
      tier: this.budget.tier,
      tierSource: this.tierSource,
      live: this.live,
      requestsPerSecond: this.budget.ratePerSecond,
      requestsWaiting: this.budget.waiting,
      rateLimitedUntil: pausedMs > 0 ? new Date(Date.now() + pausedMs).toISOString() : null,
      rateLimitedCount: this.budget.rateLimitedCount,
    };
  }

  /**
   * Something may have broken every live link at once (a wake, a clock change, Electron's
   * powerMonitor): reconnect now and catch every game up, instead of waiting for missed pings.
   */
  resync(cause: GapCause): void {
    if (!this.started) return;
    this.log(`resyncing every game (${cause})`);
    this.nextCause = cause;
    if (this.live === 'polling') this.startGeneration();
    else this.options.stream.reconnectNow();
  }

  /** Pauses or resumes one game; a resumed game catches up at once. */
  setPaused(slug: string, paused: boolean): void {
    const sync = this.syncs.get(slug);
    if (!sync || sync.isPaused === paused) return;
    sync.setPaused(paused);
    if (!paused && !this.generation.signal.aborted) sync.begin(this.generation.signal, 'reconnect', this.pollEveryMs());
  }

  private onStreamEvent(event: StreamEvent): void {
    switch (event.type) {
      case 'connecting':
        if (this.connection.state === 'stopped') this.setConnection('connecting', null);
        break;
      case 'open':
        if (this.tierSource === 'assumed') {
          this.tierSource = 'detected';
          this.budget.setLimits(TIER_LIMITS.pro);
        }
        this.setConnection('open', null);
        this.startGeneration();
        break;
      case 'closed':
        this.generation.abort(new Error('stream closed'));
        this.setConnection('reconnecting', `Live stream lost (${event.reason}); reconnecting in ${Math.ceil(event.retryInMs / 1000)} s.`);
        for (const sync of this.syncs.values()) sync.stale(Date.now(), 'Waiting for the live stream to come back.');
        break;
      case 'refused':
        if (event.error.status === 403) {
          const warning = this.tierSource === 'setting'
            ? `The stream was refused (403), so this key is not ${this.budget.tier} as Settings say; tracking by polling within Starter's budget.`
            : null;
          this.tierSource = 'detected';
          this.budget.setLimits(TIER_LIMITS.starter);
          this.startPolling(warning);
          break;
        }
        this.generation.abort(new Error('refused'));
        this.setConnection('error', event.error.message);
        for (const sync of this.syncs.values()) sync.fail(event.error.message);
        break;
    }
  }

  private startPolling(warning: string | null): void {
    this.live = 'polling';
    this.setConnection('open', warning);
    this.startGeneration();
  }

  /** A new generation: walks of the last one stop, and every game catches up again. */
  private startGeneration(): void {
    this.generation.abort(new Error('superseded'));
    this.generation = new AbortController();
    const cause = this.nextCause;
    this.nextCause = 'reconnect';
    const pollEveryMs = this.pollEveryMs();
    for (const sync of this.syncs.values()) sync.begin(this.generation.signal, cause, pollEveryMs);
  }

  /** Each game is polled as often as half the budget allows, between 1 and 10 seconds. */
  private pollEveryMs(): number | null {
    if (this.live !== 'polling') return null;
    const pollsPerSecond = this.budget.ratePerSecond * POLL_SHARE;
    return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.ceil((this.syncs.size / pollsPerSecond) * 1000)));
  }

  private onFrame(text: string): void {
    let round: Round;
    try {
      round = parseRoundFrame(text);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      this.rejectedFrames++;
      const game = /"game_id"\s*:\s*"([a-z0-9-]{1,64})"/.exec(text)?.[1] ?? null;
      this.options.writer.quarantine({ source: 'stream', game, reason: error.reason, text, receivedUs: Date.now() * 1000 });
      this.log(`set aside a stream frame: ${error.reason}`);
      if (error.mayHideRound) this.refetchAfterBadFrame();
      this.changed.emit();
      return;
    }
    const sync = this.syncs.get(round.game);
    // A game nobody asked for (or Roundlog does not know) is kept as a generic series.
    if (sync) sync.onFrame(round);
    else this.options.writer.enqueue([round]);
  }

  /**
   * An undecodable frame's round may be any game's: no game may extend its history past it, so a
   * new generation begins once the round is surely on REST, and every game catches up again.
   */
  private refetchAfterBadFrame(): void {
    if (this.nextCause === 'bad-frame') return;
    const generation = this.generation;
    generation.abort(new Error('bad frame'));
    for (const sync of this.syncs.values()) sync.hold();
    this.nextCause = 'bad-frame';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.generation === generation && this.connection.state === 'open') this.startGeneration();
    }, this.options.restLagMs ?? 2_000);
    this.timers.add(timer);
  }

  private onCommitted(rounds: readonly Round[]): void {
    const nowMs = Date.now();
    for (const round of rounds) this.syncs.get(round.game)?.delays.committed(round, nowMs);
  }

  /** Resolves at once while the history can be written; otherwise once a commit succeeds again. */
  private writable(): Promise<void> {
    const { writer } = this.options;
    if (!writer.isFailing) return Promise.resolve();
    return new Promise((resolve) => {
      const off = writer.failures.on((error) => {
        if (error !== null) return;
        off();
        resolve();
      });
    });
  }

  private setConnection(state: ConnectionState, detail: string | null): void {
    this.connection = { state, detail };
    this.changed.emit();
  }

  private log(message: string): void {
    (this.options.log ?? console.warn)(`roundlog: ${message}`);
  }
}
