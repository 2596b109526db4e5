import { asciiBytes, putAscii, putClock, putConstant, putDigits, putIsoMicros, putIsoMillis, putIsoSeconds } from './row-writer';

// Most of a row is fixed text and fields of fixed width: index digits, ids, times. A stretch
// keeps such a run of a row as bytes with the last row's fields in their holes: each row rewrites
// its fields (a time's date only when the day turns) and the run is copied in one call, where its
// pieces took a dozen. Measured: a byte written in a JS loop costs ~2.5 ns, a copy call ~40 ns.

const SECONDS_PER_DAY = 86_400;
/** `YYYY-MM-DDT`, before a time's clock. */
const DATE_LENGTH = 11;
/** The last ms whose ISO text has a 4-digit year: up to it, a time has a fixed width. */
const LAST_FIXED_WIDTH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A field's place in a stretch: its width. */
export interface Hole {
  readonly width: number;
}
/** isoSeconds, isoMillis and microsToIso texts (4-digit years). */
export const SECONDS_HOLE: Hole = { width: 20 };
export const MILLIS_HOLE: Hole = { width: 24 };
export const MICROS_HOLE: Hole = { width: 27 };
/** Ids, digits: `width` characters. */
export function textHole(width: number): Hole {
  return { width };
}

/** `ms` (a whole number or not) has ISO text of a fixed width: a 4-digit year. */
export function timeFits(ms: number): boolean {
  return ms >= 0 && ms <= LAST_FIXED_WIDTH_MS;
}

export class RowStretch {
  private readonly bytes: Uint8Array;
  /** Where each hole starts, and the day whose date it holds (NaN for none yet). */
  private readonly holes: number[] = [];
  private readonly widths: number[] = [];
  private readonly days: number[] = [];

  /** Parts in order: text, or a hole (numbered from 0 in that order). */
  constructor(parts: readonly (string | Hole)[]) {
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      this.holes.push(text.length);
      this.widths.push(part.width);
      this.days.push(Number.NaN);
      text += ' '.repeat(part.width);
    }
    this.bytes = asciiBytes(text);
  }

  /** The width of hole `hole` (text holes). */
  width(hole: number): number {
    return this.widths[hole] as number;
  }

  /** Text exactly the hole's width (checked by the caller). */
  setText(hole: number, text: string): void {
    putAscii(this.bytes, this.holes[hole] as number, text);
  }

  /** Digits zero-padded to the hole's width; `value` has at most that many. */
  setDigits(hole: number, value: number): void {
    putDigits(this.bytes, this.holes[hole] as number, value, this.widths[hole] as number);
  }

  /**
   * The digits in the hole plus one, carried in place (a row's index is the last row's plus one):
   * false, the hole unchanged, if they were all nines.
   */
  incrementDigits(hole: number): boolean {
    const bytes = this.bytes;
    const start = this.holes[hole] as number;
    let at = start + (this.widths[hole] as number) - 1;
    while (at >= start && bytes[at] === 0x39) at--;
    if (at < start) return false;
    bytes[at] = (bytes[at] as number) + 1;
    for (let i = at + 1; i < start + (this.widths[hole] as number); i++) bytes[i] = 0x30;
    return true;
  }

  /** The text of hole `from` (a time of the same kind) in hole `to`, of the same width. */
  copyHole(to: number, from: number): void {
    const bytes = this.bytes;
    const source = this.holes[from] as number;
    const target = this.holes[to] as number;
    for (let i = 0; i < (this.widths[from] as number); i++) bytes[target + i] = bytes[source + i] as number;
    this.days[to] = this.days[from] as number;
  }

  /** isoSeconds(ms); timeFits(ms). */
  setSeconds(hole: number, ms: number): void {
    const at = this.holes[hole] as number;
    const seconds = Math.floor(ms / 1000);
    if (this.sameDay(hole, seconds)) putClock(this.bytes, at + DATE_LENGTH, seconds);
    else putIsoSeconds(this.bytes, at, ms);
  }

  /** isoMillis(ms); ms is a whole number and timeFits(ms). */
  setMillis(hole: number, ms: number): void {
    const at = this.holes[hole] as number;
    const seconds = Math.floor(ms / 1000);
    if (!this.sameDay(hole, seconds)) putIsoMillis(this.bytes, at, ms);
    else putDigits(this.bytes, putClock(this.bytes, at + DATE_LENGTH, seconds) + 1, ms - seconds * 1000, 3);
  }

  /** microsToIso(micros); micros is a safe integer and timeFits(micros / 1000). */
  setMicros(hole: number, micros: number): void {
    const at = this.holes[hole] as number;
    const seconds = Math.floor(micros / 1_000_000);
    if (!this.sameDay(hole, seconds)) putIsoMicros(this.bytes, at, micros);
    else putDigits(this.bytes, putClock(this.bytes, at + DATE_LENGTH, seconds) + 1, micros - seconds * 1_000_000, 6);
  }

  /** Copies the stretch, holes as last set, to `bytes` at `at`; returns the position after it. */
  put(bytes: Uint8Array, at: number): number {
    return putConstant(bytes, at, this.bytes);
  }

  /** Whether the hole already holds the date of `epochSeconds`; records it as held from now. */
  private sameDay(hole: number, epochSeconds: number): boolean {
    const day = Math.floor(epochSeconds / SECONDS_PER_DAY);
    if (this.days[hole] === day) return true;
    this.days[hole] = day;
    return false;
  }
}
