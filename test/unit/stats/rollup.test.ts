import { describe, expect, it } from 'vitest';
import { decodeRollup, encodeRollup } from '../../../src/main/core/stats/rollup/rollup-codec';
import { QuantileSketch } from '../../../src/main/core/stats/rollup/quantile-sketch';
import { Rollup, TOP_ROUNDS, type RolledRound } from '../../../src/main/core/stats/rollup/rollup';
import { NO_FACTS } from '../../../src/main/core/stats/round-facts-types';
import { STREAK_THRESHOLDS } from '../../../src/shared/stats/thresholds';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function rounds(count: number, seed: number): RolledRound[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, n) => ({
    id: n + 1,
    us: 1_000_000 * (n + 1),
    units: Math.max(10_000, Math.floor(9_900 / (1 - random())) * 1),
    facts: { ...NO_FACTS, events: n % 7 === 0 ? ['seg:x'] : [] },
  }));
}

function rollupOf(list: readonly RolledRound[]): Rollup {
  const rollup = new Rollup();
  for (const round of list) rollup.add(round);
  return rollup;
}

describe('a rollup', () => {
  it('of two adjacent runs joined equals the rollup of all their rounds, runs below thresholds included', () => {
    const all = rounds(2_000, 5);
    for (const cut of [0, 1, 17, 999, 1_999, 2_000]) {
      const joined = rollupOf(all.slice(0, cut));
      joined.append(rollupOf(all.slice(cut)));
      expect(encodeRollup(joined), `cut at ${cut}`).toBe(encodeRollup(rollupOf(all)));
    }
  });

  it('keeps the earliest of equally long runs below a threshold, and where it began', () => {
    // 1.00× ×3, 5×, 1.00× ×3, 5×: two runs of three below 2×.
    const units = [10_000, 10_000, 10_000, 50_000, 10_000, 10_000, 10_000, 50_000];
    const list = units.map((u, n) => ({ id: n + 1, us: n + 1, units: u, facts: NO_FACTS }));
    const slot = STREAK_THRESHOLDS.indexOf(2);
    for (let cut = 0; cut <= list.length; cut++) {
      const joined = rollupOf(list.slice(0, cut));
      joined.append(rollupOf(list.slice(cut)));
      expect(joined.runs[slot]).toMatchObject({ best: 3, bestStart: { id: 1 }, head: 3, tail: 0 });
    }
  });

  it('keeps the biggest rounds, of equal ones the newest first', () => {
    // Capped at 50×: ~60 rounds tie for the top, so the order among equals decides the list.
    const list = rounds(3_000, 11).map((round) => ({ ...round, units: Math.min(round.units, 500_000) }));
    const expected = [...list].sort((a, b) => b.units - a.units || b.us - a.us).slice(0, TOP_ROUNDS);
    expect(rollupOf(list).top.map((round) => round.id)).toEqual(expected.map((round) => round.id));
    const uncapped = rounds(3_000, 12);
    const biggest = [...uncapped].sort((a, b) => b.units - a.units || b.us - a.us).slice(0, TOP_ROUNDS);
    expect(rollupOf(uncapped).top.map((round) => round.id)).toEqual(biggest.map((round) => round.id));
  });

  it('survives its stored text unchanged', () => {
    const rollup = rollupOf(rounds(500, 9));
    expect(encodeRollup(decodeRollup(encodeRollup(rollup)))).toBe(encodeRollup(rollup));
    expect(decodeRollup(encodeRollup(rollup)).tallies.get('seg:x')).toBe(Math.ceil(500 / 7));
  });
});

describe('the quantile sketch', () => {
  it('reads every quantile within 1% of the exact value, and merges losslessly', () => {
    const random = seeded(3);
    const values = Array.from({ length: 50_000 }, () => Math.max(1, Math.floor(99 / (1 - random())) / 100));
    const left = new QuantileSketch();
    const right = new QuantileSketch();
    values.forEach((value, i) => (i % 2 === 0 ? left : right).add(value));
    left.merge(right);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = sorted[Math.floor(q * (sorted.length - 1))]!;
      expect(Math.abs(left.quantile(q)! - exact) / exact, `q ${q}`).toBeLessThanOrEqual(0.01);
    }
    expect(QuantileSketch.decode(left.encode()).encode()).toEqual(left.encode());
  });
});
