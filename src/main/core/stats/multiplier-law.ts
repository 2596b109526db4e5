import { crashLaw, fairLaw, type CrashLaw } from '../../../shared/game-law/crash-law';
import { findGame, isCrashLike } from '../../../shared/games';

/**
 * The law of a game's multiplier (crash games only: game-math.md has none for the shows), or the
 * fair baseline (1 − e)/x when the user sets a house edge; null where no theory is published.
 */
export function lawOf(game: { readonly slug: string; readonly kind: string }, houseEdge: number | null): CrashLaw | null {
  if (!isCrashLike(game.kind)) return null;
  if (houseEdge !== null) return fairLaw(houseEdge);
  return crashLaw(findGame(game.slug)?.slug ?? game.slug);
}
