import { roundUnits } from '../../../shared/stats/thresholds';
import { hasFacts, roundFacts } from './round-facts';
import { NO_FACTS, type BetTotals, type PrecomputedFacts, type RoundFacts } from './round-facts-types';

// The facts of a backfill page's rounds as plain columns. The page-parse worker reads them (the
// scan of each row's text for its bet totals or its show's `raw` is most of what the rollups cost
// per round), and the thread that commits the rounds only rebuilds small objects: typed arrays
// move between threads without a copy, the few event and sum keys are flat lists of strings.

const HAS_BETS = 1;
const HAS_PAYOUT = 2;

export interface FactColumns {
  readonly slug: string;
  readonly kind: string;
  /** Per round: HAS_BETS | HAS_PAYOUT; 0 with no events or sums either is NO_FACTS. */
  readonly shape: Uint8Array;
  /** Per round: volumeCents, payoutCents, bettors, winners (when HAS_BETS). */
  readonly bets: Float64Array;
  /** Per round: the show's payout in cents (when HAS_PAYOUT). */
  readonly payouts: Float64Array;
  /** Per round: where its events end in `events`; they start where the previous round's end. */
  readonly eventEnds: Int32Array;
  readonly events: string[];
  /** Per round: where its sums end in `sumKeys` and `sumAmounts`. */
  readonly sumEnds: Int32Array;
  readonly sumKeys: string[];
  readonly sumAmounts: number[];
}


/** Columns for up to `capacity` rounds of a game, or null for a kind whose rows give no facts. */
export function factColumns(slug: string, kind: string, capacity: number): FactColumns | null {
  if (!hasFacts(kind)) return null;
  return {
    slug,
    kind,
    shape: new Uint8Array(capacity),
    bets: new Float64Array(capacity * 4),
    payouts: new Float64Array(capacity),
    eventEnds: new Int32Array(capacity),
    events: [],
    sumEnds: new Int32Array(capacity),
    sumKeys: [],
    sumAmounts: [],
  };
}

/** Reads round `i`'s facts from its row, as the rollups would when committing it, into the columns. */
export function readFactsInto(columns: FactColumns, i: number, json: string, segment: string | null, multiplier: string): void {
  const facts = roundFacts(columns.slug, columns.kind, json, segment, roundUnits(Number(multiplier)));
  let shape = 0;
  if (facts.bets !== null) {
    shape |= HAS_BETS;
    columns.bets[i * 4] = facts.bets.volumeCents;
    columns.bets[i * 4 + 1] = facts.bets.payoutCents;
    columns.bets[i * 4 + 2] = facts.bets.bettors;
    columns.bets[i * 4 + 3] = facts.bets.winners;
  }
  if (facts.payoutCents !== undefined) {
    shape |= HAS_PAYOUT;
    columns.payouts[i] = facts.payoutCents;
  }
  columns.shape[i] = shape;
  for (const event of facts.events) columns.events.push(event);
  columns.eventEnds[i] = columns.events.length;
  for (const [key, amount] of facts.sums) {
    columns.sumKeys.push(key);
    columns.sumAmounts.push(amount);
  }
  columns.sumEnds[i] = columns.sumKeys.length;
}

/** The buffers to transfer rather than copy when the columns cross to another thread. */
export function factBuffers(columns: FactColumns | null): ArrayBuffer[] {
  if (columns === null) return [];
  return [columns.shape, columns.bets, columns.payouts, columns.eventEnds, columns.sumEnds].map((array) => array.buffer as ArrayBuffer);
}

const NO_EVENTS: readonly string[] = [];
const NO_SUMS: readonly (readonly [string, number])[] = [];

/** Round `i`'s facts, equal to what roundFacts gives for its row. */
export function factsAt(columns: FactColumns, i: number): PrecomputedFacts {
  const shape = columns.shape[i]!;
  const eventsFrom = i === 0 ? 0 : columns.eventEnds[i - 1]!;
  const eventsTo = columns.eventEnds[i]!;
  const sumsFrom = i === 0 ? 0 : columns.sumEnds[i - 1]!;
  const sumsTo = columns.sumEnds[i]!;
  if (shape === 0 && eventsTo === eventsFrom && sumsTo === sumsFrom) return { kind: columns.kind, facts: NO_FACTS };
  const events = eventsTo === eventsFrom ? NO_EVENTS : columns.events.slice(eventsFrom, eventsTo);
  let sums = NO_SUMS;
  if (sumsTo > sumsFrom) {
    const list: (readonly [string, number])[] = [];
    for (let s = sumsFrom; s < sumsTo; s++) list.push([columns.sumKeys[s]!, columns.sumAmounts[s]!]);
    sums = list;
  }
  const bets: BetTotals | null =
    shape & HAS_BETS
      ? { volumeCents: columns.bets[i * 4]!, payoutCents: columns.bets[i * 4 + 1]!, bettors: columns.bets[i * 4 + 2]!, winners: columns.bets[i * 4 + 3]! }
      : null;
  const facts: RoundFacts = shape & HAS_PAYOUT ? { events, sums, bets, payoutCents: columns.payouts[i]! } : { events, sums, bets };
  return { kind: columns.kind, facts };
}
