import type { CrashLaw } from '../../../../shared/game-law/crash-law';
import type { QuotedRound } from '../round-facts-types';
import type { EventHistory } from '../round-facts-types';
import {
  DISTRIBUTION_EDGES,
  HEADLINE_THRESHOLDS,
  HOURLY_THRESHOLDS,
  MULTIPLIER_UNIT,
  STREAK_THRESHOLDS,
} from '../../../../shared/stats/thresholds';
import type { z } from 'zod';
import type {
  biggestWinSchema,
  crowdReturnSchema,
  DelayView,
  frequencySchema,
  hourSchema,
  multiplierDistributionSchema,
  ShapeView,
  streakSchema,
} from '../../../../shared/stats/multiplier-stats';
import { microsToIso } from '../../../../shared/time';
import { headlineSlot, type Rollup, type RoundRef } from '../rollup/rollup';
import { thresholdEvent } from '../rollup/rollup-store';
import { edgeAt, rtpAt } from '../theory/edge';
import { ksPValue, ksStatistic } from '../theory/kolmogorov';
import { expectedLongestRun, longestRunChance } from '../theory/longest-run';
import { droughtOf, fitOf, rateOf } from './figures';

// The multiplier statistics of a window's rollup, each beside the game's law where one is
// published (crash games, game-math.md §1) and empirical only where none is.

export type Quote = (ref: RoundRef | null) => QuotedRound | null;

const CROWD_NOTE =
  'Directional only: computed from the bet snapshots in the rounds, which miss bets placed or cashed out ' +
  'between snapshots; it is not the game\u2019s certified RTP.';

export function shapeOf(rollup: Rollup, quote: Quote): ShapeView {
  const empty = rollup.rounds === 0;
  return {
    mean: empty ? null : rollup.sumUnits / rollup.rounds / MULTIPLIER_UNIT,
    median: rollup.sketch.quantile(0.5),
    p95: rollup.sketch.quantile(0.95),
    p99: rollup.sketch.quantile(0.99),
    max: empty ? null : quote(rollup.max),
    approximate: true,
  };
}

export function delaysOf(thresholds: readonly number[], history: EventHistory, law: CrashLaw | null): DelayView[] {
  return thresholds.map((threshold) => {
    const event = thresholdEvent(threshold);
    const p = law === null ? null : law.survival(threshold);
    const lifetime = history.lifetime(event);
    return {
      threshold,
      drought: droughtOf(history, event, p),
      lifetimeHits: lifetime.hits,
      lifetimeRounds: lifetime.rounds,
      expectedGap: p === null || p === 0 ? null : 1 / p,
    };
  });
}

export function frequencyOf(rollup: Rollup, law: CrashLaw | null): z.infer<typeof frequencySchema> {
  const rounds = rollup.rounds;
  const twoHits = rollup.hits[headlineSlot(2)] as number;
  const edge = law === null ? null : edgeAt(2, twoHits, rounds);
  return {
    houseEdge: law?.houseEdge ?? null,
    baseline: law?.baseline ?? null,
    thresholds: HEADLINE_THRESHOLDS.map((threshold, slot) => {
      const hits = rollup.hits[slot] as number;
      const theoretical = law === null ? null : law.survival(threshold);
      const rtp = rtpAt(threshold, hits, rounds);
      return {
        threshold,
        rate: rateOf(hits, rounds, theoretical),
        rtp: rtp === null ? null : { observed: rtp.rtp, interval: rtp.interval, theoretical: theoretical === null ? null : threshold * theoretical },
      };
    }),
    edge: edge === null ? null : { target: 2, edge: edge.edge, interval: edge.interval },
  };
}

export function streaksOf(
  rollup: Rollup,
  history: EventHistory,
  law: CrashLaw | null,
  quote: Quote,
): z.infer<typeof streakSchema>[] {
  return STREAK_THRESHOLDS.map((threshold, slot) => {
    const runs = rollup.runs[slot]!;
    const event = thresholdEvent(threshold);
    const since = history.roundsSince(event);
    const p = law === null ? null : law.survival(threshold);
    return {
      threshold,
      currentUnder: since === null ? history.lifetime(event).rounds : since - 1,
      longestInWindow: runs.best,
      longestStartedAt: quote(runs.bestStart),
      expectedLongest: p === null || rollup.rounds === 0 ? null : expectedLongestRun(rollup.rounds, p),
      longestChance: p === null || rollup.rounds === 0 ? null : longestRunChance(rollup.rounds, p, runs.best),
    };
  });
}

export type HourFigures = z.infer<typeof hourSchema>;

/** One hour of the hourly panel, from that hour's rollup. */
export function hourFiguresOf(hour: number, rollup: Rollup): HourFigures {
  const [two, ten, fifty] = HOURLY_THRESHOLDS.map(headlineSlot) as [number, number, number];
  return {
    hour: microsToIso(hour * 3_600_000_000),
    count: rollup.rounds,
    mean: rollup.rounds === 0 ? null : rollup.sumUnits / rollup.rounds / MULTIPLIER_UNIT,
    max: rollup.rounds === 0 ? null : rollup.maxUnits / MULTIPLIER_UNIT,
    p95: rollup.sketch.quantile(0.95),
    hits2x: rollup.hits[two] as number,
    hits10x: rollup.hits[ten] as number,
    hits50x: rollup.hits[fifty] as number,
  };
}

export function distributionOf(rollup: Rollup, law: CrashLaw | null, quote: Quote): z.infer<typeof multiplierDistributionSchema> {
  const rounds = rollup.rounds;
  const atOrAbove = (edge: number): number => (edge <= 1 ? rounds : (rollup.hits[headlineSlot(edge)] as number));
  const bins = DISTRIBUTION_EDGES.map((from, bin) => {
    const to = DISTRIBUTION_EDGES[bin + 1] ?? null;
    const count = atOrAbove(from) - (to === null ? 0 : atOrAbove(to));
    const theoretical = law === null ? null : law.survival(from) - (to === null ? 0 : law.survival(to));
    return { from, to, rate: rateOf(count, rounds, theoretical) };
  });
  const fit = law === null ? null : fitOf(bins.map((bin) => ({ observed: bin.rate.hits, p: bin.rate.theoretical as number })));
  return { bins, shape: shapeOf(rollup, quote), fit, ks: law === null ? null : ksAtThresholds(rollup, law) };
}

/**
 * KS at the headline thresholds, where the rollups count exactly: P̂(M < x) = 1 − hits/n against
 * 1 − S(x). Both are exact at these points (they lie on every game's 0.01 grid), so D over them is
 * a lower bound of the exact D, which getExactStats computes from every multiplier.
 */
function ksAtThresholds(rollup: Rollup, law: CrashLaw): { statistic: number; at: number; pValue: number } | null {
  const n = rollup.rounds;
  if (n === 0) return null;
  const distance = ksStatistic(
    HEADLINE_THRESHOLDS.map((x, slot) => ({ x, empirical: 1 - (rollup.hits[slot] as number) / n, theoretical: 1 - law.survival(x) })),
  );
  return distance === null ? null : { statistic: distance.statistic, at: distance.x, pValue: ksPValue(distance.statistic, n) };
}

export function biggestWinsOf(rollup: Rollup, quote: Quote, limit: number): { rankedBy: 'payout-x-multiplier' | 'multiplier'; wins: z.infer<typeof biggestWinSchema>[] } {
  const byPayout = rollup.paidRounds > 0;
  const wins = rollup.top.slice(0, limit).flatMap((ranked) => {
    const round = quote(ranked);
    if (round === null) return [];
    const units = Math.round(Number(round.multiplier) * MULTIPLIER_UNIT);
    return [{ round, payout: byPayout && units > 0 ? ranked.key / units / 100 : null }];
  });
  return { rankedBy: byPayout ? 'payout-x-multiplier' : 'multiplier', wins };
}

export function crowdOf(rollup: Rollup): z.infer<typeof crowdReturnSchema> | null {
  const bets = rollup.bets;
  if (bets.rounds === 0) return null;
  return {
    rounds: bets.rounds,
    bettors: bets.bettors,
    winners: bets.winners,
    volume: bets.volumeCents / 100,
    payout: bets.payoutCents / 100,
    ratio: bets.volumeCents === 0 ? null : bets.payoutCents / bets.volumeCents,
    note: CROWD_NOTE,
  };
}
