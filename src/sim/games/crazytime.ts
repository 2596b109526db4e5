import { weightedTable as table, type SeededDice } from '../round-hash';
import { gameInfo } from '../../shared/games';
import { defineGame, type Game, type GameInfo, type RoundPlay } from './game';

// Crazy Time, game-math.md §2: a 54-segment wheel, each segment equally likely.

interface Spot {
  /** raw.segment */
  readonly code: string;
  /** The number for number segments (also random_number); null for bonuses. */
  readonly value: number | null;
  /** raw.result and raw.slot_result as JSON text. */
  readonly resultJson: string;
  readonly segments: number;
  /** UNVERIFIED: the share of players holding a bet on this spot, for total_winners. */
  readonly playerShare: number;
}

function numberSpot(value: number, segments: number, playerShare: number): Spot {
  return { code: `n${value}`, value, resultJson: String(value), segments, playerShare };
}

// UNVERIFIED: raw.result for a bonus segment; the seed only shows a number segment (`"result": 2`),
// so bonuses carry their segment code.
function bonusSpot(code: string, segments: number, playerShare: number): Spot {
  return { code, value: null, resultJson: `"${code}"`, segments, playerShare };
}

const SPOTS: readonly Spot[] = [
  numberSpot(1, 21, 0.5),
  numberSpot(2, 13, 0.4),
  numberSpot(5, 7, 0.3),
  numberSpot(10, 4, 0.3),
  bonusSpot('coinflip', 4, 0.3),
  bonusSpot('cashhunt', 2, 0.25),
  bonusSpot('pachinko', 2, 0.25),
  bonusSpot('crazytime', 1, 0.3),
];

/** One entry per physical segment, so a uniform draw over 54 lands on each spot at its count/54. */
const WHEEL: readonly Spot[] = SPOTS.flatMap((spot) => Array<Spot>(spot.segments).fill(spot));

// UNVERIFIED: Evolution publishes neither the Top Slot nor the bonus payout distributions. The
// sandbox assumes: the Top Slot spot is uniform over the 8 bet spots; its multiplier and every
// bonus prize come from the small tables below, weighted towards low values.
const SLOT_MULTIPLIERS = table([[2, 30], [3, 20], [4, 15], [5, 12], [7, 8], [10, 7], [15, 4], [20, 2], [25, 1], [50, 1]]);
const COIN_SIDES = table([[2, 20], [3, 20], [4, 15], [5, 15], [6, 8], [8, 8], [10, 6], [15, 4], [20, 2], [25, 1], [50, 1]]);
const CASH_HUNT_PRIZES = table([[5, 20], [7, 15], [10, 20], [15, 12], [20, 10], [25, 8], [50, 7], [75, 3], [100, 3], [200, 1], [500, 1]]);
const PACHINKO_SLOTS = table([[5, 15], [7, 15], [10, 20], [15, 12], [20, 12], [25, 10], [50, 8], [100, 5], [150, 2], [200, 1]]);
const CRAZY_TIME_PRIZES = table([[10, 15], [15, 15], [20, 15], [25, 15], [50, 15], [75, 8], [100, 8], [150, 4], [200, 3], [500, 2]]);
const FLAPPERS = ['green', 'blue', 'yellow'] as const;

interface BonusOutcome {
  readonly prize: number;
  readonly json: string;
}

/** The bonus game's prize multiplier, before any Top Slot boost, and its bonus_data. */
function playBonus(code: string, dice: SeededDice): BonusOutcome {
  switch (code) {
    case 'coinflip': {
      const red = dice.draw(COIN_SIDES);
      const blue = dice.draw(COIN_SIDES);
      const side = dice.below(2) === 0 ? 'red' : 'blue';
      return { prize: side === 'red' ? red : blue, json: `{"red":${red},"blue":${blue},"side":"${side}"}` };
    }
    case 'cashhunt': {
      const picked = dice.draw(CASH_HUNT_PRIZES);
      return { prize: picked, json: `{"targets":108,"picked":${picked}}` };
    }
    case 'pachinko': {
      // Each DOUBLE landing doubles the board and drops again; at most two.
      let doubles = 0;
      while (doubles < 2 && dice.below(8) === 0) doubles += 1;
      const landed = dice.draw(PACHINKO_SLOTS);
      return { prize: landed * 2 ** doubles, json: `{"drops":${doubles + 1},"doubles":${doubles},"landed":${landed}}` };
    }
    default: {
      const flapper = dice.pick(FLAPPERS);
      let doubles = 0;
      while (doubles < 2 && dice.below(9) === 0) doubles += 1;
      const landed = dice.draw(CRAZY_TIME_PRIZES);
      return {
        prize: landed * 2 ** doubles,
        json: `{"flapper":"${flapper}","doubles":${doubles},"landed":${landed}}`,
      };
    }
  }
}

interface WheelPlay extends RoundPlay {
  readonly spot: Spot;
  readonly slotSpot: Spot;
  readonly slotMultiplier: number;
  readonly slotMatched: boolean;
  readonly totalPayout: number;
  readonly totalWinners: number;
  readonly bonusJson: string;
}

/** Crazy Time's rules under a table's catalog entry: Crazy Time A is the same wheel at another table. */
export function crazyTimeTable(info: GameInfo): Game {
  return defineGame<WheelPlay>({
    info,

    play(hashHex, dice) {
      const spot = dice.pick(WHEEL);
      const slotSpot = dice.pick(SPOTS);
      const slotMultiplier = dice.draw(SLOT_MULTIPLIERS);
      const slotMatched = slotSpot === spot;
      const boost = slotMatched ? slotMultiplier : 1;
      const bonus = spot.value === null ? playBonus(spot.code, dice) : null;
      const payout = (spot.value ?? bonus?.prize ?? 1) * boost;

      // UNVERIFIED crowd model: 4,000-12,000 players, about playerShare of them on the winning spot,
      // average stake $0.80-$2.00, each paid stake × (payout + 1) as n:1 odds return the stake.
      const players = dice.between(4_000, 12_000);
      const totalWinners = Math.round((players * spot.playerShare * dice.between(80, 120)) / 100);
      const stakeCents = dice.between(80, 200);
      const totalPayout = Math.round((totalWinners * stakeCents * (payout + 1)) / 100);

      const bonusMs = bonus === null ? 0 : dice.between(20_000, 60_000);
      return {
        roundId: Buffer.from(hashHex.slice(46), 'hex').toString('base64url'),
        multiplierTenThousandths: payout * 10_000,
        randomNumber: spot.value,
        cadenceMs: dice.between(40_000, 60_000) + bonusMs,
        observedDelayMicros: dice.between(500_000, 3_000_000),
        spot,
        slotSpot,
        slotMultiplier,
        slotMatched,
        totalPayout,
        totalWinners,
        bonusJson: bonus === null ? 'null' : bonus.json,
      };
    },

    rawJson(play) {
      return (
        `{"result":${play.spot.resultJson},"source":"tracksino","segment":"${play.spot.code}",` +
        `"slot_result":${play.slotSpot.resultJson},"slot_multiplier":${play.slotMultiplier},` +
        `"total_payout":${play.totalPayout},"total_winners":${play.totalWinners},` +
        `"is_top_slot_matched":${play.slotMatched},"bonus_data":${play.bonusJson}}`
      );
    },
  });
}

export const crazyTime = crazyTimeTable({
  ...gameInfo('crazytime'),
  indexBase: 46_639_897_866_000_000n,
  runningState: 'spinning',
});

/** Crazy Time A: the same wheel and bonus games at a second table, with its own stream of rounds. */
export const crazyTimeA = crazyTimeTable({
  ...gameInfo('crazytimea'),
  indexBase: 47_120_583_310_000_000n,
  runningState: 'spinning',
});
