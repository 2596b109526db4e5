import { gameInfo } from '../../shared/games';
import { defineGame, type RoundPlay } from './game';
import { playCrowd, segmentWheel, showRoundId } from './show';

// Dream Catcher, game-math.md §2: 54 equally likely segments, 1 (23), 2 (15), 5 (7), 10 (4),
// 20 (2), 40 (1), 2× (1), 7× (1). A 2×/7× spin pays nothing itself: the wheel re-spins and the
// multipliers stack onto the next number.
// Data model (game-math asks to check; decided here): one row per spin, 2×/7× spins included.
// A number row's multiplier is n × the pending multipliers (raw.pending_multiplier); a 2×/7× row
// shows its own multiplier (2 or 7), random_number null, and raw.pending_multiplier the product
// the next spin carries.

interface Spot {
  readonly code: string;
  readonly value: number | null;
  /** For the 2×/7× segments. */
  readonly multiplier: number;
  readonly segments: number;
  /** UNVERIFIED: the share of players holding the winning bet. */
  readonly playerShare: number;
}

const SPOTS: readonly Spot[] = [
  { code: 'n1', value: 1, multiplier: 1, segments: 23, playerShare: 0.5 },
  { code: 'n2', value: 2, multiplier: 1, segments: 15, playerShare: 0.4 },
  { code: 'n5', value: 5, multiplier: 1, segments: 7, playerShare: 0.3 },
  { code: 'n10', value: 10, multiplier: 1, segments: 4, playerShare: 0.3 },
  { code: 'n20', value: 20, multiplier: 1, segments: 2, playerShare: 0.2 },
  { code: 'n40', value: 40, multiplier: 1, segments: 1, playerShare: 0.2 },
  { code: 'x2', value: null, multiplier: 2, segments: 1, playerShare: 0 },
  { code: 'x7', value: null, multiplier: 7, segments: 1, playerShare: 0 },
];
const WHEEL = segmentWheel(SPOTS);

interface DreamPlay extends RoundPlay {
  readonly spot: Spot;
  /** The stacked multiplier this spin's number is paid with (number spins) or passes on (2×/7×). */
  readonly pendingMultiplier: number;
  readonly totalPayout: number;
  readonly totalWinners: number;
}

export const dreamCatcher = defineGame<DreamPlay>({
  info: { ...gameInfo('dreamcatcher'), indexBase: 39_552_160_487_000_000n, runningState: 'spinning' },

  play(hashHex, dice, previous) {
    const spot = dice.pick(WHEEL);
    // Multipliers carried over from the spins just before, when they were 2×/7×.
    const carried = previous !== null && previous.spot.value === null ? previous.pendingMultiplier : 1;
    const pendingMultiplier = carried * spot.multiplier;
    const payout = spot.value === null ? spot.multiplier : spot.value * pendingMultiplier;
    const crowd = playCrowd(dice, spot.playerShare, spot.value === null ? 0 : payout + 1);
    return {
      roundId: showRoundId(hashHex),
      multiplierTenThousandths: payout * 10_000,
      randomNumber: spot.value,
      // A re-spin after 2×/7× skips the betting phase.
      cadenceMs: carried > 1 ? dice.between(12_000, 20_000) : dice.between(35_000, 50_000),
      observedDelayMicros: dice.between(500_000, 3_000_000),
      spot,
      pendingMultiplier,
      totalPayout: crowd.totalPayout,
      totalWinners: crowd.totalWinners,
    };
  },

  rawJson(play) {
    const result = play.spot.value === null ? `"${play.spot.code}"` : String(play.spot.value);
    return (
      `{"result":${result},"source":"tracksino","segment":"${play.spot.code}",` +
      `"pending_multiplier":${play.pendingMultiplier},"total_payout":${play.totalPayout},` +
      `"total_winners":${play.totalWinners},"bonus_data":null}`
    );
  },
});
