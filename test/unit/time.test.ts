import { describe, expect, it } from 'vitest';
import { isoSeconds, isoToMicros, microsToIso } from '../../src/shared/time';

describe('upstream timestamps', () => {
  it('orders the precisions upstream mixes without losing microseconds', () => {
    const seconds = isoToMicros('2026-06-01T12:20:27Z')!;
    const millis = isoToMicros('2026-06-01T12:20:27.013Z')!;
    const micros = isoToMicros('2026-06-01T12:20:27.013001Z')!;
    expect(millis - seconds).toBe(13_000);
    expect(micros - millis).toBe(1);
  });

  it('reads offsets and refuses what is not a time', () => {
    expect(isoToMicros('2026-06-01T14:20:27+02:00')).toBe(isoToMicros('2026-06-01T12:20:27Z'));
    expect(isoToMicros('yesterday')).toBeNull();
    expect(isoToMicros('2026-13-45T99:00:00Z')).toBeNull();
  });

  it('writes a resume point that reads back to the same microsecond', () => {
    const micros = isoToMicros('2026-06-01T12:20:28.580645Z')!;
    expect(microsToIso(micros)).toBe('2026-06-01T12:20:28.580645Z');
    expect(isoToMicros(microsToIso(micros))).toBe(micros);
  });
});

describe('timestamps as the sandbox writes and reads them', () => {
  it('writes whole seconds and microseconds the way upstream rows do', () => {
    const ms = Date.UTC(2026, 5, 1, 12, 20, 27, 999);
    expect(isoSeconds(ms)).toBe('2026-06-01T12:20:27Z');
    expect(microsToIso(Date.UTC(2026, 5, 1, 12, 20, 28) * 1000 + 580_645)).toBe('2026-06-01T12:20:28.580645Z');
    expect(microsToIso(Date.UTC(2026, 5, 1) * 1000 + 5)).toBe('2026-06-01T00:00:00.000005Z');
  });

  it('reads any fractional precision and zone into exact microseconds', () => {
    const base = Date.UTC(2026, 5, 1, 12, 20, 27) * 1000;
    expect(isoToMicros('2026-06-01T12:20:27Z')).toBe(base);
    expect(isoToMicros('2026-06-01T12:20:27.5Z')).toBe(base + 500_000);
    expect(isoToMicros('2026-06-01T12:20:27.013Z')).toBe(base + 13_000);
    expect(isoToMicros('2026-06-01T12:20:27.580645Z')).toBe(base + 580_645);
    expect(isoToMicros('2026-06-01T12:20:27.5806459Z')).toBe(base + 580_645);
    expect(isoToMicros('2026-06-01T14:20:27+02:00')).toBe(base);
    expect(isoToMicros('2026-06-01T07:50:27-0430')).toBe(base);
    expect(isoToMicros('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29) * 1000);
  });

  it('rejects what is not a zoned ISO 8601 date-time', () => {
    for (const text of [
      '',
      'garbage',
      '2026-06-01',
      '2026-06-01T12:20:27',
      '2026-13-01T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-06-01T24:00:00Z',
      '2026-06-01T12:60:00Z',
      '2026-06-01T12:20:27+25:00',
      '2026-06-01T12:20:27.Z',
      ' 2026-06-01T12:20:27Z',
    ]) {
      expect(isoToMicros(text), text).toBeNull();
    }
  });
});
