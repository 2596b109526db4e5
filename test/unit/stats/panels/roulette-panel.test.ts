import { describe, expect, it } from 'vitest';
import { roulettePanel } from '../../../../src/main/core/stats/panels/roulette-panel';
import { NO_THEORY, type WindowInfo } from '../../../../src/shared/stats/common';
import { roulettePanelSchema } from '../../../../src/shared/stats/roulette';
import { eventHistory, sandboxStats, windowTallies } from './map-tallies';

// The Lightning Roulette panel against hand-computed figures (scipy for the χ² p-value), then
// against a large seeded sandbox sample.

function windowOf(rounds: number): WindowInfo {
  return { window: '7d', from: '2026-05-25T00:00:00Z', through: '2026-06-01T00:00:00Z', rounds };
}

describe('roulette panel', () => {
  // 370 spins: ten per pocket, except 0 (15) and 17 (5).
  const counts: Record<string, number> = {};
  for (let pocket = 0; pocket < 37; pocket++) counts[`pocket:${pocket}`] = 10;
  Object.assign(counts, {
    'pocket:0': 15, 'pocket:17': 5,
    'luckycount:1': 70, 'luckycount:5': 300, 'lucky:50': 500, 'lucky:500': 100,
    luckyhit: 20, 'luckyhitmult:50': 15, 'luckyhitmult:500': 5,
  });
  const panel = roulettePanel(windowTallies(370, counts), eventHistory(2_000, { 'pocket:17': 120, 'pocket:0': 1 }), 'lightningroulette', windowOf(370));

  it('is a valid answer with the 37 pockets and their colours', () => {
    expect(roulettePanelSchema.parse(panel)).toEqual(panel);
    expect(panel.pockets.map((pocket) => pocket.pocket)).toEqual(Array.from({ length: 37 }, (_, i) => i));
    expect(panel.pockets.slice(0, 4).map((pocket) => pocket.color)).toEqual(['green', 'red', 'black', 'red']);
    expect(panel.theoryNote).toBeNull();
  });

  it('compares each pocket with 1/37', () => {
    const zero = panel.pockets[0]!;
    expect(zero.rate).toMatchObject({ hits: 15, rounds: 370, theoretical: 1 / 37 });
    expect(zero.rate.interval!.low).toBeCloseTo(0.024719588939739832, 12);
    expect(zero.rate.interval!.high).toBeCloseTo(0.06580396863316579, 12);
    expect(zero.rate.deltaPp).toBeCloseTo(1.3513513513513513, 10);
  });

  it('prices the spins since each pocket', () => {
    const seventeen = panel.pockets[17]!.drought;
    expect(seventeen).toMatchObject({ roundsSince: 120, seen: true });
    expect(seventeen.chance).toBeCloseTo(0.0383700554960163, 12);
    expect(seventeen.percentile).toBeCloseTo(1 - 0.0383700554960163, 12);
    expect(panel.pockets[0]!.drought).toMatchObject({ roundsSince: 1, chance: 1, percentile: 0 });
    expect(panel.pockets[5]!.drought).toMatchObject({ roundsSince: 2_000, seen: false, last: null });
  });

  it('tests the pockets together with χ²', () => {
    expect(panel.fit!.statistic).toBeCloseTo(5, 10);
    expect(panel.fit!.pValue).toBeCloseTo(0.9999999997854003, 10);
    expect(panel.fit).toMatchObject({ degreesOfFreedom: 36, cells: 37 });
  });

  it('reports the lucky numbers empirically', () => {
    const lucky = panel.lucky;
    expect(lucky.theoryNote).toBe(NO_THEORY);
    expect(lucky.countPerRound.entries).toEqual([
      { value: '1', count: 70, share: 70 / 370 },
      { value: '5', count: 300, share: 300 / 370 },
    ]);
    expect(lucky.multipliers.entries.map((entry) => [entry.value, entry.count])).toEqual([['50', 500], ['500', 100]]);
    expect(lucky.hits).toMatchObject({ hits: 20, rounds: 370, theoretical: null, deltaPp: null });
    expect(lucky.hits.interval!.low).toBeCloseTo(0.03526092782504154, 12);
    expect(lucky.hits.interval!.high).toBeCloseTo(0.08201193687807273, 12);
    expect(lucky.hitMultipliers.entries.map((entry) => [entry.value, entry.share])).toEqual([['50', 0.75], ['500', 0.25]]);
  });

  it('a game without a roulette law gets no theory and no χ²', () => {
    const other = roulettePanel(windowTallies(1, { 'pocket:3': 1 }), eventHistory(1, { 'pocket:3': 1 }), 'xxxtreme-roulette', windowOf(1));
    roulettePanelSchema.parse(other);
    expect(other).toMatchObject({ fit: null, theoryNote: NO_THEORY });
    expect(other.pockets[3]).toMatchObject({ rate: { hits: 1, theoretical: null }, drought: { chance: null, percentile: null } });
  });

  it('20,000 sandbox spins sit inside their intervals for the pockets and pass χ²', () => {
    const { tallies, history } = sandboxStats('lightningroulette', 'panel-fit', 20_000);
    const sampled = roulettePanelSchema.parse(roulettePanel(tallies, history, 'lightningroulette', windowOf(20_000)));
    const inside = sampled.pockets.filter(({ rate }) => rate.interval!.low <= rate.theoretical! && rate.theoretical! <= rate.interval!.high);
    expect(inside.length / 37).toBeGreaterThanOrEqual(0.9);
    expect(sampled.fit!.pValue, `χ² ${sampled.fit!.statistic.toFixed(1)}`).toBeGreaterThan(0.001);
    expect(sampled.pockets.every(({ drought }) => drought.seen)).toBe(true);
    // The sandbox draws 1-5 lucky numbers uniformly: 3 of 37 per spin.
    expect(sampled.lucky.countPerRound.entries.map((entry) => entry.value)).toEqual(['1', '2', '3', '4', '5']);
    const { interval } = sampled.lucky.hits;
    expect(interval!.low).toBeLessThanOrEqual(3 / 37);
    expect(interval!.high).toBeGreaterThanOrEqual(3 / 37);
  });
});
