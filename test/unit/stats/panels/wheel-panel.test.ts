import { describe, expect, it } from 'vitest';
import { wheelPanel } from '../../../../src/main/core/stats/panels/wheel-panel';
import { NO_THEORY, type WindowInfo } from '../../../../src/shared/stats/common';
import { wheelPanelSchema, type WheelPanel } from '../../../../src/shared/stats/wheel';
import { eventHistory, sandboxStats, windowTallies } from './map-tallies';

// The wheel-show panel against figures computed by hand (Wilson intervals, geometric droughts and
// χ² p-values from scipy) on small fixed tallies, then against a large seeded sandbox sample.

function windowOf(rounds: number): WindowInfo {
  return { window: '24h', from: '2026-06-01T00:00:00.000000Z', through: '2026-06-01T23:59:59.999999Z', rounds };
}

function segmentOf(panel: WheelPanel, code: string) {
  const segment = panel.segments.find((entry) => entry.code === code);
  if (segment === undefined) throw new Error(`no segment ${code}`);
  return segment;
}

describe('wheel panel', () => {
  const crazyTime = wheelPanel(
    windowTallies(540, {
      'seg:n1': 220, 'seg:n2': 120, 'seg:n5': 70, 'seg:n10': 40,
      'seg:coinflip': 45, 'seg:cashhunt': 15, 'seg:pachinko': 20, 'seg:crazytime': 10,
      'segunits:n1': 2_200_000, 'segunits:cashhunt': 3_000_000,
      'slot:n1': 300, 'slot:cashhunt': 240, slothit: 60,
      'slotmult:2': 400, 'slotmult:10': 140, 'slothitmult:2': 50, 'slothitmult:10': 10,
      'bonus:cashhunt:lt10': 5, 'bonus:cashhunt:10-25': 7, 'bonus:cashhunt:100-250': 3,
    }),
    eventHistory(5_000, { 'seg:crazytime': 1, 'seg:cashhunt': 80, 'seg:n1': 3 }),
    'crazytime',
    windowOf(540),
  );

  it('is a valid answer, with the table segments in table order', () => {
    expect(wheelPanelSchema.parse(crazyTime)).toEqual(crazyTime);
    expect(crazyTime.segments.map((segment) => segment.label)).toEqual(['1', '2', '5', '10', 'Coin Flip', 'Cash Hunt', 'Pachinko', 'Crazy Time']);
    expect(crazyTime.window.rounds).toBe(540);
  });

  it('gives each segment its observed rate, Wilson interval and the table share', () => {
    const n1 = segmentOf(crazyTime, 'n1');
    expect(n1.rate).toMatchObject({ hits: 220, rounds: 540, theoretical: 21 / 54 });
    expect(n1.rate.observed).toBeCloseTo(220 / 540, 12);
    expect(n1.rate.interval!.low).toBeCloseTo(0.3667605933219491, 12);
    expect(n1.rate.interval!.high).toBeCloseTo(0.44936228885616314, 12);
    expect(n1.rate.deltaPp).toBeCloseTo(1.851851851851849, 10);
    expect(n1.theoryNote).toBeNull();
    const cashHunt = segmentOf(crazyTime, 'cashhunt');
    expect(cashHunt.rate.interval!.low).toBeCloseTo(0.016904695047520357, 12);
    expect(cashHunt.rate.interval!.high).toBeCloseTo(0.04532200406085295, 12);
    expect(cashHunt.rate.deltaPp).toBeCloseTo(-0.9259259259259258, 10);
  });

  it('averages the multiplier of a segment’s hits', () => {
    expect(segmentOf(crazyTime, 'cashhunt').meanMultiplier).toBe(20);
    expect(segmentOf(crazyTime, 'n1').meanMultiplier).toBe(1);
    expect(segmentOf(crazyTime, 'pachinko').meanMultiplier).toBe(0);
  });

  it('prices spins since the last hit by the misses after it', () => {
    const cashHunt = segmentOf(crazyTime, 'cashhunt').drought;
    expect(cashHunt).toMatchObject({ roundsSince: 80, seen: true });
    expect(cashHunt.last?.roundId).toBe('r4920');
    expect(cashHunt.chance).toBeCloseTo(0.05071741629813204, 12);
    expect(cashHunt.percentile).toBeCloseTo(0.9492825837018679, 12);
    expect(segmentOf(crazyTime, 'n1').drought.chance).toBeCloseTo(0.37345679012345684, 12);
    expect(segmentOf(crazyTime, 'crazytime').drought).toMatchObject({ roundsSince: 1, seen: true, chance: 1, percentile: 0 });
    const pachinko = segmentOf(crazyTime, 'pachinko').drought;
    expect(pachinko).toMatchObject({ roundsSince: 5_000, seen: false, last: null });
    expect(pachinko.chance! / 1.1166551138130923e-82).toBeCloseTo(1, 9);
  });

  it('tests the segments together with χ²', () => {
    expect(crazyTime.fit!.statistic).toBeCloseTo(3.1204212454212454, 10);
    expect(crazyTime.fit!.pValue).toBeCloseTo(0.8736432281191977, 8);
    expect(crazyTime.fit).toMatchObject({ degreesOfFreedom: 7, cells: 8 });
    expect(crazyTime.fitNote).toBeNull();
  });

  it('reports the Top Slot empirically: matches, spots and multipliers', () => {
    const topSlot = crazyTime.topSlot!;
    expect(topSlot.rounds).toBe(540);
    expect(topSlot.matches).toMatchObject({ hits: 60, rounds: 540, theoretical: null, deltaPp: null });
    expect(topSlot.matches.interval!.low).toBeCloseTo(0.08730279670080468, 12);
    expect(topSlot.matches.interval!.high).toBeCloseTo(0.1404133084472674, 12);
    expect(topSlot.multipliers.entries).toEqual([
      { value: '2', count: 400, share: 400 / 540 },
      { value: '10', count: 140, share: 140 / 540 },
    ]);
    expect(topSlot.matchedMultipliers.entries.map((entry) => [entry.value, entry.count])).toEqual([['2', 50], ['10', 10]]);
    expect(topSlot.spots.entries.map((entry) => entry.value)).toEqual(['cashhunt', 'n1']);
    expect(topSlot.theoryNote).toBe(NO_THEORY);
  });

  it('buckets each bonus segment’s results, empty buckets included', () => {
    expect(crazyTime.bonuses.map((bonus) => bonus.code)).toEqual(['coinflip', 'cashhunt', 'pachinko', 'crazytime']);
    const cashHunt = crazyTime.bonuses[1]!;
    expect(cashHunt).toMatchObject({ label: 'Cash Hunt', rounds: 15, theoryNote: NO_THEORY });
    expect(cashHunt.buckets.map((bucket) => [bucket.bucket, bucket.count])).toEqual([
      ['lt10', 5], ['10-25', 7], ['25-50', 0], ['50-100', 0], ['100-250', 3], ['250-500', 0], ['500-1000', 0], ['1000+', 0],
    ]);
    expect(cashHunt.buckets[4]).toEqual({ bucket: '100-250', from: 100, to: 250, count: 3, share: 0.2 });
    expect(cashHunt.buckets[7]!.to).toBeNull();
    expect(crazyTime.bonuses[0]!.buckets.every((bucket) => bucket.count === 0 && bucket.share === null)).toBe(true);
    expect(crazyTime.extras).toEqual({ stackedWins: null, distributions: [], balls: null });
  });

  it('MONOPOLY Live: a code the table lacks comes last with no theory; Chance cards are counted', () => {
    const panel = wheelPanel(
      windowTallies(10, { 'seg:n1': 6, 'seg:chance': 3, 'seg:mystery': 1, 'chance:cash': 2, 'chance:multiplier': 1 }),
      eventHistory(10, { 'seg:mystery': 4 }),
      'monopolylive',
      windowOf(10),
    );
    wheelPanelSchema.parse(panel);
    expect(panel.segments.map((segment) => segment.code)).toEqual(['n1', 'n2', 'n5', 'n10', 'chance', '2rolls', '4rolls', 'mystery']);
    const mystery = segmentOf(panel, 'mystery');
    expect(mystery).toMatchObject({ label: 'mystery', theoryNote: NO_THEORY, drought: { roundsSince: 4, seen: true, chance: null, percentile: null } });
    expect(mystery.rate).toMatchObject({ hits: 1, rounds: 10, observed: 0.1, theoretical: null, deltaPp: null });
    expect(panel.topSlot).toBeNull();
    expect(panel.bonuses.map((bonus) => bonus.label)).toEqual(['Chance', '2 Rolls', '4 Rolls']);
    expect(panel.extras.distributions).toEqual([
      {
        name: 'chance',
        label: 'Chance cards',
        distribution: { total: 3, entries: [{ value: 'cash', count: 2, share: 2 / 3 }, { value: 'multiplier', count: 1, share: 1 / 3 }], theoryNote: NO_THEORY },
      },
    ]);
  });

  it('Dream Catcher: stacked number wins against the 2×/7× share of the wheel', () => {
    const panel = wheelPanel(
      windowTallies(100, {
        'seg:n1': 40, 'seg:n2': 30, 'seg:n5': 14, 'seg:n10': 8, 'seg:n20': 3, 'seg:n40': 1, 'seg:x2': 2, 'seg:x7': 2,
        'stack:2': 2, 'stack:7': 1, 'stack:14': 1,
      }),
      eventHistory(100, {}),
      'dreamcatcher',
      windowOf(100),
    );
    const stacked = panel.extras.stackedWins!;
    expect(stacked.rate).toMatchObject({ hits: 4, rounds: 96, theoretical: 2 / 54 });
    expect(stacked.rate.interval!.low).toBeCloseTo(0.01632070753628833, 12);
    expect(stacked.rate.interval!.high).toBeCloseTo(0.10228191466658104, 12);
    expect(stacked.rate.deltaPp).toBeCloseTo(0.4629629629629629, 10);
    expect(stacked.products.entries.map((entry) => [entry.value, entry.share])).toEqual([['2', 0.5], ['7', 0.25], ['14', 0.25]]);
    expect(panel.bonuses).toEqual([]);
  });

  it('MONOPOLY Big Baller has no segment table: observed codes, no χ², balls against 1/3', () => {
    const panel = wheelPanel(
      windowTallies(300, {
        'seg:none': 280, 'seg:3rolls': 15, 'seg:5rolls': 5, 'ball:7': 110,
        'chancemult:2': 200, 'chancemult:50': 30, 'bonus:3rolls:lt10': 10, 'bonus:3rolls:10-25': 5,
      }),
      eventHistory(1_000, { 'seg:none': 1 }),
      'monopolybigballer',
      windowOf(300),
    );
    wheelPanelSchema.parse(panel);
    expect(panel.segments.map((segment) => [segment.code, segment.label, segment.theoryNote])).toEqual([
      ['3rolls', '3 Rolls', NO_THEORY], ['5rolls', '5 Rolls', NO_THEORY], ['none', 'No bonus', NO_THEORY],
    ]);
    expect(segmentOf(panel, '5rolls').drought).toEqual({ roundsSince: 1_000, seen: false, last: null, chance: null, percentile: null });
    expect(panel).toMatchObject({ fit: null, fitNote: NO_THEORY });
    const balls = panel.extras.balls!;
    expect(balls).toHaveLength(60);
    expect(balls[6]!.rate).toMatchObject({ hits: 110, rounds: 300, theoretical: 1 / 3 });
    expect(balls[6]!.rate.interval!.low).toBeCloseTo(0.3141415065082282, 12);
    expect(balls[6]!.rate.deltaPp).toBeCloseTo(3.3333333333333326, 10);
    expect(balls[7]!.rate.interval!.high).toBeCloseTo(0.012642971224546036, 12);
    expect(panel.bonuses.map((bonus) => [bonus.code, bonus.rounds])).toEqual([['3rolls', 15], ['5rolls', 0]]);
    expect(panel.extras.distributions[0]!.distribution.entries.map((entry) => entry.value)).toEqual(['2', '50']);
  });

  it('Lightning Storm groups bonus outcomes by bonus type', () => {
    const panel = wheelPanel(
      windowTallies(3, { 'seg:leaf': 1, 'seg:n4': 2, 'bonustype:hotspot': 1, 'bonustype:fireball': 1, 'bonus:hotspot:10-25': 1, 'bonus:fireball:lt10': 1, 'boost:5': 1 }),
      eventHistory(3, {}),
      'lightningstorm',
      windowOf(3),
    );
    expect(panel.bonuses.map((bonus) => [bonus.code, bonus.label, bonus.rounds])).toEqual([['fireball', 'Fireball', 1], ['hotspot', 'Hot Spot', 1]]);
    expect(panel.extras.distributions.map((entry) => [entry.name, entry.distribution.total])).toEqual([['bonustype', 2], ['boost', 1]]);
  });

  it('an empty window gives no rates and no χ², but still the droughts', () => {
    const panel = wheelPanel(windowTallies(0, {}), eventHistory(50, { 'seg:n1': 2 }), 'crazytime', windowOf(0));
    wheelPanelSchema.parse(panel);
    expect(segmentOf(panel, 'n1').rate).toEqual({ hits: 0, rounds: 0, observed: null, interval: null, theoretical: 21 / 54, deltaPp: null });
    expect(segmentOf(panel, 'n1').meanMultiplier).toBeNull();
    expect(panel.fit).toBeNull();
    expect(segmentOf(panel, 'n1').drought.chance).toBeCloseTo(33 / 54, 12);
  });

  it('20,000 sandbox spins of each tabled wheel sit inside their intervals and pass χ²', () => {
    let cells = 0;
    let inside = 0;
    for (const slug of ['crazytime', 'monopolylive', 'dreamcatcher', 'lightningstorm', 'icefishing']) {
      const { tallies, history } = sandboxStats(slug, 'panel-fit', 20_000);
      const panel = wheelPanelSchema.parse(wheelPanel(tallies, history, slug, windowOf(20_000)));
      for (const segment of panel.segments) {
        const { interval, theoretical } = segment.rate;
        expect(theoretical, `${slug} ${segment.code}`).not.toBeNull();
        cells += 1;
        if (interval!.low <= theoretical! && theoretical! <= interval!.high) inside += 1;
        expect(segment.drought.seen).toBe(true);
      }
      expect(panel.fit!.pValue, `${slug} χ² ${panel.fit!.statistic.toFixed(1)}`).toBeGreaterThan(0.001);
      if (slug === 'crazytime') {
        expect(panel.topSlot!.rounds).toBe(20_000);
        expect(panel.bonuses.every((bonus) => bonus.rounds > 0)).toBe(true);
      }
      if (slug === 'dreamcatcher') {
        const { interval, theoretical } = panel.extras.stackedWins!.rate;
        expect(interval!.low).toBeLessThanOrEqual(theoretical!);
        expect(interval!.high).toBeGreaterThanOrEqual(theoretical!);
      }
    }
    expect(inside / cells).toBeGreaterThanOrEqual(0.9);
  });
});
