// Unsigned varints (7 bits a byte, low first) up to 2^53 and length-prefixed UTF-8, for the
// compact BLOBs of bet snapshots and their sums (bet-codec.ts, stats/bets/bet-tally.ts).

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export class ByteWriter {
  private bytes = new Uint8Array(256);
  length = 0;

  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint bytes: ${value} is not a non-negative safe integer`);
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

export class ByteReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.at++];
      if (byte === undefined) throw new Error('varint bytes: the blob ends inside a number');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  text(): string {
    const length = this.varint();
    const end = this.at + length;
    if (end > this.bytes.length) throw new Error('varint bytes: the blob ends inside a text');
    const value = textDecoder.decode(this.bytes.subarray(this.at, end));
    this.at = end;
    return value;
  }

  byte(): number {
    const byte = this.bytes[this.at++];
    if (byte === undefined) throw new Error('varint bytes: the blob ends early');
    return byte;
  }
}

