import type { ObservedBet } from '../sources/trackersino/bet-snapshot';
import { ByteReader, ByteWriter } from './varint-bytes';

// A round's observed bets as one BLOB: a crash round has hundreds, and rows of their own would
// make the bets ten times the size of the rounds. Layout: a version byte, a scale byte, the
// currencies named once, then four unsigned varints a bet (stake, payout, target, currency × 2 +
// won). Money is written in cents and targets in hundredths when every bet of the round allows it
// (as snapshots usually do): about six bytes a bet where JSON takes forty.

const VERSION = 1;
/** Scale flags: amounts and payouts are multiples of a cent (10,000 µ$); targets of 1/100. */
const MONEY_IN_CENTS = 1;
const TARGETS_IN_HUNDREDTHS = 2;
const MICROS_PER_CENT = 10_000;
const UNITS_PER_HUNDREDTH = 100;
export function encodeBets(bets: readonly ObservedBet[]): Uint8Array {
  const currencies = [...new Set(bets.map((bet) => bet.currency))];
  const indexOf = new Map(currencies.map((currency, index) => [currency, index]));
  const cents = bets.every((bet) => bet.amountMicros % MICROS_PER_CENT === 0 && bet.payoutMicros % MICROS_PER_CENT === 0);
  const hundredths = bets.every((bet) => bet.targetUnits % UNITS_PER_HUNDREDTH === 0);
  const money = cents ? MICROS_PER_CENT : 1;
  const target = hundredths ? UNITS_PER_HUNDREDTH : 1;
  const out = new ByteWriter();
  out.byte(VERSION);
  out.byte((cents ? MONEY_IN_CENTS : 0) | (hundredths ? TARGETS_IN_HUNDREDTHS : 0));
  out.varint(currencies.length);
  for (const currency of currencies) out.text(currency);
  out.varint(bets.length);
  for (const bet of bets) {
    out.varint(bet.amountMicros / money);
    out.varint(bet.payoutMicros / money);
    out.varint(bet.targetUnits / target);
    out.varint((indexOf.get(bet.currency) as number) * 2 + (bet.won ? 1 : 0));
  }
  return out.result();
}

/** A round's bets as columns, reused from round to round: money in µ$, targets in 1/10,000. */
export class BetColumns {
  count = 0;
  currencies: string[] = [];
  amounts = new Float64Array(512);
  payouts = new Float64Array(512);
  targets = new Float64Array(512);
  /** Index into `currencies` × 2, + 1 for a won bet. */
  tags = new Uint32Array(512);

  reserve(count: number): void {
    if (count <= this.amounts.length) return;
    const size = Math.max(count, this.amounts.length * 2);
    this.amounts = new Float64Array(size);
    this.payouts = new Float64Array(size);
    this.targets = new Float64Array(size);
    this.tags = new Uint32Array(size);
  }
}

/** Reads a round's bets into `into` (its previous contents are replaced); returns how many. */
export function readBetColumns(blob: Uint8Array, into: BetColumns): number {
  const input = new ByteReader(blob);
  const version = input.byte();
  if (version !== VERSION) throw new Error(`bet codec: version ${version} is not known`);
  const scale = input.byte();
  const money = scale & MONEY_IN_CENTS ? MICROS_PER_CENT : 1;
  const target = scale & TARGETS_IN_HUNDREDTHS ? UNITS_PER_HUNDREDTH : 1;
  into.currencies = Array.from({ length: input.varint() }, () => input.text());
  const count = input.varint();
  into.reserve(count);
  const limit = into.currencies.length * 2;
  for (let i = 0; i < count; i++) {
    into.amounts[i] = input.varint() * money;
    into.payouts[i] = input.varint() * money;
    into.targets[i] = input.varint() * target;
    const tag = input.varint();
    if (tag >= limit) throw new Error('bet codec: a bet names no known currency');
    into.tags[i] = tag;
  }
  into.count = count;
  return count;
}

export function decodeBets(blob: Uint8Array): ObservedBet[] {
  const columns = new BetColumns();
  readBetColumns(blob, columns);
  return Array.from({ length: columns.count }, (_, i) => ({
    amountMicros: columns.amounts[i] as number,
    payoutMicros: columns.payouts[i] as number,
    targetUnits: columns.targets[i] as number,
    currency: columns.currencies[(columns.tags[i] as number) >>> 1] as string,
    won: ((columns.tags[i] as number) & 1) === 1,
  }));
}

/** Whether two lists hold the same bets in the same order. */
export function sameBets(a: readonly ObservedBet[], b: readonly ObservedBet[]): boolean {
  return (
    a.length === b.length &&
    a.every((bet, i) => {
      const other = b[i] as ObservedBet;
      return (
        bet.amountMicros === other.amountMicros &&
        bet.payoutMicros === other.payoutMicros &&
        bet.targetUnits === other.targetUnits &&
        bet.currency === other.currency &&
        bet.won === other.won
      );
    })
  );
}
