import { isoSeconds, microsToIso } from '../shared/time';
import { floatText, isoMillis, multiplierText } from './row';

// Rows written straight into bytes: a million rows built as strings cost a tree of small strings
// per row, a flattening copy, an ASCII scan and, when served, an encoding copy.
//
// A row is written by one function holding the write position in a local: `out.reserve(bound)`
// makes room for everything the function writes, then `put*` calls each write a piece at `at` and
// return the position after it. Each `put*` writes exactly what its string counterpart (row.ts,
// shared/time.ts) returns; values outside the ranges rows use (negative, fractional, huge) are
// written through that counterpart, so the two never differ.

/** Room to reserve per `put*` of one number or time: their fallback texts included, they take less. */
export const FIELD_BOUND = 64;

const SECONDS_PER_DAY = 86_400;
const ZERO = 0x30;
/** Slabs double up to this: a short history fits in a small one, a long one fills many of this size. */
const MAX_SLAB_BYTES = 4 * 1024 * 1024;
/** The largest slab `expect` makes: a longer run goes on in slabs of MAX_SLAB_BYTES. */
const MAX_RUN_SLAB_BYTES = 1024 * 1024 * 1024;

/** Uninitialised memory (every byte is written before it is read) as a plain Uint8Array. */
function slab(size: number): Uint8Array {
  const memory = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(memory.buffer, memory.byteOffset, memory.length);
}

/** ASCII text as bytes, for the fixed parts of a row: encoded once, copied per row. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  if (putAscii(bytes, 0, text) !== text.length) throw new Error(`not ASCII: ${text}`);
  return bytes;
}

/**
 * Appends bytes to a slab; `take()` hands out what was written since the last take as a view of
 * the slab, without copying. A full slab is left to the views taken from it, and the bytes not yet
 * taken move to a new, larger one.
 */
export class RowWriter {
  /**
   * The slab; valid until the next reserve(). A plain Uint8Array, not a Buffer: the `put*`
   * functions then see one kind of array and V8 compiles their byte stores for it alone.
   */
  bytes: Uint8Array;
  /** Where the next byte goes; writers move it past what they wrote. */
  at = 0;
  /** Where the bytes not yet taken start. */
  private from = 0;

  constructor(capacity = 16 * 1024) {
    this.bytes = slab(capacity);
  }

  /** Bytes written since the last take. */
  get length(): number {
    return this.at - this.from;
  }

  /** Makes room for `count` more bytes at `at`; returns the slab to write them into. */
  reserve(count: number): Uint8Array {
    if (this.at + count <= this.bytes.length) return this.bytes;
    const pending = this.at - this.from;
    return this.moveTo(slab(Math.max(Math.min(this.bytes.length * 2, MAX_SLAB_BYTES), 2 * (pending + count))));
  }

  /** Moves the bytes not yet taken to `next`, which becomes the slab. */
  private moveTo(next: Uint8Array): Uint8Array {
    const pending = this.at - this.from;
    next.set(this.bytes.subarray(this.from, this.at));
    this.bytes = next;
    this.from = 0;
    this.at = pending;
    return next;
  }

  /**
   * Makes room for about `count` more bytes in the slab, for a long run whose size is known:
   * V8 counts each slab as external memory and answers every few tens of MB of it with a full GC,
   * which at a million rows marked every record a dozen times. One slab is one such GC.
   */
  expect(count: number): void {
    if (!(this.at + count > this.bytes.length)) return;
    let next: Uint8Array;
    try {
      next = slab(Math.min(MAX_RUN_SLAB_BYTES, Math.ceil(this.at - this.from + count)));
    } catch {
      return; // no memory for it in one piece: the run goes on in slabs of the usual size
    }
    this.moveTo(next);
  }

  /** Text of any length that must be ASCII (a game's raw JSON): other text would change length as UTF-8. */
  ascii(text: string): void {
    const bytes = this.reserve(text.length);
    this.at = putAscii(bytes, this.at, text);
  }

  /** The bytes written since the last take, as a view that later writes never touch. */
  take(): Buffer {
    const bytes = this.bytes;
    const taken = Buffer.from(bytes.buffer, bytes.byteOffset + this.from, this.at - this.from);
    this.from = this.at;
    return taken;
  }

  /** The bytes written since the last take, as text; their room is written over next. */
  takeText(): string {
    const bytes = this.bytes;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + this.from, this.at - this.from).toString('latin1');
    this.at = this.from;
    return text;
  }
}

/**
 * ASCII text (ids, fallbacks); anything else fails loudly, as its UTF-8 bytes would differ. So
 * does text past the room reserved, where a typed array would drop the bytes silently.
 */
export function putAscii(bytes: Uint8Array, at: number, text: string): number {
  const length = text.length;
  if (at + length > bytes.length) throw new Error(`RowWriter: ${length} bytes written past the room reserved`);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw new Error(`sandbox rows must be ASCII JSON (escape other characters): ${text.slice(0, 80)}`);
    bytes[at + i] = code;
  }
  return at + length;
}

/**
 * A key or other short fixed text, as bytes and as whole little-endian words: copied a word at a
 * time through a DataView, where TypedArray#set costs a call into the runtime (~35 ns) per copy.
 */
export class ShortAscii {
  readonly bytes: Uint8Array;
  readonly words: Int32Array;

  constructor(text: string) {
    this.bytes = asciiBytes(text);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
    this.words = new Int32Array(text.length >>> 2);
    for (let i = 0; i < this.words.length; i++) this.words[i] = view.getInt32(4 * i, true);
  }
}

/** The DataView over the slab last written to by putShort: rows are written into one slab at a time. */
let viewedBytes: Uint8Array | null = null;
let view: DataView = new DataView(new ArrayBuffer(0));

/** A ShortAscii: its whole words, then the 0-3 bytes past them. */
export function putShort(bytes: Uint8Array, at: number, text: ShortAscii): number {
  if (bytes !== viewedBytes) {
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    viewedBytes = bytes;
  }
  const words = text.words;
  const whole = words.length;
  for (let i = 0; i < whole; i++) view.setInt32(at + 4 * i, words[i] as number, true);
  const tail = text.bytes;
  for (let i = 4 * whole; i < tail.length; i++) bytes[at + i] = tail[i] as number;
  return at + tail.length;
}

/** Bytes made by asciiBytes. */
export function putConstant(bytes: Uint8Array, at: number, constant: Uint8Array): number {
  const length = constant.length;
  // Measured: a byte loop costs ~2.5 ns a byte, TypedArray#set ~25-45 ns a call whatever the length.
  if (length > 8) bytes.set(constant, at);
  else for (let i = 0; i < length; i++) bytes[at + i] = constant[i] as number;
  return at + length;
}

/** A non-negative safe integer in decimal, zero-padded to at least `width` digits. */
export function putDigits(bytes: Uint8Array, at: number, value: number, width: number): number {
  if (value > 0x7fff_ffff) {
    // Above int32, V8 divides in floating point (an fmod per digit): write two int32 halves.
    const high = Math.floor(value / 1e9);
    return putDigits(bytes, putDigits(bytes, at, high, Math.max(1, width - 9)), value - high * 1e9, 9);
  }
  let rest = value | 0;
  let count = 1;
  for (let scan = rest; scan >= 10; scan = (scan / 10) | 0) count++;
  if (count < width) count = width;
  for (let i = at + count - 1; i >= at; i--) {
    const next = (rest / 10) | 0;
    bytes[i] = ZERO + rest - next * 10;
    rest = next;
  }
  return at + count;
}

/** `String(value)` of a number. */
export function putNumber(bytes: Uint8Array, at: number, value: number): number {
  if (Number.isSafeInteger(value) && value >= 0) return putDigits(bytes, at, value, 1);
  return putAscii(bytes, at, String(value));
}

/** row.ts multiplierText: `4.7100`. */
export function putMultiplier(bytes: Uint8Array, at: number, tenThousandths: number): number {
  if (!Number.isSafeInteger(tenThousandths) || tenThousandths < 0) return putAscii(bytes, at, multiplierText(tenThousandths));
  const whole = Math.floor(tenThousandths / 10_000);
  at = putDigits(bytes, at, whole, 1);
  bytes[at] = 0x2e;
  return putDigits(bytes, at + 1, tenThousandths - whole * 10_000, 4);
}

/** row.ts floatText: `196.23`, `4.7`, `25825.0`. */
export function putFloat(bytes: Uint8Array, at: number, hundredths: number): number {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) return putAscii(bytes, at, floatText(hundredths));
  const whole = Math.floor(hundredths / 100);
  const cents = hundredths - whole * 100;
  at = putDigits(bytes, at, whole, 1);
  const tens = (cents / 10) | 0;
  bytes[at] = 0x2e;
  bytes[at + 1] = ZERO + tens;
  if (cents === tens * 10) return at + 2;
  bytes[at + 2] = ZERO + cents - tens * 10;
  return at + 3;
}

/** shared/time isoSeconds: `2026-06-01T12:20:27Z`. */
export function putIsoSeconds(bytes: Uint8Array, at: number, ms: number): number {
  at = putSecondsText(bytes, at, Math.floor(ms / 1000));
  bytes[at] = 0x5a;
  return at + 1;
}

/** row.ts isoMillis: `2026-06-01T12:19:52.013Z`. */
export function putIsoMillis(bytes: Uint8Array, at: number, ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0) return putAscii(bytes, at, isoMillis(ms));
  const seconds = Math.floor(ms / 1000);
  return putIsoFraction(bytes, at, seconds, ms - seconds * 1000, 3);
}

/** shared/time microsToIso: `2026-06-01T12:20:28.580645Z`. */
export function putIsoMicros(bytes: Uint8Array, at: number, micros: number): number {
  if (!Number.isSafeInteger(micros)) return putAscii(bytes, at, microsToIso(micros));
  const seconds = Math.floor(micros / 1_000_000);
  return putIsoFraction(bytes, at, seconds, micros - seconds * 1_000_000, 6);
}

/** `…T12:20:28.` then `digits` of the fraction and `Z`. */
function putIsoFraction(bytes: Uint8Array, at: number, seconds: number, fraction: number, digits: number): number {
  at = putSecondsText(bytes, at, seconds);
  bytes[at] = 0x2e;
  at = putDigits(bytes, at + 1, fraction, digits);
  bytes[at] = 0x5a;
  return at + 1;
}

// Rounds are written oldest first, so consecutive times nearly always share a UTC day: its
// `YYYY-MM-DDT` is kept as bytes.
let cachedDay = Number.NaN;
let cachedDayPrefix: Uint8Array = new Uint8Array(0);

/** shared/time's secondsText, without its `Z`. */
function putSecondsText(bytes: Uint8Array, at: number, epochSeconds: number): number {
  const day = Math.floor(epochSeconds / SECONDS_PER_DAY);
  if (day !== cachedDay) {
    // The same text as shared/time (through the same Date call), whatever the year looks like.
    cachedDayPrefix = asciiBytes(isoSeconds(day * SECONDS_PER_DAY * 1000).slice(0, -'00:00:00Z'.length));
    cachedDay = day;
  }
  return putClock(bytes, putConstant(bytes, at, cachedDayPrefix), epochSeconds);
}

/** The `HH:MM:SS` of an integer count of seconds since the epoch. */
export function putClock(bytes: Uint8Array, at: number, epochSeconds: number): number {
  const secondOfDay = (epochSeconds - Math.floor(epochSeconds / SECONDS_PER_DAY) * SECONDS_PER_DAY) | 0;
  const hours = (secondOfDay / 3600) | 0;
  const minutes = ((secondOfDay - hours * 3600) / 60) | 0;
  const seconds = secondOfDay - hours * 3600 - minutes * 60;
  at = putTwoDigits(bytes, at, hours);
  bytes[at] = 0x3a;
  at = putTwoDigits(bytes, at + 1, minutes);
  bytes[at] = 0x3a;
  return putTwoDigits(bytes, at + 1, seconds);
}

function putTwoDigits(bytes: Uint8Array, at: number, value: number): number {
  const tens = (value / 10) | 0;
  bytes[at] = ZERO + tens;
  bytes[at + 1] = ZERO + value - tens * 10;
  return at + 2;
}
