import { gameInfo } from '../../shared/games';
import { weightedTable, type WeightedTable } from '../round-hash';
import { defineGame, type RoundPlay } from './game';
import { drawDistinct, playCrowd, showRoundId } from './show';

// Lightning Dice, game-math.md §3: the sum of three fair dice (3..18, 216 combinations). A total
// pays its base pay unless lightning struck it, then its lightning multiplier.
// UNVERIFIED assumptions: 1-4 struck totals per round (uniform count, distinct totals uniform
// over 3..18); a struck total's multiplier from the weighted values below, capped at the table's
// "max with lightning", and always above the base return. The row's multiplier is what the winning total returns per unit staked:
// base pay + 1 (e.g. 5:1 → 6), or the lightning multiplier when the total was struck.
// random_number is the total.

/** Base pay (to 1) and lightning multipliers by total; symmetric about 10.5. */
const BASE_PAY: Record<number, number> = { 3: 149, 4: 49, 5: 24, 6: 14, 7: 9, 8: 6, 9: 5, 10: 4 };
const LIGHTNING: Record<number, WeightedTable> = {
  3: weightedTable([[200, 30], [250, 25], [300, 20], [500, 15], [1000, 10]]),
  4: weightedTable([[75, 30], [100, 25], [150, 20], [250, 15], [500, 10]]),
  5: weightedTable([[50, 30], [75, 25], [100, 20], [150, 15], [250, 10]]),
  6: weightedTable([[20, 30], [30, 25], [50, 25], [100, 20]]),
  7: weightedTable([[15, 30], [20, 25], [50, 25], [100, 20]]),
  8: weightedTable([[10, 30], [15, 25], [25, 25], [50, 20]]),
  9: weightedTable([[10, 30], [15, 25], [25, 25], [50, 20]]),
  10: weightedTable([[10, 30], [15, 25], [25, 25], [50, 20]]),
};

/** Totals 3..18 folded onto 3..10, where the tables are. */
function mirror(total: number): number {
  return total > 10 ? 21 - total : total;
}

export function basePay(total: number): number {
  return BASE_PAY[mirror(total)] as number;
}

interface DicePlay extends RoundPlay {
  readonly dice: readonly [number, number, number];
  readonly total: number;
  readonly lightningJson: string;
  readonly struck: boolean;
  readonly totalPayout: number;
  readonly totalWinners: number;
}

export const lightningDice = defineGame<DicePlay>({
  info: { ...gameInfo('lightningdice'), indexBase: 44_018_352_960_000_000n, runningState: 'rolling' },

  play(hashHex, dice) {
    const struckTotals = drawDistinct(dice, 16, dice.between(1, 4)).map((i) => i + 3);
    const strikes = struckTotals.map((total) => [total, dice.draw(LIGHTNING[mirror(total)] as WeightedTable)] as const);
    const faces = [dice.between(1, 6), dice.between(1, 6), dice.between(1, 6)] as const;
    const total = faces[0] + faces[1] + faces[2];
    const strike = strikes.find(([struck]) => struck === total);
    const payout = strike === undefined ? basePay(total) + 1 : strike[1];
    const crowd = playCrowd(dice, 0.08, payout);
    return {
      roundId: showRoundId(hashHex),
      multiplierTenThousandths: payout * 10_000,
      randomNumber: total,
      cadenceMs: dice.between(30_000, 45_000),
      observedDelayMicros: dice.between(500_000, 3_000_000),
      dice: faces,
      total,
      lightningJson: `[${strikes.map(([struck, multiplier]) => `{"total":${struck},"multiplier":${multiplier}}`).join(',')}]`,
      struck: strike !== undefined,
      totalPayout: crowd.totalPayout,
      totalWinners: crowd.totalWinners,
    };
  },

  rawJson(play) {
    return (
      `{"result":${play.total},"source":"tracksino","dice":[${play.dice.join(',')}],"total":${play.total},` +
      `"lightning":${play.lightningJson},"is_lightning":${play.struck},` +
      `"total_payout":${play.totalPayout},"total_winners":${play.totalWinners}}`
    );
  },
});
