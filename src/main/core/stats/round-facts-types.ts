// What a stored round contributes to the statistics beyond its multiplier: the kind-specific
// facts read once from its row text (on the page-parse worker for a backfill page, else when it is
// committed), then only ever counted.

/** Crowd totals of a crash round's bet snapshot (raw.totalBetAmount, totalAmount, …). */
export interface BetTotals {
  readonly volumeCents: number;
  readonly payoutCents: number;
  readonly bettors: number;
  readonly winners: number;
}

export interface RoundFacts {
  /**
   * Events this round is an instance of (`seg:cashhunt`, `total:11`, `pocket:17`…). Each counts 1
   * in the round's hour and is remembered as the event's last hit, so "rounds since" is O(1).
   */
  readonly events: readonly string[];
  /** Amounts added to the round's hour under a key (`segunits:n1` += multiplier units). */
  readonly sums: readonly (readonly [key: string, amount: number])[];
  readonly bets: BetTotals | null;
  /**
   * The round's total payout in cents where the row reports one outside a bet snapshot (the
   * shows' raw.total_payout); biggest wins rank by payout × multiplier, as the vendor does.
   */
  readonly payoutCents?: number;
}

export const NO_FACTS: RoundFacts = { events: [], sums: [], bets: null };

/**
 * A round's facts read where its row was parsed (a backfill page, on the page-parse worker), with
 * the game kind they were read as; the rollups use them when that is the kind they count the
 * game as, and read the row text otherwise.
 */
export interface PrecomputedFacts {
  readonly kind: string;
  readonly facts: RoundFacts;
}

/** The tallies of a window (or of all history) as the kind-specific panels read them. */
export interface WindowTallies {
  /** Rounds in the window. */
  readonly rounds: number;
  /** Count of an event, or total of a sum key, in the window (0 when absent). */
  get(key: string): number;
  /** Every key present in the window that starts with `prefix`. */
  keys(prefix: string): readonly string[];
}

/** A round as a panel quotes it (last hit of a segment, biggest win…). */
export interface QuotedRound {
  readonly roundId: string;
  /** Exact digits, or null for a game whose rows carry none. */
  readonly roundIndex: string | null;
  readonly multiplier: string;
  readonly finalizedAt: string;
}

/** What the whole history knows of an event: when it last happened, and how long ago in rounds. */
export interface EventHistory {
  /** Rounds since the event's last hit, counting the hit itself (1 = the newest round); null if never seen. */
  roundsSince(event: string): number | null;
  lastHit(event: string): QuotedRound | null;
  /** Lifetime count of the event and lifetime rounds of the game. */
  lifetime(event: string): { readonly hits: number; readonly rounds: number };
  /** Lifetime rounds of the game (read once per answer). */
  lifetimeRounds(): number;
}
