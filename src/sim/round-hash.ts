import { hash } from 'node:crypto';

/**
 * The game hash of round `n`, as 64 hex digits: SHA-256 of `${seed}:${slug}:${n}`. Addressed by
 * index rather than chained like Stake's, so any round can be regenerated alone and a seed
 * reproduces a history. Hex, as provably-fair verifiers print it (and cheaper than a Buffer).
 */
export function roundHash(seed: string, slug: string, n: number): string {
  return hash('sha256', `${seed}:${slug}:${n}`, 'hex');
}

/**
 * `roundHash` for one game's rounds in turn, from a reused buffer holding `${seed}:${slug}:`:
 * hashing bytes skips the string's UTF-8 encoding, which at a million rounds costs a second.
 */
export class RoundHasher {
  private readonly message: Buffer;
  private readonly prefixBytes: number;
  /** The message's views by length, made once: a subarray per round would allocate. */
  private readonly views: Buffer[] = [];

  constructor(seed: string, slug: string) {
    const prefix = Buffer.from(`${seed}:${slug}:`);
    this.prefixBytes = prefix.length;
    this.message = Buffer.alloc(prefix.length + 16);
    prefix.copy(this.message);
    for (let digits = 0; digits <= 16; digits++) this.views.push(this.message.subarray(0, prefix.length + digits));
  }

  hash(n: number): string {
    if (!Number.isInteger(n) || n < 0 || n >= 1e16) throw new Error(`RoundHasher: round number ${n} is out of range`);
    let digits = 1;
    for (let power = 10; power <= n; power *= 10) digits++;
    // Decimal digits of n, least significant last, exactly as `${n}` writes them.
    let rest = n;
    for (let i = this.prefixBytes + digits - 1; i >= this.prefixBytes; i--) {
      const digit = rest % 10;
      this.message[i] = 0x30 + digit;
      rest = (rest - digit) / 10;
    }
    return hash('sha256', this.views[digits] as Buffer, 'hex');
  }
}

/**
 * A small fast generator (sfc32) seeded from a round hash, for everything a round decides besides
 * its headline outcome: bettors, Top Slot, bonus payloads, delays. One instance is reseeded per
 * round so that generating a long history allocates nothing here.
 */
/** A generator seeded from any text (SHA-256 of it), for what is not a round: faults, CS2 matches. */
export function diceFor(seedText: string): SeededDice {
  const dice = new SeededDice();
  dice.reseed(hash('sha256', seedText));
  return dice;
}

export class SeededDice {
  // Int32Array keeps the state unboxed: plain number fields holding 32-bit values would become
  // heap numbers and make every draw allocate.
  private readonly state = new Int32Array(4);

  /** Seeds from the hash's first 16 bytes; they are already uniform, so no warm-up is needed. */
  reseed(hashHex: string): void {
    for (let word = 0; word < 4; word++) {
      let value = 0;
      for (let i = word * 8; i < word * 8 + 8; i++) {
        const code = hashHex.charCodeAt(i);
        value = (value << 4) | (code <= 0x39 ? code - 0x30 : code - 0x57); // 0-9, a-f
      }
      this.state[word] = value;
    }
  }

  /** Seeds from the 4 words reseed would parse from a hash, parsed elsewhere (hash-ahead.ts). */
  seed(words: Int32Array, at: number): void {
    const state = this.state;
    for (let word = 0; word < 4; word++) state[word] = words[at + word] as number;
  }

  uint32(): number {
    const state = this.state;
    const a = state[0] as number;
    const b = state[1] as number;
    const c = state[2] as number;
    const d = state[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /**
   * The next `count` uint32() values into `out`, exactly as that many uint32() calls return them,
   * with the state held in locals: ~5× faster for the hundreds of draws of a crash crowd.
   */
  fill(out: Uint32Array, count: number): void {
    const state = this.state;
    let a = state[0] as number;
    let b = state[1] as number;
    let c = state[2] as number;
    let d = state[3] as number;
    for (let i = 0; i < count; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[i] = t >>> 0;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** True with probability `rate`; a rate of 0 draws nothing, so turning a fault off never shifts the sequence. */
  chance(rate: number): boolean {
    return rate > 0 && this.next() < rate;
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let text = '';
    while (text.length < length) text += this.uint32().toString(16).padStart(8, '0');
    return text.slice(0, length);
  }

  /** Uniform integer in [0, n), without modulo bias. */
  below(n: number): number {
    const limit = 4_294_967_296 - remainder(4_294_967_296, n);
    let value = this.uint32();
    while (value >= limit) value = this.uint32();
    return remainder(value, n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** A uniformly chosen item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('pick(): the list is empty');
    return item;
  }

  /** A value of `table`, with the probability of its weight. */
  draw(table: WeightedTable): number {
    let ticket = this.below(table.totalWeight);
    for (let i = 0; i < table.values.length; i++) {
      const weight = table.weights[i] ?? 0;
      if (ticket < weight) return table.values[i] ?? 0;
      ticket -= weight;
    }
    throw new Error('draw(): the weights do not add up to totalWeight');
  }
}

/**
 * `value % n` for 0 ≤ value ≤ 2^32 and 1 ≤ n ≤ 2^32, without `%`: past int32, V8 computes `%` with
 * a call to fmod, a cost at every draw of a long history. Exact: the quotient's distance to the
 * next integer (≥ 1/n) exceeds its rounding error (< 2^-20/n), so the floor is the true one.
 */
function remainder(value: number, n: number): number {
  return value - Math.floor(value / n) * n;
}

export interface WeightedTable {
  readonly values: readonly number[];
  readonly weights: readonly number[];
  readonly totalWeight: number;
}

export function weightedTable(pairs: readonly (readonly [value: number, weight: number])[]): WeightedTable {
  const weights = pairs.map(([, weight]) => weight);
  return { values: pairs.map(([value]) => value), weights, totalWeight: weights.reduce((sum, weight) => sum + weight, 0) };
}
