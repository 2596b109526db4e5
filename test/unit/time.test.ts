import { describe, expect, it } from 'vitest';
import { isoToMicros, microsToIso } from '../../src/shared/time';

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
