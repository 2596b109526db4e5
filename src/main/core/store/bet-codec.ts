import type { ObservedBet } from '../sources/trackersino/bet-snapshot';

// A round's observed bets as one BLOB: a crash round has hundreds, and rows of their own would
// make the bets ten times the size of the rounds. Layout: a version byte, the currencies named
// once, then four unsigned varints a bet (stake, payout, target, currency × 2 + won) — about
// ten bytes a bet where JSON takes forty.

const VERSION = 1;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

class ByteWriter {
  private bytes = new Uint8Array(256);
  length = 0;

  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`bet codec: ${value} is not a non-negative safe integer`);
    this.room(8);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[this.length++] = rest;
  }

  text(value: string): void {
    const encoded = textEncoder.encode(value);
    this.varint(encoded.length);
    this.room(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

class ByteReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.at++];
      if (byte === undefined) throw new Error('bet codec: the blob ends inside a number');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  text(): string {
    const length = this.varint();
    const end = this.at + length;
    if (end > this.bytes.length) throw new Error('bet codec: the blob ends inside a text');
    const value = textDecoder.decode(this.bytes.subarray(this.at, end));
    this.at = end;
    return value;
  }

  byte(): number {
    const byte = this.bytes[this.at++];
    if (byte === undefined) throw new Error('bet codec: the blob is empty');
    return byte;
  }
}

export function encodeBets(bets: readonly ObservedBet[]): Uint8Array {
  const currencies = [...new Set(bets.map((bet) => bet.currency))];
  const indexOf = new Map(currencies.map((currency, index) => [currency, index]));
  const out = new ByteWriter();
  out.byte(VERSION);
  out.varint(currencies.length);
  for (const currency of currencies) out.text(currency);
  out.varint(bets.length);
  for (const bet of bets) {
    out.varint(bet.amountMicros);
    out.varint(bet.payoutMicros);
    out.varint(bet.targetUnits);
    out.varint((indexOf.get(bet.currency) as number) * 2 + (bet.won ? 1 : 0));
  }
  return out.result();
}

export function decodeBets(blob: Uint8Array): ObservedBet[] {
  const input = new ByteReader(blob);
  const version = input.byte();
  if (version !== VERSION) throw new Error(`bet codec: version ${version} is not known`);
  const currencies = Array.from({ length: input.varint() }, () => input.text());
  const count = input.varint();
  const bets: ObservedBet[] = new Array<ObservedBet>(count);
  for (let i = 0; i < count; i++) {
    const amountMicros = input.varint();
    const payoutMicros = input.varint();
    const targetUnits = input.varint();
    const tag = input.varint();
    const currency = currencies[Math.floor(tag / 2)];
    if (currency === undefined) throw new Error('bet codec: a bet names no known currency');
    bets[i] = { amountMicros, payoutMicros, targetUnits, currency, won: tag % 2 === 1 };
  }
  return bets;
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
