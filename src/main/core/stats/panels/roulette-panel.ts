import { pocketChance, rouletteLaw } from '../../../../shared/game-law/roulette-law';
import { NO_THEORY, type WindowInfo } from '../../../../shared/stats/common';
import type { PocketView, RoulettePanel } from '../../../../shared/stats/roulette';
import type { EventHistory, WindowTallies } from '../round-facts-types';
import { distributionOf, droughtOf, fitOf, rateOf } from './figures';

// The Lightning Roulette panel from the window's `pocket:`, `lucky:`, `luckycount:` and
// `luckyhit` tallies. Theory is 1/37 per pocket alone; lucky-number figures are empirical.

const POCKETS = 37;
const RED = new Set([1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36]);

function colorOf(pocket: number): PocketView['color'] {
  return pocket === 0 ? 'green' : RED.has(pocket) ? 'red' : 'black';
}

export function roulettePanel(tallies: WindowTallies, history: EventHistory, slug: string, window: WindowInfo): RoulettePanel {
  const law = rouletteLaw(slug);
  const rounds = tallies.rounds;
  const pockets = Array.from({ length: POCKETS }, (_, pocket): PocketView => {
    const p = law === null ? null : pocketChance(pocket);
    return {
      pocket,
      color: colorOf(pocket),
      rate: rateOf(tallies.get(`pocket:${pocket}`), rounds, p),
      drought: droughtOf(history, `pocket:${pocket}`, p),
    };
  });
  return {
    game: slug,
    window,
    pockets,
    fit: law === null ? null : fitOf(pockets.map((view) => ({ observed: view.rate.hits, p: pocketChance(view.pocket) }))),
    theoryNote: law === null ? NO_THEORY : null,
    lucky: {
      countPerRound: distributionOf(tallies, 'luckycount:'),
      multipliers: distributionOf(tallies, 'lucky:'),
      hits: rateOf(tallies.get('luckyhit'), rounds, null),
      hitMultipliers: distributionOf(tallies, 'luckyhitmult:'),
      theoryNote: NO_THEORY,
    },
  };
}
