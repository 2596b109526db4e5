import { gameInfo } from '../../shared/games';
import { weightedTable, type WeightedTable } from '../round-hash';
import { defineGame, type RoundPlay } from './game';
import { playCrowd } from './show';

// Lightning Storm, game-math.md §4: a 39-segment DigiWheel, 19 Leaf segments (pay 1:1) and 20
// numbered segments 1-20. Each spin assigns one of five bonuses to each numbered segment and puts
// random 2×-50× multipliers on some of them (at least one).
// UNVERIFIED assumptions:
// * each numbered segment's bonus is uniform over the five types, independently;
// * 1-4 segments get a multiplier from {2, 3, 5, 10, 20, 50} (weighted low);
// * a bonus game pays from its own table below, times the segment's multiplier;
//   multiplier_low/high are the bonus's possible range at that multiplier;
// * the row's multiplier is 1 for a Leaf (the 1:1 win, as the seed: "1.0000") and the bonus
//   prize otherwise; random_number is the segment number (null for a Leaf).
// finalized_at carries milliseconds, as the seed's Lightning Storm row (`…52.013Z`).

interface Bonus {
  readonly type: string;
  readonly prizes: WeightedTable;
  readonly low: number;
  readonly high: number;
}

function bonus(type: string, pairs: readonly (readonly [number, number])[]): Bonus {
  const prizes = weightedTable(pairs);
  return { type, prizes, low: Math.min(...prizes.values), high: Math.max(...prizes.values) };
}

const BONUSES: readonly Bonus[] = [
  bonus('HotSpot', [[5, 30], [10, 30], [20, 20], [50, 15], [100, 5]]),
  bonus('MonsterMash', [[3, 30], [5, 30], [10, 20], [25, 15], [50, 5]]),
  bonus('BatteryCharger', [[4, 30], [8, 30], [15, 20], [30, 15], [60, 5]]),
  bonus('Fireball', [[5, 35], [10, 30], [25, 20], [50, 10], [100, 5]]),
  bonus('LightningStorm', [[10, 35], [20, 30], [50, 20], [100, 10], [250, 5]]),
];
const BOOSTS = weightedTable([[2, 35], [3, 25], [5, 18], [10, 12], [20, 7], [50, 3]]);

const SEGMENTS = 39;
const LEAVES = 19;

interface StormPlay extends RoundPlay {
  readonly outcome: string;
  readonly segment: string;
  readonly boost: number;
  readonly low: number;
  readonly high: number;
  readonly prize: number;
  readonly boostsJson: string;
  readonly totalWinners: number;
  readonly bettorsCount: number;
}

export const lightningStorm = defineGame<StormPlay>({
  info: {
    ...gameInfo('lightningstorm'),
    indexBase: 6_823_731_385_927_000_000n,
    runningState: 'spinning',
    finalizedPrecision: 'millis',
  },

  play(hashHex, dice) {
    const position = dice.below(SEGMENTS);
    const types = Array.from({ length: 20 }, () => dice.pick(BONUSES));
    const boosted = new Map<number, number>();
    const boostCount = dice.between(1, 4);
    while (boosted.size < boostCount) boosted.set(dice.between(1, 20), dice.draw(BOOSTS));
    const boostsJson = `[${[...boosted].map(([number, boost]) => `{"number":${number},"multiplier":${boost}}`).join(',')}]`;

    let outcome = 'EvoLeaf';
    let segment = 'leaf';
    let boost = 1;
    let low = 1;
    let high = 1;
    let prize = 1;
    let randomNumber: number | null = null;
    if (position >= LEAVES) {
      const number = position - LEAVES + 1;
      const landed = types[number - 1] as Bonus;
      boost = boosted.get(number) ?? 1;
      outcome = landed.type;
      segment = `n${number}`;
      low = landed.low * boost;
      high = landed.high * boost;
      prize = dice.draw(landed.prizes) * boost;
      randomNumber = number;
    }
    const crowd = playCrowd(dice, randomNumber === null ? 0.2 : 0.05, prize + 1);
    return {
      roundId: hashHex.slice(40),
      multiplierTenThousandths: prize * 10_000,
      randomNumber,
      cadenceMs: dice.between(40_000, 55_000) + (randomNumber === null ? 0 : dice.between(25_000, 60_000)),
      observedDelayMicros: dice.between(2_000_000, 6_000_000),
      outcome,
      segment,
      boost,
      low,
      high,
      prize,
      boostsJson,
      totalWinners: crowd.totalWinners,
      bettorsCount: crowd.bettorsCount,
    };
  },

  rawJson(play) {
    return (
      `{"outcome":"${play.outcome}","segment":"${play.segment}","source":"casino.org",` +
      `"multiplier_text":"${play.prize}x","multiplier_low":"${play.low}.00","multiplier_high":"${play.high}.00",` +
      `"wheel_result":{"wheelSector":{"type":"${play.outcome}"${play.randomNumber === null ? '' : `,"number":${play.randomNumber},"multiplier":${play.boost}`}},` +
      `"maxMultiplier":${play.prize},"multipliers":${play.boostsJson}},` +
      `"totalWinners":${play.totalWinners},"bettorsCount":${play.bettorsCount}}`
    );
  },
});
