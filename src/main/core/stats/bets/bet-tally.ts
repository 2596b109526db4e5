import type { ObservedBet } from '../../sources/trackersino/bet-snapshot';
import { BetColumns, readBetColumns } from '../../store/bet-codec';
import { ByteReader, ByteWriter } from '../../store/varint-bytes';

// What a set of observed bets adds up to, per exact cash-out target and per currency: the
// aggregate kept per game per hour and per day (bet_hours, bet_days) and summed over a window.
// Mergeable by addition, so a window is whole days + whole hours + its part-hours' rounds. Stored
// as a BLOB of varints and read straight into the sums: a month's window merges ~80 of them, with
// ~1,000 targets each, on every dashboard refresh.

export interface BetSums {
  bets: number;
  wins: number;
  /** Millionths of a dollar. */
  volume: number;
  payout: number;
}

const VERSION = 1;
/** Where addRound reads each round's bets: one set of columns for every tally. */
const columns = new BetColumns();

function sumsIn<K>(map: Map<K, BetSums>, key: K): BetSums {
  let sums = map.get(key);
  if (sums === undefined) {
    sums = { bets: 0, wins: 0, volume: 0, payout: 0 };
    map.set(key, sums);
  }
  return sums;
}

function addTo(sums: BetSums, bets: number, wins: number, volume: number, payout: number): void {
  sums.bets += bets;
  sums.wins += wins;
  sums.volume += volume;
  sums.payout += payout;
}

function writeSums(out: ByteWriter, sums: BetSums): void {
  out.varint(sums.bets);
  out.varint(sums.wins);
  out.varint(sums.volume);
  out.varint(sums.payout);
}

export class BetTally {
  /** Rounds whose bets are in the tally. */
  rounds = 0;
  /** By cash-out target in 1/10,000. */
  readonly targets = new Map<number, BetSums>();
  readonly currencies = new Map<string, BetSums>();

  /** One bet. */
  add(amountMicros: number, payoutMicros: number, targetUnits: number, currency: string, won: boolean): void {
    const wins = won ? 1 : 0;
    addTo(sumsIn(this.targets, targetUnits), 1, wins, amountMicros, payoutMicros);
    addTo(sumsIn(this.currencies, currency), 1, wins, amountMicros, payoutMicros);
  }

  /** Adds a round's bets (or the part of them not yet counted); `newRound` when the round itself is new here. */
  addBets(bets: readonly ObservedBet[], newRound: boolean): void {
    if (newRound) this.rounds += 1;
    for (const bet of bets) this.add(bet.amountMicros, bet.payoutMicros, bet.targetUnits, bet.currency, bet.won);
  }

  /**
   * Adds a whole round from its stored bets (store/bet-codec.ts): read as columns, each currency's
   * sums looked up once a round, so a window's edge hours (~100,000 bets) add up in milliseconds.
   */
  addRound(betsBlob: Uint8Array, sign: 1 | -1 = 1): void {
    this.rounds += sign;
    const count = readBetColumns(betsBlob, columns);
    const byCurrency = columns.currencies.map((currency) => sumsIn(this.currencies, currency));
    const { amounts, payouts, targets, tags } = columns;
    for (let i = 0; i < count; i++) {
      const tag = tags[i] as number;
      const wins = sign * (tag & 1);
      const amount = sign * (amounts[i] as number);
      const payout = sign * (payouts[i] as number);
      addTo(sumsIn(this.targets, targets[i] as number), sign, wins, amount, payout);
      addTo(byCurrency[tag >>> 1] as BetSums, sign, wins, amount, payout);
    }
  }

  /** Drops targets and currencies left with no bet (after rounds were taken out with addRound(…, -1)). */
  prune(): void {
    for (const [target, sums] of this.targets) if (sums.bets === 0) this.targets.delete(target);
    for (const [currency, sums] of this.currencies) if (sums.bets === 0) this.currencies.delete(currency);
  }

  append(other: BetTally): void {
    this.rounds += other.rounds;
    for (const [target, sums] of other.targets) addTo(sumsIn(this.targets, target), sums.bets, sums.wins, sums.volume, sums.payout);
    for (const [currency, sums] of other.currencies) addTo(sumsIn(this.currencies, currency), sums.bets, sums.wins, sums.volume, sums.payout);
  }

  /** Every bet of the tally, summed. */
  totals(): BetSums {
    const totals: BetSums = { bets: 0, wins: 0, volume: 0, payout: 0 };
    for (const sums of this.targets.values()) addTo(totals, sums.bets, sums.wins, sums.volume, sums.payout);
    return totals;
  }

  encode(): Uint8Array {
    const out = new ByteWriter();
    out.byte(VERSION);
    out.varint(this.rounds);
    out.varint(this.targets.size);
    for (const [target, sums] of this.targets) {
      out.varint(target);
      writeSums(out, sums);
    }
    out.varint(this.currencies.size);
    for (const [currency, sums] of this.currencies) {
      out.text(currency);
      writeSums(out, sums);
    }
    return out.result();
  }

  /** Adds an encoded tally straight into this one. */
  appendEncoded(blob: Uint8Array): void {
    const input = new ByteReader(blob);
    const version = input.byte();
    if (version !== VERSION) throw new Error(`bet tally: version ${version} is not known`);
    this.rounds += input.varint();
    for (let n = input.varint(); n > 0; n--) {
      const sums = sumsIn(this.targets, input.varint());
      addTo(sums, input.varint(), input.varint(), input.varint(), input.varint());
    }
    for (let n = input.varint(); n > 0; n--) {
      const sums = sumsIn(this.currencies, input.text());
      addTo(sums, input.varint(), input.varint(), input.varint(), input.varint());
    }
  }

  static decode(blob: Uint8Array): BetTally {
    const tally = new BetTally();
    tally.appendEncoded(blob);
    return tally;
  }
}
