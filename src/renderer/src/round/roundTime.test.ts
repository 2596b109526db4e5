import { describe, expect, it } from 'vitest';
import { formatRoundTime } from './roundTime';

describe('round time', () => {
  it('shows the local wall-clock time to the second, 24-hour', () => {
    const micros = new Date(2026, 5, 1, 0, 19, 36, 999).getTime() * 1000 + 999;
    expect(formatRoundTime(micros)).toBe('00:19:36');
  });
});
