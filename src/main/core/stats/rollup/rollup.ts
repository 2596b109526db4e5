import { HEADLINE_THRESHOLDS, STREAK_THRESHOLDS, toUnits } from '../../../../shared/stats/thresholds';
import type { RoundFacts } from '../round-facts-types';
import { QuantileSketch } from './quantile-sketch';

// The aggregate of a run of consecutive rounds (an hour, a day, a window): everything the stats
// panels read, built so that the aggregate of two adjacent runs is a merge of theirs. Counts and
// sums merge in any order; runs "below x" merge in time order (the earlier run first), which is
// why each rollup knows its first and last round.

/** A stored round as the rollups see it. */
export interface RolledRound {
  /** rounds.id: stable across VACUUM (an INTEGER PRIMARY KEY), so a rollup can quote a round. */
  readonly id: number;
  readonly us: number;
  readonly units: number;
  readonly facts: RoundFacts;
}

/** A round a rollup points at, to be quoted from the store. */
export interface RoundRef {
  readonly us: number;
  readonly id: number;
}

/** Consecutive rounds below one threshold: at the start, at the end, and the longest. */
export interface UnderRuns {
  head: number;
  tail: number;
  /** Where the trailing run began; null when tail is 0. */
  tailStart: RoundRef | null;
  best: number;
  /** The longest run's first round (the earliest of equally long runs); null when best is 0. */
  bestStart: RoundRef | null;
}

export interface BetSums {
  rounds: number;
  volumeCents: number;
  payoutCents: number;
  bettors: number;
  winners: number;
}

/** A big win: ranked by payout × multiplier where the game reports payouts, else by multiplier. */
export interface RankedRound extends RoundRef {
  readonly key: number;
}

/** Kept per rollup: enough for the biggest-wins panel's largest page. */
export const TOP_ROUNDS = 20;

export class Rollup {
  rounds = 0;
  first: RoundRef | null = null;
  last: RoundRef | null = null;
  sumUnits = 0;
  /** The largest multiplier; the earliest such round. */
  maxUnits = -1;
  max: RoundRef | null = null;
  /** Per HEADLINE_THRESHOLDS: rounds at or above. */
  readonly hits: number[] = HEADLINE_THRESHOLDS.map(() => 0);
  /** Per STREAK_THRESHOLDS. */
  readonly runs: UnderRuns[] = STREAK_THRESHOLDS.map(() => ({ head: 0, tail: 0, tailStart: null, best: 0, bestStart: null }));
  /** Replaced wholesale only when a stored rollup is decoded. */
  sketch = new QuantileSketch();
  /** Event counts and fact sums (see round-facts-types.ts). */
  readonly tallies = new Map<string, number>();
  readonly bets: BetSums = { rounds: 0, volumeCents: 0, payoutCents: 0, bettors: 0, winners: 0 };
  /** Replaced, never changed in place: its stored text is kept by the array (rollup-codec.ts). */
  top: readonly RankedRound[] = [];
  /** Rounds that reported a payout: then biggest wins rank by payout × multiplier. */
  paidRounds = 0;

  /** Appends a round newer than every round already in. */
  add(round: RolledRound): void {
    const ref: RoundRef = { us: round.us, id: round.id };
    this.rounds += 1;
    this.first ??= ref;
    this.last = ref;
    this.sumUnits += round.units;
    if (round.units > this.maxUnits) {
      this.maxUnits = round.units;
      this.max = ref;
    }
    for (let t = 0; t < HEADLINE_LIMITS.length; t++) {
      if (round.units >= (HEADLINE_LIMITS[t] as number)) this.hits[t] = (this.hits[t] as number) + 1;
    }
    for (let t = 0; t < STREAK_LIMITS.length; t++) {
      const runs = this.runs[t] as UnderRuns;
      if (round.units >= (STREAK_LIMITS[t] as number)) {
        runs.tail = 0;
        runs.tailStart = null;
        continue;
      }
      if (runs.head === this.rounds - 1) runs.head += 1;
      if (runs.tail === 0) runs.tailStart = ref;
      runs.tail += 1;
      if (runs.tail > runs.best) {
        runs.best = runs.tail;
        runs.bestStart = runs.tailStart;
      }
    }
    this.sketch.add(round.units / 10_000);
    const { facts } = round;
    for (const event of facts.events) this.tallies.set(event, (this.tallies.get(event) ?? 0) + 1);
    for (const [key, amount] of facts.sums) this.tallies.set(key, (this.tallies.get(key) ?? 0) + amount);
    const bets = facts.bets;
    if (bets !== null) {
      this.bets.rounds += 1;
      this.bets.volumeCents += bets.volumeCents;
      this.bets.payoutCents += bets.payoutCents;
      this.bets.bettors += bets.bettors;
      this.bets.winners += bets.winners;
    }
    const payoutCents = bets?.payoutCents ?? facts.payoutCents;
    if (payoutCents !== undefined) this.paidRounds += 1;
    const key = payoutCents === undefined ? round.units : payoutCents * round.units;
    if (this.top.length < TOP_ROUNDS || key >= (this.top[this.top.length - 1] as RankedRound).key) {
      this.top = withEntrant(this.top, { ...ref, key });
    }
  }

  /** Appends a rollup of rounds all newer than this one's. */
  append(later: Rollup): void {
    if (later.rounds === 0) return;
    if (this.rounds === 0) {
      this.copyFrom(later);
      return;
    }
    const rounds = this.rounds;
    this.rounds += later.rounds;
    this.last = later.last;
    this.sumUnits += later.sumUnits;
    if (later.maxUnits > this.maxUnits) {
      this.maxUnits = later.maxUnits;
      this.max = later.max;
    }
    for (let t = 0; t < this.hits.length; t++) this.hits[t] = (this.hits[t] as number) + (later.hits[t] as number);
    for (let t = 0; t < this.runs.length; t++) {
      this.runs[t] = joinRuns(this.runs[t] as UnderRuns, rounds, later.runs[t] as UnderRuns, later.rounds, later.first!);
    }
    this.sketch.merge(later.sketch);
    for (const [key, amount] of later.tallies) this.tallies.set(key, (this.tallies.get(key) ?? 0) + amount);
    this.bets.rounds += later.bets.rounds;
    this.bets.volumeCents += later.bets.volumeCents;
    this.bets.payoutCents += later.bets.payoutCents;
    this.bets.bettors += later.bets.bettors;
    this.bets.winners += later.bets.winners;
    // The list is kept (and with it its stored text) unless one of the later rounds enters it.
    const last = this.top[this.top.length - 1];
    if (last === undefined || this.top.length < TOP_ROUNDS || later.top.some((round) => byRank(round, last) < 0)) {
      this.top = rankTop([...this.top, ...later.top]);
    }
    this.paidRounds += later.paidRounds;
  }

  private copyFrom(other: Rollup): void {
    this.rounds = other.rounds;
    this.first = other.first;
    this.last = other.last;
    this.sumUnits = other.sumUnits;
    this.maxUnits = other.maxUnits;
    this.max = other.max;
    other.hits.forEach((hits, t) => (this.hits[t] = hits));
    other.runs.forEach((runs, t) => (this.runs[t] = { ...runs }));
    this.sketch.merge(other.sketch);
    for (const [key, amount] of other.tallies) this.tallies.set(key, amount);
    Object.assign(this.bets, other.bets);
    this.top = [...other.top];
    this.paidRounds = other.paidRounds;
  }
}

const HEADLINE_LIMITS = HEADLINE_THRESHOLDS.map(toUnits);
const STREAK_LIMITS = STREAK_THRESHOLDS.map(toUnits);

/** Slot of a headline threshold in `Rollup.hits`. */
export function headlineSlot(threshold: number): number {
  const slot = HEADLINE_THRESHOLDS.indexOf(threshold);
  if (slot < 0) throw new Error(`${threshold} is not a headline threshold`);
  return slot;
}

export function streakSlot(threshold: number): number {
  const slot = STREAK_THRESHOLDS.indexOf(threshold);
  if (slot < 0) throw new Error(`${threshold} is not a streak threshold`);
  return slot;
}

/** Biggest first; of equal keys the newer round first (as the vendor ranks ties). */
function byRank(a: RankedRound, b: RankedRound): number {
  return b.key - a.key || b.us - a.us || b.id - a.id;
}

function rankTop(candidates: RankedRound[]): RankedRound[] {
  return candidates.sort(byRank).slice(0, TOP_ROUNDS);
}

/** `top` with one more round in its place: a sort per entrant was ~5% of bulk ingest's main thread. */
function withEntrant(top: readonly RankedRound[], entrant: RankedRound): readonly RankedRound[] {
  let at = top.length;
  while (at > 0 && byRank(entrant, top[at - 1] as RankedRound) < 0) at--;
  if (at >= TOP_ROUNDS) return top;
  const next = top.slice(0, TOP_ROUNDS - 1);
  next.splice(at, 0, entrant);
  return next;
}

/** The runs of `a` followed by `b`. Of equally long runs the earlier is kept. */
function joinRuns(a: UnderRuns, aRounds: number, b: UnderRuns, bRounds: number, bFirst: RoundRef): UnderRuns {
  const bridge = a.tail + b.head;
  const bridgeStart = a.tail > 0 ? a.tailStart : b.head > 0 ? bFirst : null;
  let best = a.best;
  let bestStart = a.bestStart;
  if (bridge > best) {
    best = bridge;
    bestStart = bridgeStart;
  }
  if (b.best > best) {
    best = b.best;
    bestStart = b.bestStart;
  }
  const aAllUnder = a.head === aRounds;
  const bAllUnder = b.head === bRounds;
  return {
    head: aAllUnder ? aRounds + b.head : a.head,
    tail: bAllUnder ? a.tail + bRounds : b.tail,
    tailStart: bAllUnder ? (a.tail > 0 ? a.tailStart : b.tailStart) : b.tailStart,
    best,
    bestStart,
  };
}
