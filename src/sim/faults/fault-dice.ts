import { createHash } from 'node:crypto';

// Faults are drawn from their own seeded generator (sfc32), apart from the rounds' dice: the same
// seed and the same sequence of deliveries and requests give the same faults, and turning a fault
// rate on never changes a round.

export class FaultDice {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    const hash = createHash('sha256').update(`faults:${seed}`).digest();
    this.a = hash.readUInt32LE(0);
    this.b = hash.readUInt32LE(4);
    this.c = hash.readUInt32LE(8);
    this.d = hash.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  }

  /** True with probability `rate` (0 never draws, so a rate of 0 leaves the sequence untouched). */
  chance(rate: number): boolean {
    return rate > 0 && this.next() < rate;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** A rate option: a probability in [0, 1]. */
export function checkRate(name: string, rate: number | undefined): number {
  const value = rate ?? 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`startSandbox: fault rate ${name} must be within 0..1, got ${rate}`);
  return value;
}
