import type { SimRoundRecord } from '../round-log';
import { findGame } from './catalog';

/**
 * Generates `rounds` rounds of one game from epoch 0 at speed 1, as startSandbox's history does,
 * and times it: the figure behind the "1,000,000 rounds in ≤ 5 s" target.
 */
export function generateHistory(
  slug: string,
  seed: string,
  rounds: number,
): { ms: number; count: number; records: readonly SimRoundRecord[] } {
  const game = findGame(slug);
  if (game === undefined) throw new Error(`generateHistory: unknown game "${slug}"`);
  const started = performance.now();
  const log = game.openLog({ seed, epochMs: 0, speed: 1 });
  log.finishCount(rounds);
  return { ms: performance.now() - started, count: log.records.length, records: log.records };
}
