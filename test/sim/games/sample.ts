import { expect } from 'vitest';
import { generateHistory } from '../../../src/sim/games/history';
import type { SimRoundRecord } from '../../../src/sim/round-log';
import { chiSquare, P_THRESHOLD } from './chi-square';

// Seeded samples of a game's rounds, and the checks every game's tests share.

export interface SampledRound {
  readonly record: SimRoundRecord;
  readonly row: Record<string, unknown>;
  readonly raw: Record<string, unknown>;
}

/** `count` rounds of `slug` from a fixed seed, each with its row parsed (round_index kept as text). */
export function sample(slug: string, seed: string, count: number): SampledRound[] {
  return generateHistory(slug, seed, count).records.map((record) => {
    const row = JSON.parse(record.json.replace(/^\{"round_index":(\d+)/, '{"round_index":"$1"')) as Record<string, unknown>;
    return { record, row, raw: row.raw as Record<string, unknown> };
  });
}

/** Keys of an object in order, as the seed examples list them. */
export function keysOf(value: unknown): string[] {
  return Object.keys(value as object);
}

/** χ² of the observed counts against the table's probabilities must not reject at P_THRESHOLD. */
export function expectFits(observed: readonly number[], probabilities: readonly number[]): void {
  const total = probabilities.reduce((sum, p) => sum + p, 0);
  expect(total).toBeCloseTo(1, 9);
  const result = chiSquare(observed, probabilities);
  expect(result.degreesOfFreedom).toBeGreaterThan(0);
  expect(result.pValue, `χ² ${result.statistic.toFixed(1)} on ${result.degreesOfFreedom} df`).toBeGreaterThan(P_THRESHOLD);
}

/** The same seed gives identical rows; another seed gives other rounds. */
export function expectDeterministic(slug: string): void {
  const first = generateHistory(slug, 'determinism', 300).records.map((record) => record.json);
  const again = generateHistory(slug, 'determinism', 300).records.map((record) => record.json);
  const other = generateHistory(slug, 'determinism-other', 300).records.map((record) => record.json);
  expect(again).toEqual(first);
  expect(other).not.toEqual(first);
  const finishes = generateHistory(slug, 'determinism', 300).records.map((record) => record.finalizedAtMs);
  expect(finishes.every((ms, i) => Number.isInteger(ms) && (i === 0 || ms > (finishes[i - 1] as number)))).toBe(true);
}

/** Mean gap between consecutive finishes, in seconds. */
export function meanCadenceSeconds(rounds: readonly SampledRound[]): number {
  const first = rounds[0]?.record.finalizedAtMs ?? 0;
  const last = rounds.at(-1)?.record.finalizedAtMs ?? 0;
  return (last - first) / 1000 / Math.max(1, rounds.length - 1);
}
