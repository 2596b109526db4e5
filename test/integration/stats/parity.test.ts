import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentileCont } from '../../../src/main/core/stats/exact/exact-figures';
import { resolveWindow } from '../../../src/main/core/stats/stats-engine';
import { wilsonInterval } from '../../../src/main/core/stats/theory/interval';
import type { GameStatsView } from '../../../src/shared/stats/game-stats';
import type { StatsWindow } from '../../../src/shared/stats/window';
import { isoToMicros, microsToIso } from '../../../src/shared/time';
import { startSandbox, type Sandbox } from '../../../src/sim/server';
import { fetchText, FROZEN_NOW_MS, HOUR_MS, startFrozenSandbox, stopFrozenSandbox, UNLIMITED_KEY } from '../../sim/endpoints/frozen-sandbox';
import { useTempDir } from '../../support/temp-dir';
import { openLocalHistory, recordSandboxRounds, type LocalHistory } from './sandbox-history';

// The local statistics against the sandbox's own /summary, /stats/* and /crazytime/segments over
// the same rounds and the same instant: a frozen sandbox's history is backfilled into a local
// History, and every figure both sides publish must agree. Then the local theory columns are
// checked on large seeded samples, where the fair model must fit.

const NOW_US = FROZEN_NOW_MS * 1000;
const PARITY_GAMES = ['stake-crash', 'crazytime', 'lightningdice', 'lightningroulette'] as const;
/** Longer than the longest window, so droughts and current runs reach back before it. */
const PARITY_HISTORY_MS = 36 * HOUR_MS;

/**
 * The sandbox only knows presets; the custom range is now − 6 h … now, the very rounds of its
 * `window=6h`, asked through the local engine's custom-window path.
 */
const WINDOWS: readonly { readonly name: string; readonly local: StatsWindow; readonly preset: string }[] = [
  { name: '1h', local: '1h', preset: '1h' },
  { name: '24h', local: '24h', preset: '24h' },
  { name: 'custom now-6h..now', local: { from: microsToIso(NOW_US - 6 * HOUR_MS * 1000), through: microsToIso(NOW_US) }, preset: '6h' },
];

/** DDSketch: a quantile is within 1% of the multiplier at its rank. */
const SKETCH_TOLERANCE = 0.01;
const MEAN_TOLERANCE = 1e-9;

type Decimal = string | null;

interface DelayAnswer {
  threshold: string;
  rounds_since: number;
  last_round_index: string | null;
  last_multiplier: string | null;
  last_finalized_at: string | null;
  lifetime_hits: number;
  lifetime_rounds: number;
}

interface SummaryAnswer {
  rounds_total: number;
  last_finalized_index: string | null;
  last_finalized_multiplier: string | null;
  counts: { last_5m: number; last_15m: number; last_1h: number; last_24h: number };
  multiplier_24h: { mean: Decimal; median: Decimal; p95: Decimal; max: Decimal };
  delays: { threshold: string; rounds_since: number; last_multiplier: string | null; last_finalized_at: string | null }[];
}

interface FrequencyAnswer {
  rounds: number;
  house_edge: Decimal;
  baseline: string | null;
  thresholds: { threshold: string; hits: number; observed_pct: Decimal; theoretical_pct: Decimal; delta_pp: Decimal }[];
}

interface StreaksAnswer {
  rounds: number;
  streaks: {
    threshold: string;
    current_under_count: number;
    longest_under_in_window: number;
    longest_started_at: string | null;
    longest_start_round_index: string | null;
  }[];
}

interface HourlyAnswer {
  rounds: number;
  hours: { hour: string; count: number; mean: Decimal; max: Decimal; p95: Decimal; hits_2x: number; hits_10x: number; hits_50x: number }[];
}

interface DistributionAnswer {
  rounds: number;
  shape: 'histogram' | 'segments';
  bins?: { from: string; to: string | null; count: number; share: Decimal; theoretical_share: Decimal }[];
  segments?: { segment: string; hits: number }[];
  mean: Decimal;
  median: Decimal;
  p95: Decimal;
  p99: Decimal;
  max: Decimal;
}

interface BiggestWinsAnswer {
  rounds: number;
  ranked_by: 'total_amount_x_multiplier' | 'multiplier';
  wins: { round_id: string; round_index: string; multiplier: string }[];
}

interface SegmentsAnswer {
  rounds: number;
  segments: {
    segment: string;
    hits: number;
    observed_pct: Decimal;
    theoretical_pct: Decimal;
    spins_since: number | null;
    avg_multiplier: Decimal;
    last_hit_round_index: string | null;
  }[];
}

/**
 * GET with the Bearer key. round_index values exceed 2^53, so every integer of 16 digits or more
 * is read as its digits (a string) before JSON.parse could round it.
 */
async function ask<T>(sandbox: Sandbox, path: string): Promise<T> {
  const reply = await fetchText(sandbox, `/v1-beta/games/${path}`);
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
  return JSON.parse(reply.text.replace(/:(-?\d{16,})(?=[,}\]])/g, ':"$1"')) as T;
}

/** Instants compare as instants: rows write seconds, local quotes may write microseconds. */
function sameInstant(local: string | null | undefined, remote: string | null): void {
  expect(local === null || local === undefined ? null : isoToMicros(local)).toBe(remote === null ? null : isoToMicros(remote));
}

function expectRelative(local: number | null, remote: Decimal, tolerance: number, what: string): void {
  expect(local === null, `${what}: local ${local}, sandbox ${remote}`).toBe(remote === null);
  if (local === null || remote === null) return;
  const expected = Number(remote);
  expect(Math.abs(local - expected), `${what}: local ${local}, sandbox ${remote}`).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** A fraction (local) against a percentage with 4 decimals (sandbox), as the sandbox formats it. */
function expectPercent(localFraction: number | null, remotePct: Decimal, what: string): void {
  expect(localFraction === null ? null : (localFraction * 100).toFixed(4), what).toBe(remotePct);
}

function fixed4(value: number | null): string | null {
  return value === null ? null : value.toFixed(4);
}

describe('local statistics agree with the sandbox’s own endpoints', () => {
  let sandbox: Sandbox;
  let dir: ReturnType<typeof useTempDir>;
  let local: LocalHistory;
  const stats = new Map<string, GameStatsView>();

  beforeAll(async () => {
    dir = useTempDir();
    sandbox = await startFrozenSandbox('stats-parity', PARITY_HISTORY_MS, PARITY_GAMES);
    local = openLocalHistory(dir.path);
    for (const game of PARITY_GAMES) {
      const stored = await recordSandboxRounds(local, sandbox, UNLIMITED_KEY, game);
      expect(stored, game).toBe(sandbox.rounds(game).length);
    }
  }, 60_000);
  afterAll(async () => {
    local?.close();
    await stopFrozenSandbox(sandbox);
    dir?.remove();
  });

  function localStats(game: string, window: (typeof WINDOWS)[number]): GameStatsView {
    const key = `${game} ${window.name}`;
    let view = stats.get(key);
    if (view === undefined) {
      view = local.engine.gameStats({ game, window: window.local, houseEdge: null, nowUs: NOW_US });
      stats.set(key, view);
    }
    return view;
  }

  interface SketchReading {
    readonly what: string;
    readonly q: number;
    /** The local sketch's quantile. */
    readonly sketch: number | null;
    /** The sandbox's, as it writes it. */
    readonly remote: Decimal;
    /** The rounds it is over: fromUs ≤ finalized_us < toUs. */
    readonly fromUs: number;
    readonly toUs: number;
  }

  /** Every sketch quantile the local side shows beside the sandbox's: /summary, each window, each hour. */
  async function sketchReadings(game: string): Promise<SketchReading[]> {
    const readings: SketchReading[] = [];
    const summary = local.engine.summary(game, NOW_US);
    const remoteSummary = await ask<SummaryAnswer>(sandbox, `${game}/summary`);
    const dayFromUs = NOW_US - 24 * HOUR_MS * 1000;
    readings.push(
      { what: 'summary median 24h', q: 0.5, sketch: summary.shape24h.median, remote: remoteSummary.multiplier_24h.median, fromUs: dayFromUs, toUs: NOW_US + 1 },
      { what: 'summary p95 24h', q: 0.95, sketch: summary.shape24h.p95, remote: remoteSummary.multiplier_24h.p95, fromUs: dayFromUs, toUs: NOW_US + 1 },
    );
    for (const window of WINDOWS) {
      const { fromUs, toUs } = resolveWindow(window.local, NOW_US);
      const view = localStats(game, window).multiplier;
      expect(view.distribution.shape.approximate).toBe(true);
      const distribution = await ask<DistributionAnswer>(sandbox, `${game}/stats/multiplier-distribution?window=${window.preset}`);
      for (const [name, q] of [['median', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
        readings.push({ what: `${name} ${window.name}`, q, sketch: view.distribution.shape[name], remote: distribution[name], fromUs: fromUs!, toUs });
      }
      const hourly = await ask<HourlyAnswer>(sandbox, `${game}/stats/hourly?window=${window.preset}`);
      view.hourly.forEach((hour, slot) => {
        const startUs = isoToMicros(hour.hour)!;
        readings.push({
          what: `p95 of hour ${hourly.hours[slot]!.hour} (${window.name})`,
          q: 0.95,
          sketch: hour.p95,
          remote: hourly.hours[slot]!.p95,
          fromUs: Math.max(startUs, fromUs!),
          toUs: Math.min(startUs + HOUR_MS * 1000, toUs),
        });
      });
    }
    return readings;
  }

  describe.each(PARITY_GAMES)('%s', (game) => {
    it('/summary: totals, counts, the last round, the day’s shape and the delay table', async () => {
      const remote = await ask<SummaryAnswer>(sandbox, `${game}/summary`);
      const summary = local.engine.summary(game, NOW_US);
      expect(summary.roundsTotal).toBe(remote.rounds_total);
      expect(summary.last?.roundIndex).toBe(remote.last_finalized_index);
      expect(summary.last?.multiplier).toBe(remote.last_finalized_multiplier);
      expect(summary.counts).toEqual({
        last5m: remote.counts.last_5m,
        last15m: remote.counts.last_15m,
        last1h: remote.counts.last_1h,
        last24h: remote.counts.last_24h,
      });
      expectRelative(summary.shape24h.mean, remote.multiplier_24h.mean, MEAN_TOLERANCE, 'mean 24h');
      expect(summary.shape24h.max?.multiplier).toBe(remote.multiplier_24h.max);
      expect(summary.delays.map((delay) => String(delay.threshold))).toEqual(remote.delays.map((delay) => delay.threshold));
      summary.delays.forEach((delay, slot) => {
        const theirs = remote.delays[slot]!;
        // Both count the hit itself: 1 = the newest round reached the threshold.
        expect(delay.drought.roundsSince, `rounds since ${delay.threshold}×`).toBe(theirs.rounds_since);
        expect(delay.drought.last?.multiplier ?? null).toBe(theirs.last_multiplier);
        sameInstant(delay.drought.last?.finalizedAt, theirs.last_finalized_at);
      });
    });

    it('/stats/delays: rounds since, last hit and lifetime hits of every headline threshold', async () => {
      const remote = await ask<DelayAnswer[]>(sandbox, `${game}/stats/delays`);
      // Delays ignore the window: the same table whatever window the dashboard shows.
      for (const window of WINDOWS) {
        const delays = localStats(game, window).multiplier.delays;
        expect(delays.map((delay) => String(delay.threshold))).toEqual(remote.map((delay) => delay.threshold));
        delays.forEach((delay, slot) => {
          const theirs = remote[slot]!;
          const what = `${window.name} ${delay.threshold}×`;
          expect(delay.drought.roundsSince, what).toBe(theirs.rounds_since);
          expect(delay.drought.seen, what).toBe(theirs.last_round_index !== null);
          expect(delay.drought.last?.roundIndex ?? null, what).toBe(theirs.last_round_index);
          expect(delay.drought.last?.multiplier ?? null, what).toBe(theirs.last_multiplier);
          sameInstant(delay.drought.last?.finalizedAt, theirs.last_finalized_at);
          expect(delay.lifetimeHits, what).toBe(theirs.lifetime_hits);
          expect(delay.lifetimeRounds, what).toBe(theirs.lifetime_rounds);
        });
      }
    });

    it.each(WINDOWS)('/stats/frequency over $name: hits, observed and theoretical rates', async (window) => {
      const remote = await ask<FrequencyAnswer>(sandbox, `${game}/stats/frequency?window=${window.preset}`);
      const view = localStats(game, window).multiplier;
      expect(view.window.rounds).toBe(remote.rounds);
      expect(view.frequency.houseEdge === null ? null : String(view.frequency.houseEdge)).toBe(remote.house_edge);
      expect(view.frequency.baseline).toBe(remote.baseline);
      expect(view.frequency.thresholds.map((row) => String(row.threshold))).toEqual(remote.thresholds.map((row) => row.threshold));
      view.frequency.thresholds.forEach((row, slot) => {
        const theirs = remote.thresholds[slot]!;
        const what = `${row.threshold}×`;
        expect(row.rate.hits, what).toBe(theirs.hits);
        expect(row.rate.rounds, what).toBe(remote.rounds);
        expectPercent(row.rate.observed, theirs.observed_pct, `observed ${what}`);
        expectPercent(row.rate.theoretical, theirs.theoretical_pct, `theoretical ${what}`);
        // The sandbox writes delta_pp to 4 decimals; local deltaPp is unrounded.
        expect(row.rate.deltaPp === null, what).toBe(theirs.delta_pp === null);
        if (theirs.delta_pp !== null) expect(Math.abs(row.rate.deltaPp! - Number(theirs.delta_pp)), `delta ${what}`).toBeLessThanOrEqual(0.5e-4 + 1e-9);
      });
    });

    it.each(WINDOWS)('/stats/streaks over $name: current and longest runs under each threshold', async (window) => {
      const remote = await ask<StreaksAnswer>(sandbox, `${game}/stats/streaks?window=${window.preset}`);
      const streaks = localStats(game, window).multiplier.streaks;
      expect(streaks.map((streak) => String(streak.threshold))).toEqual(remote.streaks.map((streak) => streak.threshold));
      streaks.forEach((streak, slot) => {
        const theirs = remote.streaks[slot]!;
        const what = `under ${streak.threshold}×`;
        expect(streak.currentUnder, what).toBe(theirs.current_under_count);
        expect(streak.longestInWindow, what).toBe(theirs.longest_under_in_window);
        expect(streak.longestStartedAt?.roundIndex ?? null, what).toBe(theirs.longest_start_round_index);
        sameInstant(streak.longestStartedAt?.finalizedAt, theirs.longest_started_at);
      });
    });

    it.each(WINDOWS)('/stats/hourly over $name: one bucket per UTC hour with its counts, hits, max and mean', async (window) => {
      const remote = await ask<HourlyAnswer>(sandbox, `${game}/stats/hourly?window=${window.preset}`);
      const hours = localStats(game, window).multiplier.hourly;
      expect(hours.map((hour) => isoToMicros(hour.hour))).toEqual(remote.hours.map((hour) => isoToMicros(hour.hour)));
      hours.forEach((hour, slot) => {
        const theirs = remote.hours[slot]!;
        const what = `hour ${theirs.hour}`;
        expect({ count: hour.count, hits2x: hour.hits2x, hits10x: hour.hits10x, hits50x: hour.hits50x }, what).toEqual({
          count: theirs.count,
          hits2x: theirs.hits_2x,
          hits10x: theirs.hits_10x,
          hits50x: theirs.hits_50x,
        });
        expect(fixed4(hour.max), what).toBe(theirs.max);
        expectRelative(hour.mean, theirs.mean, MEAN_TOLERANCE, `mean ${what}`);
      });
    });

    it.each(WINDOWS)('/stats/multiplier-distribution over $name: bins, mean and max', async (window) => {
      const remote = await ask<DistributionAnswer>(sandbox, `${game}/stats/multiplier-distribution?window=${window.preset}`);
      const distribution = localStats(game, window).multiplier.distribution;
      expect(localStats(game, window).multiplier.window.rounds).toBe(remote.rounds);
      if (remote.bins !== undefined) {
        expect(distribution.bins.map((bin) => [String(bin.from), bin.to === null ? null : String(bin.to)])).toEqual(remote.bins.map((bin) => [bin.from, bin.to]));
        distribution.bins.forEach((bin, slot) => {
          const theirs = remote.bins![slot]!;
          const what = `bin ${bin.from}–${bin.to}`;
          expect(bin.rate.hits, what).toBe(theirs.count);
          expect(bin.rate.observed === null ? null : bin.rate.observed.toFixed(6), what).toBe(theirs.share);
          expect(bin.rate.theoretical === null ? null : bin.rate.theoretical.toFixed(6), what).toBe(theirs.theoretical_share);
        });
      }
      const shape = distribution.shape;
      expectRelative(shape.mean, remote.mean, MEAN_TOLERANCE, 'mean');
      expect(shape.max?.multiplier ?? null).toBe(remote.max);
    });

    it.each(WINDOWS)('/stats/multiplier-distribution over $name: the exact median, p95 and p99 to 4 decimals', async (window) => {
      const remote = await ask<DistributionAnswer>(sandbox, `${game}/stats/multiplier-distribution?window=${window.preset}`);
      const exact = local.exact(game, window.local, NOW_US);
      expect(exact.rounds).toBe(remote.rounds);
      expect({ median: fixed4(exact.median), p95: fixed4(exact.p95), p99: fixed4(exact.p99) }).toEqual({
        median: remote.median,
        p95: remote.p95,
        p99: remote.p99,
      });
    });

    // Both rank by payout × multiplier (crash totalAmount, the shows' total_payout), newer first on ties.
    it.each(WINDOWS)('/stats/biggest-wins over $name: the top 10 in the same order', async (window) => {
      const remote = await ask<BiggestWinsAnswer>(sandbox, `${game}/stats/biggest-wins?window=${window.preset}&limit=10`);
      const biggest = localStats(game, window).multiplier.biggestWins;
      expect(biggest.rankedBy).toBe(remote.ranked_by === 'total_amount_x_multiplier' ? 'payout-x-multiplier' : 'multiplier');
      expect(biggest.wins.map((win) => `${win.round.roundId} ${win.round.multiplier}`)).toEqual(remote.wins.map((win) => `${win.round_id} ${win.multiplier}`));
    });

    // The sketch reads the value at rank floor(q·(n − 1)), within 1% (DDSketch); the sandbox
    // interpolates between that rank and the next (percentile_cont). Both are checked against the
    // window's stored multipliers, so each side is pinned to its own convention.
    // The sandbox interpolates between the ranks around q·(n − 1) (percentile_cont); so does the
    // sketch, reading each rank's value from its bucket, so it is within 1% of the exact figure.
    it('sketch median/p95/p99 are within 1% of percentile_cont over the stored multipliers, which the sandbox serves', async () => {
      for (const reading of await sketchReadings(game)) {
        const sorted = local.sortedMultipliers(game, reading.fromUs, reading.toUs);
        expect(fixed4(percentileCont(sorted, reading.q)), reading.what).toBe(reading.remote);
        if (sorted.length === 0) {
          expect(reading.sketch, reading.what).toBeNull();
          continue;
        }
        const exact = percentileCont(sorted, reading.q)!;
        expect(Math.abs(reading.sketch! - exact), `${reading.what}: sketch ${reading.sketch}, exact ${exact}`).toBeLessThanOrEqual(SKETCH_TOLERANCE * exact);
      }
    });

    it('sketch median/p95/p99 are within 1% of the sandbox’s, over every window and every hour', async () => {
      const outside = (await sketchReadings(game))
        .filter(({ sketch, remote }) => (sketch === null) !== (remote === null) || (remote !== null && Math.abs(sketch! - Number(remote)) > SKETCH_TOLERANCE * Number(remote)))
        .map(({ what, sketch, remote }) => `${what}: local ${sketch}, sandbox ${remote}`);
      expect(outside).toEqual([]);
    });
  });

  describe('crazytime', () => {
    it.each(WINDOWS)('/crazytime/segments over $name: hits, rates, spins since and mean multiplier of every segment', async (window) => {
      const remote = await ask<SegmentsAnswer>(sandbox, `crazytime/crazytime/segments?window=${window.preset}`);
      const wheel = localStats('crazytime', window).wheel!;
      expect(wheel.window.rounds).toBe(remote.rounds);
      const segments = new Map(wheel.segments.map((segment) => [segment.code, segment]));
      expect([...segments.keys()].sort()).toEqual(remote.segments.map((segment) => segment.segment).sort());
      for (const theirs of remote.segments) {
        const segment = segments.get(theirs.segment)!;
        const what = `segment ${theirs.segment}`;
        expect(segment.rate.hits, what).toBe(theirs.hits);
        expectPercent(segment.rate.observed, theirs.observed_pct, `observed ${what}`);
        expectPercent(segment.rate.theoretical, theirs.theoretical_pct, `theoretical ${what}`);
        // Convention: the sandbox's spins_since is 0 when the newest spin hit the segment (null
        // when never seen); the local roundsSince counts the hit itself, so it is one more.
        expect(segment.drought.seen, what).toBe(theirs.spins_since !== null);
        if (theirs.spins_since !== null) expect(segment.drought.roundsSince, what).toBe(theirs.spins_since + 1);
        expect(segment.drought.last?.roundIndex ?? null, what).toBe(theirs.last_hit_round_index);
        expectRelative(segment.meanMultiplier, theirs.avg_multiplier, MEAN_TOLERANCE, `mean multiplier ${what}`);
      }
    });
  });
});

/** z of a two-sided 99.9% interval, Φ⁻¹(0.9995). */
const Z_999 = 3.2905267314919255;

describe('local theory columns fit large seeded samples', () => {
  let dir: ReturnType<typeof useTempDir>;
  let local: LocalHistory;
  const nowUs = (): number => Date.now() * 1000;

  beforeAll(async () => {
    dir = useTempDir();
    local = openLocalHistory(dir.path);
    for (const [game, historyRounds] of [
      ['stake-crash', 100_000],
      ['crazytime', 20_000],
    ] as const) {
      const sandbox = await startSandbox({
        seed: `stats-theory-${game}`,
        games: [game],
        historyRounds,
        keys: [{ key: UNLIMITED_KEY, tier: 'enterprise', ratePerSecond: 1_000_000, burst: 1_000_000 }],
      });
      try {
        await recordSandboxRounds(local, sandbox, UNLIMITED_KEY, game);
      } finally {
        await sandbox.close();
      }
    }
  }, 90_000);
  afterAll(() => {
    local?.close();
    dir?.remove();
  });

  describe('stake-crash over 100,000 rounds', () => {
    let view: GameStatsView['multiplier'];
    beforeAll(() => {
      view = local.engine.gameStats({ game: 'stake-crash', window: 'all', houseEdge: null, nowUs: nowUs() }).multiplier;
    });

    it('holds at least 100,000 rounds', () => {
      expect(view.window.rounds).toBeGreaterThanOrEqual(100_000);
    });

    it('has S(x) inside the Wilson 95% interval of the observed rate at 7 or more of the 9 headline thresholds', () => {
      // Each interval misses S(x) 5% of the time: 3 misses of 9 happen for under 1% of seeds.
      const misses = view.frequency.thresholds
        .filter(({ rate }) => !(rate.interval!.low <= rate.theoretical! && rate.theoretical! <= rate.interval!.high))
        .map((row) => `${row.threshold}×: ${row.rate.hits}/${row.rate.rounds} against ${row.rate.theoretical}`);
      expect(misses.length, misses.join('; ')).toBeLessThanOrEqual(2);
    });

    it('fits the log-binned distribution by χ² (p > 0.001)', () => {
      expect(view.distribution.fit!.pValue).toBeGreaterThan(0.001);
    });

    it('passes the exact Kolmogorov–Smirnov test against Stake’s law (p > 0.001)', () => {
      const exact = local.exact('stake-crash', 'all', nowUs());
      expect(exact.rounds).toBe(view.window.rounds);
      expect(exact.ks!.pValue).toBeGreaterThan(0.001);
      // The thresholds' KS is a lower bound of the exact one.
      expect(view.distribution.ks!.statistic).toBeLessThanOrEqual(exact.ks!.statistic + 1e-12);
    });

    it('estimates the 2× edge with a band that holds Stake’s 1%', () => {
      const edge = view.frequency.edge!;
      const two = view.frequency.thresholds.find((row) => row.threshold === 2)!.rate;
      expect(edge.edge).toBeCloseTo(1 - (2 * two.hits) / two.rounds, 12);
      expect(edge.interval.low).toBeLessThan(edge.edge);
      expect(edge.interval.high).toBeGreaterThan(edge.edge);
      // The panel's band is 95%, which misses the true edge for 1 seed in 20; the assertion uses
      // the same Wilson band at 99.9% so that it holds for all but 1 seed in 1,000.
      const wide = wilsonInterval(two.hits, two.rounds, Z_999)!;
      expect(1 - 2 * wide.high).toBeLessThanOrEqual(0.01);
      expect(1 - 2 * wide.low).toBeGreaterThanOrEqual(0.01);
    });
  });

  describe('crazytime over 20,000 spins', () => {
    let wheel: NonNullable<GameStatsView['wheel']>;
    beforeAll(() => {
      wheel = local.engine.gameStats({ game: 'crazytime', window: 'all', houseEdge: null, nowUs: nowUs() }).wheel!;
    });

    it('holds at least 20,000 spins', () => {
      expect(wheel.window.rounds).toBeGreaterThanOrEqual(20_000);
    });

    it('has each segment’s table share inside its Wilson 95% interval for all but two of the 8 segments', () => {
      const table = wheel.segments.filter((segment) => segment.rate.theoretical !== null);
      expect(table.map((segment) => segment.code).sort()).toEqual(['cashhunt', 'coinflip', 'crazytime', 'n1', 'n10', 'n2', 'n5', 'pachinko']);
      // As for the thresholds: 3 misses of 8 happen for under 1% of seeds.
      const misses = table
        .filter(({ rate }) => !(rate.interval!.low <= rate.theoretical! && rate.theoretical! <= rate.interval!.high))
        .map((segment) => `${segment.code}: ${segment.rate.hits}/${segment.rate.rounds} against ${segment.rate.theoretical}`);
      expect(misses.length, misses.join('; ')).toBeLessThanOrEqual(2);
    });

    it('fits the segment table by χ² (p > 0.001)', () => {
      expect(wheel.fit!.pValue).toBeGreaterThan(0.001);
    });
  });
});
