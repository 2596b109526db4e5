import { describe, expect, it } from 'vitest';
import { keysOf, sample } from './sample';

// Wheel-show rows: the raw shapes of the seed examples and each show's bonus payloads.

describe('wheel rows', () => {
  it('Crazy Time A has the Crazy Time row shape with its own rounds', () => {
    const [a] = sample('crazytimea', 'shape', 1);
    const [ct] = sample('crazytime', 'shape', 1);
    expect(keysOf(a!.raw)).toEqual(['result', 'source', 'segment', 'slot_result', 'slot_multiplier', 'total_payout', 'total_winners', 'is_top_slot_matched', 'bonus_data']);
    expect(a!.record.roundId).not.toBe(ct!.record.roundId);
  });

  it('Lightning Storm rows follow the seed: outcome, segment, multiplier_text/low/high, wheel_result, millisecond times', () => {
    const rounds = sample('lightningstorm', 'shape', 300);
    for (const { row, raw, record } of rounds) {
      expect(keysOf(raw)).toEqual(['outcome', 'segment', 'source', 'multiplier_text', 'multiplier_low', 'multiplier_high', 'wheel_result', 'totalWinners', 'bettorsCount']);
      expect(row.finalized_at).toMatch(/T\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(row.finalized_at as string)).toBe(record.finalizedAtMs);
      const wheel = raw.wheel_result as { wheelSector: { type: string }; maxMultiplier: number };
      expect(wheel.wheelSector.type).toBe(raw.outcome);
      expect(wheel.maxMultiplier).toBe(Number(row.multiplier));
      expect(raw.multiplier_text).toBe(`${Number(row.multiplier)}x`);
      expect(Number(raw.multiplier_low)).toBeLessThanOrEqual(Number(row.multiplier));
      expect(Number(raw.multiplier_high)).toBeGreaterThanOrEqual(Number(row.multiplier));
      if (raw.segment === 'leaf') {
        expect(raw).toMatchObject({ outcome: 'EvoLeaf', multiplier_text: '1x', multiplier_low: '1.00', multiplier_high: '1.00' });
        expect(row.multiplier).toBe('1.0000');
      }
    }
  });

  it('Dream Catcher records every spin: a 2×/7× spin carries its multiplier to the next number', () => {
    const rounds = sample('dreamcatcher', 'stack', 4_000);
    let carried = 1;
    let stacked = 0;
    for (const { raw, row } of rounds) {
      const segment = raw.segment as string;
      if (segment === 'x2' || segment === 'x7') {
        carried *= segment === 'x2' ? 2 : 7;
        expect(raw.pending_multiplier).toBe(carried);
        expect(row.random_number).toBeNull();
        stacked += 1;
      } else {
        const value = Number(segment.slice(1));
        expect(raw.pending_multiplier).toBe(carried);
        expect(Number(row.multiplier)).toBe(value * carried);
        carried = 1;
      }
    }
    expect(stacked).toBeGreaterThan(80);
  });

  it('Ice Fishing reports result codes 1/2 for leaves and 100/200/300 for bonuses', () => {
    const codes: Record<string, number> = { leaf1: 1, leaf2: 2, lilblues: 100, bigoranges: 200, hugereds: 300 };
    for (const { raw, row } of sample('icefishing', 'codes', 1_000)) {
      expect(raw.result).toBe(codes[raw.segment as string]);
      expect(row.random_number).toBe(raw.result);
      if ((raw.result as number) >= 100) expect(raw.bonus_data).not.toBeNull();
    }
  });

  it('Monopoly Live bonuses carry rolls (2/4 Rolls at least that many) or a Chance card', () => {
    for (const { raw, row } of sample('monopolylive', 'bonus', 1_500)) {
      const bonus = raw.bonus_data as { min_rolls?: number; rolls?: unknown[]; total?: number; prize?: number } | null;
      if (raw.segment === '2rolls' || raw.segment === '4rolls') {
        expect(bonus!.rolls!.length).toBeGreaterThanOrEqual(raw.segment === '2rolls' ? 2 : 4);
        expect(Number(row.multiplier)).toBe(bonus!.total);
      } else if (raw.segment === 'chance') {
        expect(Number(row.multiplier)).toBe(bonus!.prize);
      } else {
        expect(bonus).toBeNull();
        expect(Number(row.multiplier)).toBe(Number((raw.segment as string).slice(1)));
      }
    }
  });
});
