import { gameInfo } from '../../shared/games';
import { weightedTable } from '../round-hash';
import { defineGame, type RoundPlay } from './game';
import { playRolls, type RollsBonus } from './monopoly-board';
import { drawDistinct, playCrowd, showRoundId } from './show';

// MONOPOLY Big Baller, game-math.md §4: 60 balls, 20 drawn per round, each ball with probability
// 1/3. 3 Rolls / 5 Rolls trigger when all numbers of their spot are drawn.
// UNVERIFIED assumptions:
// * the 3 Rolls spot holds 3 numbers and the 5 Rolls spot 4 (fan site), drawn afresh each round
//   from the 60 and disjoint, so P(3 Rolls) = C(57,17)/C(60,20) = 3.33% and P(5 Rolls) = 0.99%;
//   when both complete, 5 Rolls is played;
// * 1-3 Chance multipliers per round from {2, 3, 10, 20, 50} (Global 2×/3×, Standard 10×/20×,
//   Line 20×/50×);
// * the row's multiplier is the rolls bonus prize in a bonus round and 1 otherwise (a line pays
//   the card bet); random_number is null.

const BALLS = 60;
const DRAWN = 20;
const CHANCE_MULTIPLIERS = weightedTable([[2, 30], [3, 20], [10, 25], [20, 17], [50, 8]]);

interface BigBallerPlay extends RoundPlay {
  readonly balls: readonly number[];
  readonly threeRolls: readonly number[];
  readonly fiveRolls: readonly number[];
  readonly segment: 'none' | '3rolls' | '5rolls';
  readonly chanceJson: string;
  readonly bonusJson: string;
  readonly totalPayout: number;
  readonly totalWinners: number;
}

export const monopolyBigBaller = defineGame<BigBallerPlay>({
  info: { ...gameInfo('monopolybigballer'), indexBase: 58_003_771_640_000_000n, runningState: 'spinning' },

  play(hashHex, dice) {
    const balls = drawDistinct(dice, BALLS, DRAWN).map((ball) => ball + 1);
    const spots = drawDistinct(dice, BALLS, 7).map((ball) => ball + 1);
    const threeRolls = spots.slice(0, 3);
    const fiveRolls = spots.slice(3);
    const drawn = new Set(balls);
    const segment = fiveRolls.every((n) => drawn.has(n)) ? '5rolls' : threeRolls.every((n) => drawn.has(n)) ? '3rolls' : 'none';
    const bonus: RollsBonus | null = segment === 'none' ? null : playRolls(dice, segment === '5rolls' ? 5 : 3);
    const chances = Array.from({ length: dice.between(1, 3) }, () => dice.draw(CHANCE_MULTIPLIERS));
    const payout = bonus?.prize ?? 1;
    const crowd = playCrowd(dice, bonus === null ? 0.2 : 0.3, payout + 1);
    return {
      roundId: showRoundId(hashHex),
      multiplierTenThousandths: payout * 10_000,
      randomNumber: null,
      // The draw takes ~30 s after ~15 s of betting; a rolls bonus 40-90 s more.
      cadenceMs: dice.between(40_000, 55_000) + (bonus === null ? 0 : dice.between(40_000, 90_000)),
      observedDelayMicros: dice.between(500_000, 3_000_000),
      balls,
      threeRolls,
      fiveRolls,
      segment,
      chanceJson: `[${chances.join(',')}]`,
      bonusJson: bonus === null ? 'null' : bonus.json,
      totalPayout: crowd.totalPayout,
      totalWinners: crowd.totalWinners,
    };
  },

  rawJson(play) {
    return (
      `{"result":"${play.segment}","source":"casino.org","segment":"${play.segment}",` +
      `"balls":[${play.balls.join(',')}],"three_rolls_numbers":[${play.threeRolls.join(',')}],` +
      `"five_rolls_numbers":[${play.fiveRolls.join(',')}],"chance_multipliers":${play.chanceJson},` +
      `"total_payout":${play.totalPayout},"total_winners":${play.totalWinners},"bonus_data":${play.bonusJson}}`
    );
  },
});
