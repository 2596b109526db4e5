import type { z } from 'zod';
import { NO_THEORY, type DistributionView, type DroughtView, type goodnessOfFitSchema, type RateView } from '../../../../shared/stats/common';
import type { EventHistory, WindowTallies } from '../round-facts-types';
import { chiSquareTest } from '../theory/chi-square';
import { droughtChance, droughtPercentile } from '../theory/drought';
import { wilsonInterval } from '../theory/interval';

// The figures every kind-specific panel is made of: a rate beside its theory, a drought, a χ² fit
// and an empirical distribution, each from the window's tallies or the history's last hits.

export type GoodnessOfFitView = z.infer<typeof goodnessOfFitSchema>;

/** hits of `rounds` with its Wilson interval, beside the fair probability (or null: no theory). */
export function rateOf(hits: number, rounds: number, theoretical: number | null): RateView {
  const observed = rounds > 0 ? hits / rounds : null;
  return {
    hits,
    rounds,
    observed,
    interval: rounds > 0 ? wilsonInterval(Math.min(hits, rounds), rounds) : null,
    theoretical,
    deltaPp: observed !== null && theoretical !== null ? (observed - theoretical) * 100 : null,
  };
}

/**
 * Rounds since `event` in the whole history. roundsSince counts the hit itself, so the wait the
 * fair model prices is the misses after it (roundsSince − 1); an event never seen has missed
 * every round of the game.
 */
export function droughtOf(history: EventHistory, event: string, p: number | null): DroughtView {
  const since = history.roundsSince(event);
  const seen = since !== null;
  const roundsSince = since ?? history.lifetime(event).rounds;
  const misses = seen ? Math.max(0, roundsSince - 1) : roundsSince;
  return {
    roundsSince,
    seen,
    last: seen ? history.lastHit(event) : null,
    chance: p === null ? null : droughtChance(p, misses),
    percentile: p === null ? null : droughtPercentile(p, misses),
  };
}

/** χ² of observed counts against rounds × p per cell; null when there is nothing to test. */
export function fitOf(cells: readonly { readonly observed: number; readonly p: number }[]): GoodnessOfFitView | null {
  const rounds = cells.reduce((total, cell) => total + cell.observed, 0);
  if (rounds === 0) return null;
  const test = chiSquareTest(cells.map((cell) => ({ observed: cell.observed, expected: rounds * cell.p })));
  return test === null
    ? null
    : { statistic: test.statistic, degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue, cells: test.cells };
}

/** Mean multiplier (×) of hits whose multiplier units add up to `sumUnits`, or null over none. */
export function meanMultiplierOf(sumUnits: number, hits: number): number | null {
  return hits > 0 ? sumUnits / hits / 10_000 : null;
}

function compareValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The window's counts of every `<prefix><value>` event, values ascending; always empirical. */
export function distributionOf(tallies: WindowTallies, prefix: string): DistributionView {
  const counted = tallies
    .keys(prefix)
    .map((key) => ({ value: key.slice(prefix.length), count: tallies.get(key) }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => compareValues(a.value, b.value));
  const total = counted.reduce((sum, entry) => sum + entry.count, 0);
  return {
    total,
    entries: counted.map((entry) => ({ ...entry, share: total > 0 ? entry.count / total : null })),
    theoryNote: NO_THEORY,
  };
}
