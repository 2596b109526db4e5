/** What a jump of the wall clock against the monotonic one means for the history. */
export type ClockJump = 'wake' | 'clock';

export interface ClockWatchOptions {
  readonly intervalMs?: number;
  /** Drift beyond this between the two clocks over one tick is a jump. */
  readonly toleranceMs?: number;
  readonly wallMs?: () => number;
  readonly monotonicMs?: () => number;
}

/**
 * Notices a sleep and wake or a clock change without any platform API (Electron's powerMonitor
 * adds its own signal in the app): the monotonic clock stops while a machine sleeps and ignores a
 * clock change, the wall clock does neither. Either way the stream may be dead without knowing it
 * and `since` points computed before are suspect, so the recorder resyncs every game.
 */
export class ClockWatch {
  private timer: NodeJS.Timeout | null = null;
  private lastWall = 0;
  private lastMonotonic = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly wallMs: () => number;
  private readonly monotonicMs: () => number;

  constructor(
    private readonly onJump: (jump: ClockJump, byMs: number) => void,
    options: ClockWatchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 5_000;
    this.toleranceMs = options.toleranceMs ?? 10_000;
    this.wallMs = options.wallMs ?? Date.now;
    this.monotonicMs = options.monotonicMs ?? (() => performance.now());
  }

  start(): void {
    if (this.timer) return;
    this.lastWall = this.wallMs();
    this.lastMonotonic = this.monotonicMs();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One comparison of the two clocks; the timer calls it, and tests may. */
  tick(): void {
    const wall = this.wallMs();
    const monotonic = this.monotonicMs();
    const drift = wall - this.lastWall - (monotonic - this.lastMonotonic);
    // A tick that came far later than due on both clocks is an event loop that was frozen, as in
    // a suspended process; the link may have died meanwhile as surely as in a sleep.
    const late = monotonic - this.lastMonotonic - this.intervalMs;
    this.lastWall = wall;
    this.lastMonotonic = monotonic;
    if (drift > this.toleranceMs || late > this.toleranceMs) this.onJump('wake', Math.max(drift, late));
    else if (drift < -this.toleranceMs) this.onJump('clock', drift);
  }
}
