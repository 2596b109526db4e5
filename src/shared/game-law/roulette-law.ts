// Lightning Roulette, game-math.md §3: 37 pockets (0–36) of European roulette, each 1/37. A
// straight-up win pays 29:1, or N to 1 when the number is a lucky number with multiplier N.
// NOT PUBLISHED (game-math.md §3), and so absent: how many lucky numbers a round has (the rules
// say 1–5, with no distribution) and the weights of the lucky multipliers. The app must estimate
// both from observed rounds and say so; `luckyMultiplierWeights` is null to force that.

export interface RouletteLaw {
  readonly pockets: number;
  /** Straight-up pay, to 1, on a number that is not lucky this round. */
  readonly straightUpPay: number;
  /** The multipliers a lucky number can carry, ascending; their weights are not published. */
  readonly luckyMultipliers: readonly number[];
  readonly luckyMultiplierWeights: null;
  /** The range of lucky numbers per round; the distribution over it is not published. */
  readonly luckyNumbersPerRound: { readonly min: number; readonly max: number };
  /** Stated return to player [S45]: straight-up bets, and every other bet. */
  readonly statedRtp: { readonly straightUp: number; readonly otherBets: number };
}

const LIGHTNING_ROULETTE: RouletteLaw = {
  pockets: 37,
  straightUpPay: 29,
  luckyMultipliers: [50, 100, 200, 300, 400, 500],
  luckyMultiplierWeights: null,
  luckyNumbersPerRound: { min: 1, max: 5 },
  statedRtp: { straightUp: 0.971, otherBets: 0.973 },
};

/** The game's roulette law, or null for a game that is not Lightning Roulette. */
export function rouletteLaw(slug: string): RouletteLaw | null {
  return slug === 'lightningroulette' ? LIGHTNING_ROULETTE : null;
}

/** P(the ball lands in `pocket`): 1/37 for 0..36, 0 otherwise. */
export function pocketChance(pocket: number): number {
  return Number.isInteger(pocket) && pocket >= 0 && pocket < LIGHTNING_ROULETTE.pockets ? 1 / LIGHTNING_ROULETTE.pockets : 0;
}
