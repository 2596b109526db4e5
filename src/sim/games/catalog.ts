import { canonicalSlug } from '../../shared/games';
import { crazyTime, crazyTimeA } from './crazytime';
import { monopolyBigBaller } from './big-baller';
import { dreamCatcher } from './dream-catcher';
import { duelCrash } from './duel-crash';
import type { Game } from './game';
import { iceFishing } from './ice-fishing';
import { lightningDice } from './lightning-dice';
import { lightningRoulette } from './lightning-roulette';
import { lightningStorm } from './lightning-storm';
import { monopolyLive } from './monopoly-live';
import { roobetCrash } from './roobet-crash';
import { roobetSlide } from './roobet-slide';
import { shuffleCrash } from './shuffle-crash';
import { stakeCrash } from './stake-crash';
import { stakeSlide } from './stake-slide';

// The games this sandbox can run. Adding one is a module in this folder plus a line here.
const GAMES: readonly Game[] = [
  stakeCrash,
  duelCrash,
  shuffleCrash,
  roobetCrash,
  stakeSlide,
  roobetSlide,
  crazyTime,
  crazyTimeA,
  monopolyLive,
  monopolyBigBaller,
  dreamCatcher,
  lightningStorm,
  iceFishing,
  lightningDice,
  lightningRoulette,
];

export const DEFAULT_SIM_GAMES: readonly string[] = ['stake-crash', 'crazytime'];

export function findGame(slug: string): Game | undefined {
  const canonical = canonicalSlug(slug);
  return GAMES.find((game) => game.info.slug === canonical);
}

export function simulatedSlugs(): string[] {
  return GAMES.map((game) => game.info.slug);
}
