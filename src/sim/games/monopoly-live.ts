import { gameInfo } from '../../shared/games';
import { weightedTable, type SeededDice } from '../round-hash';
import { defineGame, type RoundPlay } from './game';
import { playRolls } from './monopoly-board';
import { playCrowd, segmentWheel, showRoundId } from './show';

// MONOPOLY Live, game-math.md §2: 54 equally likely segments, 1 (22), 2 (15), 5 (7), 10 (4),
// Chance (2), 2 Rolls (3), 4 Rolls (1). Numbers pay n:1; the row's multiplier is n for a number,
// the bonus prize for 2/4 Rolls, and for Chance its cash prize or multiplier × the re-spun number.

interface Spot {
  readonly code: string;
  readonly value: number | null;
  readonly segments: number;
  /** UNVERIFIED: the share of players holding the winning bet. */
  readonly playerShare: number;
}

const SPOTS: readonly Spot[] = [
  { code: 'n1', value: 1, segments: 22, playerShare: 0.5 },
  { code: 'n2', value: 2, segments: 15, playerShare: 0.4 },
  { code: 'n5', value: 5, segments: 7, playerShare: 0.3 },
  { code: 'n10', value: 10, segments: 4, playerShare: 0.3 },
  { code: 'chance', value: null, segments: 2, playerShare: 0.6 },
  { code: '2rolls', value: null, segments: 3, playerShare: 0.3 },
  { code: '4rolls', value: null, segments: 1, playerShare: 0.3 },
];
const WHEEL = segmentWheel(SPOTS);
const NUMBERS = segmentWheel(SPOTS.filter((spot) => spot.value !== null));

// UNVERIFIED: Chance is a cash prize or a multiplier for the re-spin; split and values assumed.
const CHANCE_CASH = weightedTable([[5, 30], [10, 25], [15, 15], [20, 12], [25, 8], [50, 6], [100, 4]]);
const CHANCE_MULTIPLIER = weightedTable([[2, 45], [3, 30], [4, 15], [5, 10]]);

interface Outcome {
  readonly prize: number;
  readonly json: string;
}

function playChance(dice: SeededDice): Outcome {
  if (dice.below(2) === 0) {
    const cash = dice.draw(CHANCE_CASH);
    return { prize: cash, json: `{"chance":"cash","prize":${cash}}` };
  }
  const multiplier = dice.draw(CHANCE_MULTIPLIER);
  const respin = dice.pick(NUMBERS);
  const prize = multiplier * (respin.value as number);
  return { prize, json: `{"chance":"multiplier","multiplier":${multiplier},"respin":"${respin.code}","prize":${prize}}` };
}

interface MonopolyPlay extends RoundPlay {
  readonly spot: Spot;
  readonly totalPayout: number;
  readonly totalWinners: number;
  readonly bonusJson: string;
}

export const monopolyLive = defineGame<MonopolyPlay>({
  info: { ...gameInfo('monopolylive'), indexBase: 52_871_004_215_000_000n, runningState: 'spinning' },

  play(hashHex, dice) {
    const spot = dice.pick(WHEEL);
    let bonus: Outcome | null = null;
    if (spot.code === 'chance') bonus = playChance(dice);
    else if (spot.code === '2rolls') bonus = playRolls(dice, 2);
    else if (spot.code === '4rolls') bonus = playRolls(dice, 4);
    const payout = spot.value ?? (bonus as Outcome).prize;
    const crowd = playCrowd(dice, spot.playerShare, payout + 1);
    // Rolls bonuses run 30-90 s on the board; a Chance card ~10 s.
    const bonusMs = bonus === null ? 0 : spot.code === 'chance' ? 10_000 : dice.between(30_000, 90_000);
    return {
      roundId: showRoundId(hashHex),
      multiplierTenThousandths: payout * 10_000,
      randomNumber: spot.value,
      cadenceMs: dice.between(40_000, 55_000) + bonusMs,
      observedDelayMicros: dice.between(500_000, 3_000_000),
      spot,
      totalPayout: crowd.totalPayout,
      totalWinners: crowd.totalWinners,
      bonusJson: bonus === null ? 'null' : bonus.json,
    };
  },

  rawJson(play) {
    const result = play.spot.value === null ? `"${play.spot.code}"` : String(play.spot.value);
    return (
      `{"result":${result},"source":"tracksino","segment":"${play.spot.code}",` +
      `"total_payout":${play.totalPayout},"total_winners":${play.totalWinners},"bonus_data":${play.bonusJson}}`
    );
  },
});
