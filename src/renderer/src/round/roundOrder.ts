import type { RoundView } from '../../../shared/round';

/** How many rounds the page keeps per game: enough for the chart, bounded for a long session. */
export const ROUNDS_KEPT_PER_GAME = 2000;

/** One round is one (game, roundId), however many times the stream and backfills deliver it. */
export function roundKey(round: Pick<RoundView, 'game' | 'roundId'>): string {
  return `${round.game}\u0000${round.roundId}`;
}

/** Oldest first by finalisation time; `roundIndex` (exact, as BigInt) then `roundId` break ties. */
export function compareRounds(a: RoundView, b: RoundView): number {
  if (a.finalizedUs !== b.finalizedUs) return a.finalizedUs - b.finalizedUs;
  if (a.roundIndex !== null && b.roundIndex !== null && a.roundIndex !== b.roundIndex) {
    return BigInt(a.roundIndex) < BigInt(b.roundIndex) ? -1 : 1;
  }
  return a.roundId < b.roundId ? -1 : a.roundId > b.roundId ? 1 : 0;
}

/**
 * Merges newly received rounds into a list kept oldest first, dropping repeats and keeping only
 * the newest `limit`. Returns `existing` itself when nothing new arrived, so React skips a render.
 */
export function mergeRounds(
  existing: readonly RoundView[],
  incoming: readonly RoundView[],
  limit: number = ROUNDS_KEPT_PER_GAME,
): readonly RoundView[] {
  const seen = new Set(existing.map(roundKey));
  const fresh: RoundView[] = [];
  for (const round of incoming) {
    const key = roundKey(round);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(round);
  }
  if (fresh.length === 0) return existing;
  fresh.sort(compareRounds);
  const last = existing.at(-1);
  const first = fresh[0];
  // The live stream only ever appends; a full sort is needed only when a backfill reaches back.
  const merged =
    last === undefined || (first !== undefined && compareRounds(last, first) < 0)
      ? [...existing, ...fresh]
      : [...existing, ...fresh].sort(compareRounds);
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

/** Groups a batch of rounds (as `onRounds` delivers them, any games mixed) by game slug. */
export function groupRoundsByGame(rounds: readonly RoundView[]): Map<string, RoundView[]> {
  const byGame = new Map<string, RoundView[]>();
  for (const round of rounds) {
    const list = byGame.get(round.game);
    if (list === undefined) byGame.set(round.game, [round]);
    else list.push(round);
  }
  return byGame;
}

/** The newest `count` rounds, newest first, for a feed. */
export function newestFirst(rounds: readonly RoundView[], count: number): RoundView[] {
  return rounds.slice(Math.max(0, rounds.length - count)).reverse();
}
