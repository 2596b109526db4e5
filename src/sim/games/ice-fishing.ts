import { gameInfo } from '../../shared/games';
import { weightedTable, type SeededDice, type WeightedTable } from '../round-hash';
import { defineGame, type RoundPlay } from './game';
import { playCrowd, segmentWheel, showRoundId } from './show';

// Ice Fishing, game-math.md §4: a 53-segment wheel, Leaf 1 (23), Leaf 2 (23), Lil' Blues (4),
// Big Oranges (2), Huge Reds (1). Tracksino result codes: 1/2 = leaf white/blue, 100/200/300 =
// bonuses; UNVERIFIED mapping 100 = Lil' Blues, 200 = Big Oranges, 300 = Huge Reds.
// UNVERIFIED assumptions (RTP not found):
// * a leaf segment carries a 3×-10× multiplier 10% of the time, else pays 1:1 (multiplier 1);
// * a bonus gets a 2×-10× boost 30% of the time; its fish pays within the reported ranges
//   (Lil' Blues 3-100×, Big Oranges 4-200×, Huge Reds 10-500×), weighted low, times the boost;
// * the row's multiplier is that leaf multiplier or the boosted fish prize; random_number is the
//   result code.

interface Spot {
  readonly code: string;
  readonly result: number;
  readonly segments: number;
  /** Fish prizes, for bonuses. */
  readonly fish: WeightedTable | null;
  readonly playerShare: number;
}

const SPOTS: readonly Spot[] = [
  { code: 'leaf1', result: 1, segments: 23, fish: null, playerShare: 0.45 },
  { code: 'leaf2', result: 2, segments: 23, fish: null, playerShare: 0.45 },
  { code: 'lilblues', result: 100, segments: 4, playerShare: 0.25, fish: weightedTable([[3, 30], [5, 25], [10, 20], [20, 12], [50, 9], [100, 4]]) },
  { code: 'bigoranges', result: 200, segments: 2, playerShare: 0.2, fish: weightedTable([[4, 25], [10, 25], [20, 20], [50, 15], [100, 10], [200, 5]]) },
  { code: 'hugereds', result: 300, segments: 1, playerShare: 0.15, fish: weightedTable([[10, 25], [25, 25], [50, 20], [100, 15], [250, 10], [500, 5]]) },
];
const WHEEL = segmentWheel(SPOTS);
const LEAF_MULTIPLIERS = weightedTable([[3, 30], [4, 22], [5, 18], [7, 15], [10, 15]]);
const BONUS_BOOSTS = weightedTable([[2, 40], [3, 25], [5, 20], [10, 15]]);

interface Catch {
  readonly prize: number;
  readonly boost: number;
  readonly json: string;
}

function playFishing(dice: SeededDice, fish: WeightedTable): Catch {
  const boost = dice.below(10) < 3 ? dice.draw(BONUS_BOOSTS) : 1;
  const caught = dice.draw(fish);
  return { prize: caught * boost, boost, json: `{"boost":${boost},"fish":${caught},"total":${caught * boost}}` };
}

interface IcePlay extends RoundPlay {
  readonly spot: Spot;
  readonly segmentMultiplier: number;
  readonly bonusJson: string;
  readonly totalPayout: number;
  readonly totalWinners: number;
}

export const iceFishing = defineGame<IcePlay>({
  info: { ...gameInfo('icefishing'), indexBase: 61_227_408_552_000_000n, runningState: 'spinning' },

  play(hashHex, dice) {
    const spot = dice.pick(WHEEL);
    let payout: number;
    let segmentMultiplier = 1;
    let bonusJson = 'null';
    if (spot.fish === null) {
      segmentMultiplier = dice.below(10) === 0 ? dice.draw(LEAF_MULTIPLIERS) : 1;
      payout = segmentMultiplier;
    } else {
      const caught = playFishing(dice, spot.fish);
      segmentMultiplier = caught.boost;
      payout = caught.prize;
      bonusJson = caught.json;
    }
    const crowd = playCrowd(dice, spot.playerShare, payout + 1);
    return {
      roundId: showRoundId(hashHex),
      multiplierTenThousandths: payout * 10_000,
      randomNumber: spot.result,
      cadenceMs: dice.between(35_000, 50_000) + (spot.fish === null ? 0 : dice.between(30_000, 60_000)),
      observedDelayMicros: dice.between(500_000, 3_000_000),
      spot,
      segmentMultiplier,
      bonusJson,
      totalPayout: crowd.totalPayout,
      totalWinners: crowd.totalWinners,
    };
  },

  rawJson(play) {
    return (
      `{"result":${play.spot.result},"source":"tracksino","segment":"${play.spot.code}",` +
      `"segment_multiplier":${play.segmentMultiplier},"total_payout":${play.totalPayout},` +
      `"total_winners":${play.totalWinners},"bonus_data":${play.bonusJson}}`
    );
  },
});
