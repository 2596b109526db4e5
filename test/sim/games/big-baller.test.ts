import { describe, expect, it } from 'vitest';
import { countCells } from './chi-square';
import { expectDeterministic, expectFits, sample } from './sample';

// MONOPOLY Big Baller (game-math.md §4): 20 of 60 balls a round; 3 Rolls when its 3 numbers are
// all drawn, 5 Rolls when its 4 are (assumption documented in the game module).

/** P(m given balls are all among the 20 drawn of 60) = Π (20 − i)/(60 − i). */
function allDrawn(m: number): number {
  let p = 1;
  for (let i = 0; i < m; i++) p *= (20 - i) / (60 - i);
  return p;
}

describe('monopolybigballer', () => {
  const rounds = sample('monopolybigballer', 'balls', 12_000);

  it('draws 20 distinct balls of 60, each ball equally often (χ², p > 1e-4)', () => {
    for (const { raw } of rounds.slice(0, 500)) {
      const balls = raw.balls as number[];
      expect(balls).toHaveLength(20);
      expect(new Set(balls).size).toBe(20);
    }
    const balls = Array.from({ length: 60 }, (_, i) => i + 1);
    expectFits(countCells(rounds.flatMap(({ raw }) => raw.balls as number[]), balls), Array(60).fill(1 / 60));
  });

  it('triggers 5 Rolls and 3 Rolls at their derived rates (χ², p > 1e-4)', () => {
    const five = allDrawn(4);
    // 3 Rolls is played when its 3 are drawn and 5 Rolls is not (the spots are disjoint).
    const three = allDrawn(3) * (1 - (() => {
      // P(4 more given balls all drawn | 3 already drawn): 17 places left among 57.
      let p = 1;
      for (let i = 0; i < 4; i++) p *= (17 - i) / (57 - i);
      return p;
    })());
    const counts = countCells(rounds.map(({ raw }) => raw.segment as string), ['none', '3rolls', '5rolls']);
    expectFits(counts, [1 - five - three, three, five]);
    for (const { raw, row } of rounds) {
      const drawn = new Set(raw.balls as number[]);
      const fiveDone = (raw.five_rolls_numbers as number[]).every((n) => drawn.has(n));
      const threeDone = (raw.three_rolls_numbers as number[]).every((n) => drawn.has(n));
      expect(raw.segment).toBe(fiveDone ? '5rolls' : threeDone ? '3rolls' : 'none');
      if (raw.segment === 'none') expect(row.multiplier).toBe('1.0000');
      else expect(Number(row.multiplier)).toBe((raw.bonus_data as { total: number }).total);
    }
  });

  it('replays the same rounds from the same seed', () => expectDeterministic('monopolybigballer'));
});
