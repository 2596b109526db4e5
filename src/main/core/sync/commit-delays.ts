import type { Round } from '../round';

/** Recent live rounds kept for the figure: enough for a stable p95, few enough to follow change. */
const SAMPLES = 200;

/**
 * How long a live round takes from its finalisation upstream to its commit here: the figure a
 * Starter user, polling instead of streaming, wants to see. Only rounds that arrived live are
 * watched; a backfilled round's age is not a delay.
 */
export class CommitDelays {
  private readonly watched = new WeakSet<Round>();
  private readonly samples: number[] = [];

  watch(round: Round): void {
    this.watched.add(round);
  }

  /** A round was committed; counted if it was watched. */
  committed(round: Round, nowMs: number): void {
    if (!this.watched.has(round)) return;
    this.watched.delete(round);
    this.samples.push(Math.max(0, nowMs - round.finalizedUs / 1000));
    if (this.samples.length > SAMPLES) this.samples.shift();
  }

  summary(): { p50: number; p95: number; rounds: number } | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    return { p50: at(0.5), p95: at(0.95), rounds: sorted.length };
  }
}
