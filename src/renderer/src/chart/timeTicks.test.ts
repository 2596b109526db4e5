import { describe, expect, it } from 'vitest';
import { formatTimeTick, TimeTickLabels } from './timeTicks';

// Local midnight of a fixed day, whatever zone the tests run in.
const midnight = new Date(2026, 5, 1, 0, 5, 9).getTime() / 1000;

describe('time axis labels', () => {
  it('shows seconds only when ticks are seconds apart', () => {
    expect(formatTimeTick(midnight, 10)).toMatch(/^00:05:09$/);
    expect(formatTimeTick(midnight, 300)).toMatch(/^00:05$/);
  });

  it('uses a 24-hour clock that starts the day at 00, not 24', () => {
    expect(formatTimeTick(midnight, 60).startsWith('00')).toBe(true);
  });

  it('shows the day once ticks are days apart', () => {
    expect(formatTimeTick(midnight, 86_400)).not.toMatch(/:/);
  });

  it('leaves a missing tick blank', () => {
    expect(formatTimeTick(null, 60)).toBe('');
  });

  it('labels the ticks of a moving axis as each was labelled alone, whatever their step', () => {
    const labels = new TimeTickLabels();
    const ticks = [midnight - 600, midnight, null, midnight + 600];
    for (const step of [300, 300, 10, 86_400, 300]) {
      expect(labels.of(ticks, step)).toEqual(ticks.map((seconds) => formatTimeTick(seconds, step)));
    }
  });
});
