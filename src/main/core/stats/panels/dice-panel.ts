import { diceLaw } from '../../../../shared/game-law/dice-law';
import { NO_THEORY, type WindowInfo } from '../../../../shared/stats/common';
import type { DicePanel, DiceTotalView } from '../../../../shared/stats/dice';
import type { EventHistory, WindowTallies } from '../round-facts-types';
import { distributionOf, droughtOf, fitOf, rateOf } from './figures';

// The Lightning Dice panel from the window's `total:`, `strike:`, `lightning:`, `strikes:` and
// `struckwin` tallies. Theory is the 3d6 law alone; lightning figures are empirical.

const LOWEST = 3;
const HIGHEST = 18;

export function dicePanel(tallies: WindowTallies, history: EventHistory, slug: string, window: WindowInfo): DicePanel {
  const law = diceLaw(slug);
  const rounds = tallies.rounds;
  const totals = Array.from({ length: HIGHEST - LOWEST + 1 }, (_, i): DiceTotalView => {
    const total = LOWEST + i;
    const row = law?.totals.find((entry) => entry.total === total) ?? null;
    const p = row === null || law === null ? null : row.combinations / law.outcomes;
    return {
      total,
      rate: rateOf(tallies.get(`total:${total}`), rounds, p),
      drought: droughtOf(history, `total:${total}`, p),
      basePay: row?.basePay ?? null,
      maxWithLightning: row?.maxWithLightning ?? null,
      struck: rateOf(tallies.get(`strike:${total}`), rounds, null),
    };
  });
  return {
    game: slug,
    window,
    totals,
    fit:
      law === null
        ? null
        : fitOf(law.totals.map((row) => ({ observed: tallies.get(`total:${row.total}`), p: row.combinations / law.outcomes }))),
    theoryNote: law === null ? NO_THEORY : null,
    lightning: {
      multipliers: distributionOf(tallies, 'lightning:'),
      strikesPerRound: distributionOf(tallies, 'strikes:'),
      struckWins: rateOf(tallies.get('struckwin'), rounds, null),
      struckWinMultipliers: distributionOf(tallies, 'struckwinmult:'),
      theoryNote: NO_THEORY,
    },
  };
}
