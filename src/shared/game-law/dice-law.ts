// Lightning Dice, game-math.md §3: the total of three fair dice, 3..18, out of 216 combinations,
// and the base pay of each total when lightning does not strike it.
// UNVERIFIED in game-math.md §3, and so absent: how many totals lightning strikes per round
// ("1–4" or "2–3" by source) and the weights of the lightning multipliers. Only the "max with
// lightning" caps are kept, as bounds. The stated 96.21% RTP depends on those unpublished weights.

export interface DiceTotal {
  /** The sum of the three dice, 3..18. */
  readonly total: number;
  /** How many of the 216 ordered rolls give this total. */
  readonly combinations: number;
  /** What a win pays, to 1, when lightning does not strike the total (5:1 → 5). */
  readonly basePay: number;
  /** The highest total return on the total when lightning strikes it (1000 = 1000×). */
  readonly maxWithLightning: number;
}

export interface DiceLaw {
  /** Every total 3..18 in order; the combinations add up to `outcomes`. */
  readonly totals: readonly DiceTotal[];
  readonly outcomes: number;
  /** The operator's stated return to player, from help pages [S44]. */
  readonly statedRtp: number;
}

const DICE_OUTCOMES = 6 ** 3;

/** Base pay and "max with lightning" for 3..10; 11..18 mirror them (a total t pays as 21 − t). */
const PAYS: ReadonlyMap<number, readonly [basePay: number, maxWithLightning: number]> = new Map([
  [3, [149, 1000]],
  [4, [49, 500]],
  [5, [24, 250]],
  [6, [14, 100]],
  [7, [9, 100]],
  [8, [6, 50]],
  [9, [5, 50]],
  [10, [4, 50]],
]);

function combinationsOf(total: number): number {
  let count = 0;
  for (let a = 1; a <= 6; a++) for (let b = 1; b <= 6; b++) if (total - a - b >= 1 && total - a - b <= 6) count++;
  return count;
}

const LIGHTNING_DICE: DiceLaw = {
  totals: Array.from({ length: 16 }, (_, i): DiceTotal => {
    const total = i + 3;
    const [basePay, maxWithLightning] = PAYS.get(total > 10 ? 21 - total : total) as readonly [number, number];
    return { total, combinations: combinationsOf(total), basePay, maxWithLightning };
  }),
  outcomes: DICE_OUTCOMES,
  statedRtp: 0.9621,
};

/** The game's dice law, or null for a game that is not Lightning Dice. */
export function diceLaw(slug: string): DiceLaw | null {
  return slug === 'lightningdice' ? LIGHTNING_DICE : null;
}

/** P(the three dice add up to `total`); 0 outside 3..18. */
export function diceTotalChance(total: number): number {
  const row = LIGHTNING_DICE.totals.find((entry) => entry.total === total);
  return row === undefined ? 0 : row.combinations / DICE_OUTCOMES;
}

/** What a unit bet on the total returns on average when lightning never strikes (game-math's derived column). */
export function baseReturn(row: DiceTotal): number {
  return (row.combinations / DICE_OUTCOMES) * (row.basePay + 1);
}
