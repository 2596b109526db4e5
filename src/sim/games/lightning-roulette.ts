import { gameInfo } from '../../shared/games';
import { weightedTable } from '../round-hash';
import { defineGame, type RoundPlay } from './game';
import { drawDistinct, playCrowd, showRoundId } from './show';

// Lightning Roulette, game-math.md §3: 37 pockets (0-36), each 1/37. Each round 1-5 lucky numbers
// get a multiplier from {50, 100, 200, 300, 400, 500}×, paid at odds of N to 1.
// UNVERIFIED assumptions (not published): the count of lucky numbers is uniform over 1-5 and the
// multiplier weights are those below. The row's multiplier is 30 for a plain number (29:1 plus
// the stake) and the lucky number's N when the winning number was struck (the N of "N to 1", as
// trackers show it; the stake is not added). random_number is the winning number.

const POCKETS = 37;
const LUCKY_MULTIPLIERS = weightedTable([[50, 40], [100, 25], [200, 15], [300, 10], [400, 6], [500, 4]]);
const RED = new Set([1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36]);

interface RoulettePlay extends RoundPlay {
  readonly number: number;
  readonly luckyJson: string;
  readonly isLucky: boolean;
  readonly totalPayout: number;
  readonly totalWinners: number;
}

export const lightningRoulette = defineGame<RoulettePlay>({
  info: { ...gameInfo('lightningroulette'), indexBase: 49_675_230_118_000_000n, runningState: 'spinning' },

  play(hashHex, dice) {
    const lucky = drawDistinct(dice, POCKETS, dice.between(1, 5)).map((number) => [number, dice.draw(LUCKY_MULTIPLIERS)] as const);
    const number = dice.below(POCKETS);
    const hit = lucky.find(([luckyNumber]) => luckyNumber === number);
    const payout = hit === undefined ? 30 : hit[1];
    const crowd = playCrowd(dice, 0.06, hit === undefined ? 30 : hit[1] + 1);
    return {
      roundId: showRoundId(hashHex),
      multiplierTenThousandths: payout * 10_000,
      randomNumber: number,
      cadenceMs: dice.between(45_000, 60_000),
      observedDelayMicros: dice.between(500_000, 3_000_000),
      number,
      luckyJson: `[${lucky.map(([n, m]) => `{"number":${n},"multiplier":${m}}`).join(',')}]`,
      isLucky: hit !== undefined,
      totalPayout: crowd.totalPayout,
      totalWinners: crowd.totalWinners,
    };
  },

  rawJson(play) {
    const color = play.number === 0 ? 'green' : RED.has(play.number) ? 'red' : 'black';
    return (
      `{"result":${play.number},"source":"tracksino","color":"${color}","lucky_numbers":${play.luckyJson},` +
      `"is_lucky":${play.isLucky},"total_payout":${play.totalPayout},"total_winners":${play.totalWinners}}`
    );
  },
});
