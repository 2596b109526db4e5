import { describe, expect, it } from 'vitest';
import { dicePanel } from '../../../../src/main/core/stats/panels/dice-panel';
import { NO_THEORY, type WindowInfo } from '../../../../src/shared/stats/common';
import { dicePanelSchema } from '../../../../src/shared/stats/dice';
import { eventHistory, sandboxStats, windowTallies } from './map-tallies';

// The Lightning Dice panel against hand-computed figures (scipy for the χ² p-value), then against a
// large seeded sandbox sample.

const COMBINATIONS = [1, 3, 6, 10, 15, 21, 25, 27, 27, 25, 21, 15, 10, 6, 3, 1];

function windowOf(rounds: number): WindowInfo {
  return { window: 'all', from: null, through: '2026-06-01T23:59:59.999999Z', rounds };
}

describe('dice panel', () => {
  // 2,160 rounds: ten times the 216 combinations, except 3 (+2), 18 (−2), 10 (+10) and 11 (−10).
  const counts: Record<string, number> = {};
  COMBINATIONS.forEach((combinations, i) => (counts[`total:${i + 3}`] = combinations * 10));
  Object.assign(counts, {
    'total:3': 12, 'total:18': 8, 'total:10': 280, 'total:11': 260,
    'strike:3': 100, 'lightning:50': 30, 'lightning:100': 8, 'lightning:1000': 2,
    'strikes:1': 1_000, 'strikes:4': 1_160, struckwin: 5, 'struckwinmult:50': 4, 'struckwinmult:1000': 1,
  });
  const panel = dicePanel(windowTallies(2_160, counts), eventHistory(10_000, { 'total:3': 300, 'total:10': 1 }), 'lightningdice', windowOf(2_160));

  it('is a valid answer with every total 3..18 and its pays', () => {
    expect(dicePanelSchema.parse(panel)).toEqual(panel);
    expect(panel.totals.map((total) => total.total)).toEqual(Array.from({ length: 16 }, (_, i) => i + 3));
    expect(panel.totals[0]).toMatchObject({ basePay: 149, maxWithLightning: 1000 });
    expect(panel.totals[15]).toMatchObject({ basePay: 149, maxWithLightning: 1000 });
    expect(panel.totals[7]).toMatchObject({ total: 10, basePay: 4, maxWithLightning: 50 });
    expect(panel.theoryNote).toBeNull();
  });

  it('compares each total with three fair dice', () => {
    const three = panel.totals[0]!;
    expect(three.rate).toMatchObject({ hits: 12, rounds: 2_160, theoretical: 1 / 216 });
    expect(three.rate.interval!.low).toBeCloseTo(0.0031808849564346213, 12);
    expect(three.rate.interval!.high).toBeCloseTo(0.009685796522100262, 12);
    expect(three.rate.deltaPp).toBeCloseTo(0.09259259259259264, 10);
    expect(panel.totals[7]!.rate.theoretical).toBe(27 / 216);
  });

  it('prices the rounds since each total', () => {
    expect(panel.totals[0]!.drought).toMatchObject({ roundsSince: 300, seen: true });
    expect(panel.totals[0]!.drought.chance).toBeCloseTo(0.2497053921554901, 12);
    expect(panel.totals[7]!.drought).toMatchObject({ roundsSince: 1, chance: 1, percentile: 0 });
    const eighteen = panel.totals[15]!.drought;
    expect(eighteen).toMatchObject({ roundsSince: 10_000, seen: false, last: null });
    expect(eighteen.chance! / 7.032142241006451e-21).toBeCloseTo(1, 8);
  });

  it('tests the totals together with χ²', () => {
    expect(panel.fit!.statistic).toBeCloseTo(1.5407407407407407, 10);
    expect(panel.fit!.pValue).toBeCloseTo(0.9999948795457863, 10);
    expect(panel.fit).toMatchObject({ degreesOfFreedom: 15, cells: 16 });
  });

  it('reports lightning empirically: struck totals, multipliers, strikes per round, struck wins', () => {
    const struck = panel.totals[0]!.struck;
    expect(struck).toMatchObject({ hits: 100, rounds: 2_160, theoretical: null, deltaPp: null });
    expect(struck.interval!.low).toBeCloseTo(0.038211686452755404, 12);
    expect(panel.totals[1]!.struck.hits).toBe(0);
    const lightning = panel.lightning;
    expect(lightning.theoryNote).toBe(NO_THEORY);
    expect(lightning.multipliers.entries).toEqual([
      { value: '50', count: 30, share: 0.75 },
      { value: '100', count: 8, share: 0.2 },
      { value: '1000', count: 2, share: 0.05 },
    ]);
    expect(lightning.strikesPerRound.entries.map((entry) => [entry.value, entry.count])).toEqual([['1', 1_000], ['4', 1_160]]);
    expect(lightning.struckWins).toMatchObject({ hits: 5, rounds: 2_160, theoretical: null });
    expect(lightning.struckWins.interval!.high).toBeCloseTo(0.00540756324748348, 12);
    expect(lightning.struckWinMultipliers.entries.map((entry) => [entry.value, entry.share])).toEqual([['50', 0.8], ['1000', 0.2]]);
  });

  it('a game without a dice law gets no theory and no χ²', () => {
    const other = dicePanel(windowTallies(3, { 'total:7': 3 }), eventHistory(3, { 'total:7': 1 }), 'super-dice', windowOf(3));
    dicePanelSchema.parse(other);
    expect(other).toMatchObject({ fit: null, theoryNote: NO_THEORY });
    expect(other.totals[4]).toMatchObject({ basePay: null, rate: { hits: 3, theoretical: null }, drought: { chance: null } });
  });

  it('20,000 sandbox rounds sit inside their intervals for the totals and pass χ²', () => {
    const { tallies, history } = sandboxStats('lightningdice', 'panel-fit', 20_000);
    const sampled = dicePanelSchema.parse(dicePanel(tallies, history, 'lightningdice', windowOf(20_000)));
    const inside = sampled.totals.filter(({ rate }) => rate.interval!.low <= rate.theoretical! && rate.theoretical! <= rate.interval!.high);
    expect(inside.length / 16).toBeGreaterThanOrEqual(0.9);
    expect(sampled.fit!.pValue, `χ² ${sampled.fit!.statistic.toFixed(1)}`).toBeGreaterThan(0.001);
    // The sandbox strikes 1-4 totals uniformly: 2.5 of 16 per round.
    expect(sampled.lightning.strikesPerRound.entries.map((entry) => entry.value)).toEqual(['1', '2', '3', '4']);
    const strikes = sampled.lightning.strikesPerRound.entries.reduce((sum, entry) => sum + Number(entry.value) * entry.count, 0);
    expect(sampled.totals.reduce((sum, { struck }) => sum + struck.hits, 0)).toBe(strikes);
    expect(sampled.lightning.multipliers.total).toBe(strikes);
    expect(sampled.lightning.struckWins.observed).toBeCloseTo(2.5 / 16, 1);
  });
});
