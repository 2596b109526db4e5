import type { SeededDice } from '../round-hash';
import { checkRate } from './fault-rate';

// What can go wrong with one frame on its way to one socket. Commanded faults (tests: "the next
// 2 frames are duplicated") come first, then each rate is drawn in a fixed order.

export const FRAME_FAULTS = ['drop', 'duplicate', 'reorder', 'garble', 'precision'] as const;
/**
 * drop: the socket is cut instead of receiving the frame; duplicate: sent twice; reorder: held back
 * and sent after the socket's next frame; garble: cut in half (undecodable JSON); precision: its
 * finalized_at is written with another precision than REST's (same instant, as far as digits allow).
 */
export type FrameFault = (typeof FRAME_FAULTS)[number];

export type StreamFaultRates = Partial<Record<FrameFault, number>>;

export type Precision = 's' | 'ms' | 'us';
const FRACTION_DIGITS: Record<Precision, number> = { s: 0, ms: 3, us: 6 };

export class StreamFaults {
  private readonly rates: Record<FrameFault, number>;
  private readonly commanded: Record<FrameFault, number> = { drop: 0, duplicate: 0, reorder: 0, garble: 0, precision: 0 };
  private commandedPrecision: Precision | null = null;

  constructor(
    rates: StreamFaultRates,
    private readonly dice: SeededDice,
  ) {
    this.rates = {
      drop: checkRate('drop', rates.drop),
      duplicate: checkRate('duplicate', rates.duplicate),
      reorder: checkRate('reorder', rates.reorder),
      garble: checkRate('garble', rates.garble),
      precision: checkRate('precision', rates.precision),
    };
  }

  command(fault: FrameFault, count: number, precision?: Precision): void {
    if (!Number.isInteger(count) || count < 0) throw new Error(`sandbox: a fault count must be a whole number, got ${count}`);
    this.commanded[fault] += count;
    if (fault === 'precision') this.commandedPrecision = precision ?? null;
  }

  /** The fault for the next delivery, or null for a clean one. */
  next(): FrameFault | null {
    for (const fault of FRAME_FAULTS) {
      if (this.commanded[fault] > 0) {
        this.commanded[fault]--;
        return fault;
      }
    }
    for (const fault of FRAME_FAULTS) {
      if (this.dice.chance(this.rates[fault])) return fault;
    }
    return null;
  }

  /** The frame with finalized_at rewritten in a precision other than the one it has. */
  shiftPrecision(frame: string): string {
    return frame.replace(/"finalized_at":"([^"]+?:\d{2})(?:\.(\d+))?Z"/, (_whole, seconds: string, fraction = '') => {
      const current = fraction.length;
      const choices = (Object.keys(FRACTION_DIGITS) as Precision[]).filter((p) => FRACTION_DIGITS[p] !== current);
      const wanted = this.commandedPrecision !== null && FRACTION_DIGITS[this.commandedPrecision] !== current
        ? this.commandedPrecision
        : this.dice.pick(choices);
      const digits = FRACTION_DIGITS[wanted];
      const shifted = digits === 0 ? '' : `.${fraction.padEnd(digits, '0').slice(0, digits)}`;
      return `"finalized_at":"${seconds}${shifted}Z"`;
    });
  }
}
