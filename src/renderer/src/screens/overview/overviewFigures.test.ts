import { describe, expect, it } from 'vitest';
import type { SummaryView } from '../../../../shared/stats/multiplier-stats';
import type { WheelPanel } from '../../../../shared/stats/wheel';
import {
  bonusHeadlineDelays,
  crashHeadlineDelays,
  formatChance,
  formatWaitChance,
  isRareWait,
  refreshDelay,
  ribbonMultiplier,
  ribbonSegment,
  todayWindow,
} from './overviewFigures';

const drought = (roundsSince: number, chance: number | null) => ({ roundsSince, seen: true, last: null, chance, percentile: null });

describe('an overview tile', () => {
  it('counts today from the local midnight to now', () => {
    const now = new Date(2026, 10, 21, 15, 30);
    const window = todayWindow(now);
    expect(new Date(window.from).getTime()).toBe(new Date(2026, 10, 21).getTime());
    expect(window.through).toBe(now.toISOString());
  });

  it('asks for figures at most once per refresh interval', () => {
    expect(refreshDelay(0, 10_000, 4_000)).toBe(0);
    expect(refreshDelay(10_000, 11_000, 4_000)).toBe(3_000);
  });

  it('headlines the 2×, 10×, 50× and 100× waits of a crash game', () => {
    const summary = {
      delays: [1.5, 2, 10, 50, 100].map((threshold) => ({ threshold, drought: drought(threshold * 3, 0.2), lifetimeHits: 1, lifetimeRounds: 9, expectedGap: threshold })),
    } as unknown as SummaryView;
    expect(crashHeadlineDelays(summary)).toEqual([
      { label: '≥2×', roundsSince: 6, seen: true, chance: 0.2 },
      { label: '≥10×', roundsSince: 30, seen: true, chance: 0.2 },
      { label: '≥50×', roundsSince: 150, seen: true, chance: 0.2 },
      { label: '≥100×', roundsSince: 300, seen: true, chance: 0.2 },
    ]);
  });

  it("headlines a show's bonus segments, not its numbers", () => {
    const segment = (code: string, label: string) => ({ code, label, drought: drought(7, 0.5) });
    const panel = { segments: [segment('n1', '1'), segment('n2', '2'), segment('cashhunt', 'Cash Hunt'), segment('crazytime', 'Crazy Time')] } as unknown as WheelPanel;
    expect(bonusHeadlineDelays(panel).map((delay) => delay.label)).toEqual(['Cash Hunt', 'Crazy Time']);
  });

  it('says how rare a wait is without rounding it to zero', () => {
    expect(formatChance(0.314)).toBe('31%');
    expect(formatChance(0.042)).toBe('4.2%');
    expect(formatChance(0.0004)).toBe('<0.1%');
    expect(formatWaitChance(0.18)).toBe('1 in 6 waits');
    expect(formatWaitChance(0.0001)).toBe('1 in 10,000 waits');
    expect(formatWaitChance(0.7)).toBe('a usual wait');
    expect(isRareWait(0.04)).toBe(true);
    expect(isRareWait(null)).toBe(false);
  });

  it('fits any multiplier in a ribbon slot, never rounding up', () => {
    expect(ribbonMultiplier('1.8799')).toBe('1.87×');
    expect(ribbonMultiplier('245.1')).toBe('245.10×');
    expect(ribbonMultiplier('1299.99')).toBe('1.2K×');
    expect(ribbonMultiplier('2500000')).toBe('2.5M×');
  });

  it('shortens bonus segment names for the ribbon and keeps the full name', () => {
    expect(ribbonSegment('cashhunt')).toEqual({ text: 'Hunt', full: 'Cash Hunt', kind: 'bonus' });
    expect(ribbonSegment('n10')).toEqual({ text: '10', full: '10', kind: 'number' });
  });
});
