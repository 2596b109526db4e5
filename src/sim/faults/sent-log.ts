import type { FrameFault } from './stream-faults';

// What the stream actually put on the wire, per game, in send order: with `rounds(game)` (what
// was produced) and a client's store, a test can say exactly which rounds a client had to
// backfill and why (the newest 100,000 frames of each game).

export interface SentFrame {
  readonly game: string;
  readonly roundId: string;
  readonly roundIndex: bigint;
  /** Which socket got it: 1 for the first accepted since start, and so on. */
  readonly socket: number;
  /** How the frame was spoiled on the way, or null for a clean one. */
  readonly fault: Exclude<FrameFault, 'drop'> | null;
  readonly text: string;
}

/** Per game; a sandbox left running for days keeps the newest frames only. */
const KEPT_PER_GAME = 100_000;

export class SentLog {
  private readonly byGame = new Map<string, SentFrame[]>();

  add(frame: SentFrame): void {
    let frames = this.byGame.get(frame.game);
    if (frames === undefined) {
      frames = [];
      this.byGame.set(frame.game, frames);
    }
    frames.push(frame);
    if (frames.length > KEPT_PER_GAME * 1.1) frames.splice(0, frames.length - KEPT_PER_GAME);
  }

  of(game: string): readonly SentFrame[] {
    return this.byGame.get(game) ?? [];
  }
}
