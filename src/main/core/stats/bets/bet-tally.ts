import type { ObservedBet } from '../../sources/trackersino/bet-snapshot';

// What a set of observed bets adds up to, per exact cash-out target and per currency: the
// aggregate kept per game per hour and per day (bet_hours, bet_days) and summed over a window.
// Mergeable by addition, so a window is whole days + whole hours + its part-hours' rounds.

export interface BetSums {
  bets: number;
  wins: number;
  /** Millionths of a dollar. */
  volume: number;
  payout: number;
}

type Row = [key: number | string, bets: number, wins: number, volume: number, payout: number];

function add(map: Map<number, BetSums> | Map<string, BetSums>, key: number | string, sums: BetSums): void {
  const known = (map as Map<number | string, BetSums>).get(key);
  if (known === undefined) {
    (map as Map<number | string, BetSums>).set(key, { ...sums });
    return;
  }
  known.bets += sums.bets;
  known.wins += sums.wins;
  known.volume += sums.volume;
  known.payout += sums.payout;
}

function rowsOf(map: Map<number, BetSums> | Map<string, BetSums>): Row[] {
  return [...(map as Map<number | string, BetSums>)].map(([key, sums]) => [key, sums.bets, sums.wins, sums.volume, sums.payout]);
}

export class BetTally {
  /** Rounds whose bets are in the tally. */
  rounds = 0;
  /** By cash-out target in 1/10,000. */
  readonly targets = new Map<number, BetSums>();
  readonly currencies = new Map<string, BetSums>();

  /** Adds a round's bets (or the part of them not yet counted); `newRound` when the round itself is new here. */
  addBets(bets: readonly ObservedBet[], newRound: boolean): void {
    if (newRound) this.rounds += 1;
    for (const bet of bets) {
      const sums = { bets: 1, wins: bet.won ? 1 : 0, volume: bet.amountMicros, payout: bet.payoutMicros };
      add(this.targets, bet.targetUnits, sums);
      add(this.currencies, bet.currency, sums);
    }
  }

  append(other: BetTally): void {
    this.rounds += other.rounds;
    for (const [target, sums] of other.targets) add(this.targets, target, sums);
    for (const [currency, sums] of other.currencies) add(this.currencies, currency, sums);
  }

  /** Every bet of the tally, summed. */
  totals(): BetSums {
    const totals: BetSums = { bets: 0, wins: 0, volume: 0, payout: 0 };
    for (const sums of this.targets.values()) {
      totals.bets += sums.bets;
      totals.wins += sums.wins;
      totals.volume += sums.volume;
      totals.payout += sums.payout;
    }
    return totals;
  }

  toJson(): string {
    return JSON.stringify({ r: this.rounds, t: rowsOf(this.targets), c: rowsOf(this.currencies) });
  }

  static fromJson(text: string): BetTally {
    const value = JSON.parse(text) as { r: number; t: Row[]; c: Row[] };
    const tally = new BetTally();
    tally.rounds = value.r;
    for (const [key, bets, wins, volume, payout] of value.t) tally.targets.set(key as number, { bets, wins, volume, payout });
    for (const [key, bets, wins, volume, payout] of value.c) tally.currencies.set(key as string, { bets, wins, volume, payout });
    return tally;
  }
}
