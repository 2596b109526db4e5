import { describe, it } from 'vitest';
import { generateHistory } from '../../../src/sim/games/history';
import { expectDeterministic, expectFits } from './sample';

// Crash games (game-math.md §1): χ² over log-spaced bins of the shown multiplier with
// P(a ≤ M < b) = S(a) − S(b), the 1.00× share as its own bin, and the crash row's raw shape.

const TWO_32 = 2 ** 32;
const TWO_52 = 2 ** 52;

/** S(k) = P(shown multiplier ≥ k hundredths), exactly as each formula floors, for k > 100. */
const LAWS: Record<string, (k: number) => number> = {
  // floor(99·2^32/(int+1)) ≥ k ⟺ int + 1 ≤ 99·2^32/k
  'stake-crash': (k) => Math.floor((99 * TWO_32) / k) / TWO_32,
  'shuffle-crash': (k) => Math.floor((99 * TWO_32) / k) / TWO_32,
  'stake-slide': (k) => Math.floor((99 * TWO_32) / k) / TWO_32,
  slide: (k) => Math.floor((99 * TWO_32) / k) / TWO_32,
  // Shown to 4 decimals, rounded: ≥ k/100 ⟺ raw ≥ k/100 − 0.00005.
  'duel-crash': (k) => Math.floor((0.999 * TWO_32) / (k / 100 - 0.00005)) / TWO_32,
  // 24/25 not divisible by 25, then h ≥ (k − 100)·2^52/(k − 1).
  crash: (k) => (24 / 25) * (1 - Math.ceil(((k - 100) * TWO_52) / (k - 1)) / TWO_52),
};

const EDGES = [100, 101, 105, 110, 120, 135, 150, 175, 200, 250, 300, 400, 500, 700, 1000, 1500, 2000, 3500, 5000, 10000, 25000, 100000];

function binProbabilities(survival: (k: number) => number): number[] {
  const s = (k: number): number => (k <= 100 ? 1 : survival(k));
  return EDGES.map((edge, i) => s(edge) - (i + 1 < EDGES.length ? s(EDGES[i + 1] as number) : 0));
}

function binOf(hundredths: number): number {
  let bin = 0;
  while (bin + 1 < EDGES.length && hundredths >= (EDGES[bin + 1] as number)) bin++;
  return bin;
}

const ROUNDS = 15_000;

describe.each(Object.keys(LAWS))('%s', (slug) => {
  it('shows multipliers that fit S(x) over log-spaced bins (χ², p > 1e-4)', () => {
    const counts = EDGES.map(() => 0);
    for (const record of generateHistory(slug, `law-${slug}`, ROUNDS).records) {
      const hundredths = Math.floor(Number(record.multiplier) * 100 + 1e-6);
      counts[binOf(hundredths)] = (counts[binOf(hundredths)] as number) + 1;
    }
    expectFits(counts, binProbabilities(LAWS[slug] as (k: number) => number));
  });

  it('replays the same rounds from the same seed', () => expectDeterministic(slug));
});

