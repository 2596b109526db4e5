import { canonicalSlug } from '../../shared/games';
import { crazyTime } from './crazytime';
import type { Game } from './game';
import { stakeCrash } from './stake-crash';

// The games this sandbox can run. Adding one is a module in this folder plus a line here.
const GAMES: readonly Game[] = [stakeCrash, crazyTime];

export const DEFAULT_SIM_GAMES: readonly string[] = ['stake-crash', 'crazytime'];

export function findGame(slug: string): Game | undefined {
  const canonical = canonicalSlug(slug);
  return GAMES.find((game) => game.info.slug === canonical);
}

export function simulatedSlugs(): string[] {
  return GAMES.map((game) => game.info.slug);
}
