import type { PrecomputedFacts } from './stats/round-facts-types';

/** A round as the core holds it after parsing at the edge: typed, exact, ready to store. */
export interface Round {
  /** Canonical slug (aliases such as `roobet-crash` resolved). */
  readonly game: string;
  readonly roundId: string;
  /** Exact 64-bit index, or null for a game whose rows carry none. */
  readonly roundIndex: bigint | null;
  /** Upstream's decimal string, unchanged. */
  readonly multiplier: string;
  readonly finalizedAt: string;
  readonly finalizedUs: number;
  /** Winning segment for wheel shows (`raw.segment`), null elsewhere. */
  readonly segment: string | null;
  /** The row's JSON text exactly as upstream sent it (for stream frames, the frame). */
  readonly json: string;
  /**
   * The statistics' facts of `json`, when whoever parsed the row read them already (backfill
   * pages); otherwise the rollups read them from `json` when the round is committed.
   */
  readonly facts?: PrecomputedFacts;
}
