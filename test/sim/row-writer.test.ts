import { describe, expect, it } from 'vitest';
import { isoSeconds, microsToIso } from '../../src/shared/time';
import { floatText, isoMillis, multiplierText } from '../../src/sim/row';
import { MICROS_HOLE, MILLIS_HOLE, RowStretch, SECONDS_HOLE, textHole } from '../../src/sim/row-stretch';
import { putFloat, putIsoMicros, putIsoMillis, putIsoSeconds, putMultiplier, putNumber, RowWriter } from '../../src/sim/row-writer';

// Rows are written as bytes; each field must read exactly as the string function it replaces.

type Put = (bytes: Uint8Array, at: number, value: number) => number;

function written(put: Put, value: number): string {
  const out = new RowWriter(16);
  const bytes = out.reserve(64);
  out.at = put(bytes, out.at, value);
  return out.takeText();
}

const DAY_MS = 86_400_000;
const times = [0, 1, 999, 1000, 59_999, DAY_MS - 1, DAY_MS, 1_780_000_000_000, 1_780_000_000_999.5, 1_780_012_345_678, 253_402_300_799_999, 253_402_300_800_000, 8_640_000_000_000_000];
const numbers = [0, 1, 9, 10, 99, 100, 101, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 7, 999_999_999_999, 4_252_017_622_00, 2 ** 53 - 1];

describe('row fields written as bytes', () => {
  it('read as the string functions write them, fallbacks (negative, fractional, 6-digit years) included', () => {
    for (const value of [...numbers, -1, -250, 0.5, 12.345, 1e21, 2 ** 53 + 2]) {
      expect(written(putNumber, value)).toBe(String(value));
      expect(written(putFloat, value)).toBe(floatText(value));
      expect(written(putMultiplier, value)).toBe(multiplierText(value));
    }
    for (const ms of [...times, -1, -1500, -DAY_MS - 1]) {
      expect(written(putIsoSeconds, ms)).toBe(isoSeconds(ms));
      expect(written(putIsoMillis, ms)).toBe(isoMillis(ms));
      expect(written(putIsoMicros, ms * 1000)).toBe(microsToIso(ms * 1000));
      expect(written(putIsoMicros, ms * 1000 + 0.25)).toBe(microsToIso(ms * 1000 + 0.25));
    }
  });

  it('keep their text in a stretch as days turn, the date rewritten only then', () => {
    const stretch = new RowStretch(['<', textHole(3), '|', SECONDS_HOLE, '|', MILLIS_HOLE, '|', MICROS_HOLE, '>']);
    let ms = 1_780_000_000_000;
    for (let i = 0; i < 2_000; i++) {
      ms += 7_919_123 + (i % 13);
      stretch.setText(0, 'abc');
      stretch.setSeconds(1, ms + 0.5);
      stretch.setMillis(2, ms);
      stretch.setMicros(3, ms * 1000 + i);
      const out = new RowWriter(16);
      out.at = stretch.put(out.reserve(128), out.at);
      expect(out.takeText()).toBe(`<abc|${isoSeconds(ms + 0.5)}|${isoMillis(ms)}|${microsToIso(ms * 1000 + i)}>`);
    }
  });

  it('refuse text that is not ASCII, or that runs past the room reserved', () => {
    expect(() => new RowWriter().ascii('{"name":"Café"}')).toThrow(/ASCII/);
    const out = new RowWriter(16);
    const bytes = out.reserve(4);
    expect(() => putNumber(bytes.subarray(0, 4), 0, 1.234567)).toThrow(/room/);
  });
});
