import { describe, expect, it } from 'vitest';
import { expectDeterministic, expectFits, meanCadenceSeconds, sample } from './sample';

// Wheel shows (game-math.md §2 and §4): every segment equally likely, so each outcome lands with
// probability count/total; χ² over the outcomes, and the raw shape of the seed examples.

const SPINS = 12_000;

/** [raw.segment, physical segments] per game. */
const WHEELS: Record<string, [string, number][]> = {
  crazytime: [['n1', 21], ['n2', 13], ['n5', 7], ['n10', 4], ['coinflip', 4], ['cashhunt', 2], ['pachinko', 2], ['crazytime', 1]],
  crazytimea: [['n1', 21], ['n2', 13], ['n5', 7], ['n10', 4], ['coinflip', 4], ['cashhunt', 2], ['pachinko', 2], ['crazytime', 1]],
  monopolylive: [['n1', 22], ['n2', 15], ['n5', 7], ['n10', 4], ['chance', 2], ['2rolls', 3], ['4rolls', 1]],
  dreamcatcher: [['n1', 23], ['n2', 15], ['n5', 7], ['n10', 4], ['n20', 2], ['n40', 1], ['x2', 1], ['x7', 1]],
  icefishing: [['leaf1', 23], ['leaf2', 23], ['lilblues', 4], ['bigoranges', 2], ['hugereds', 1]],
  lightningstorm: [['leaf', 19], ...Array.from({ length: 20 }, (_, i): [string, number] => [`n${i + 1}`, 1])],
};

describe.each(Object.keys(WHEELS))('%s', (slug) => {
  const table = WHEELS[slug] as [string, number][];
  const total = table.reduce((sum, [, count]) => sum + count, 0);

  it(`lands on each segment with probability count/${total} (χ², p > 1e-4)`, () => {
    const rounds = sample(slug, `wheel-${slug}`, SPINS);
    const position = new Map(table.map(([segment], i) => [segment, i]));
    const counts = table.map(() => 0);
    for (const { raw } of rounds) {
      const i = position.get(raw.segment as string);
      expect(i, `segment ${String(raw.segment)}`).toBeDefined();
      counts[i as number] = (counts[i as number] as number) + 1;
    }
    expectFits(counts, table.map(([, count]) => count / total));
    // A spin every ~40-60 s, bonus rounds longer (Dream Catcher's re-spins shorter).
    expect(meanCadenceSeconds(rounds)).toBeGreaterThan(38);
    expect(meanCadenceSeconds(rounds)).toBeLessThan(75);
  });

  it('replays the same rounds from the same seed', () => expectDeterministic(slug));
});

