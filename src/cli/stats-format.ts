import type { BetsPanelView } from '../shared/stats/bets';
import { NO_THEORY, type DroughtView, type IntervalView, type RateView, type WindowInfo } from '../shared/stats/common';
import type { DicePanel } from '../shared/stats/dice';
import type { GameStatsView } from '../shared/stats/game-stats';
import type { ShapeView, SummaryView } from '../shared/stats/multiplier-stats';
import type { RoulettePanel } from '../shared/stats/roulette';
import type { WheelPanel } from '../shared/stats/wheel';
import type { StatsReport } from './stats-command';

// The text `roundlog stats` prints: plain aligned columns (no colour), one section per panel, and
// NO_THEORY spelled out wherever the answer's theoretical figure is null.

type Cell = string | number;

/** Columns padded to their widest cell; the first column is left-aligned, the rest right-aligned. */
function table(header: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const text = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...text.map((row) => row[column]?.length ?? 0)));
  return text.map((row) =>
    '  ' + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd(),
  );
}

function percent(rate: number | null): string {
  if (rate === null) return NO_THEORY;
  const points = rate * 100;
  if (points === 0) return '0%';
  return `${Math.abs(points) >= 0.1 ? points.toFixed(2) : points.toPrecision(2)}%`;
}

const observed = (rate: RateView): string => (rate.observed === null ? 'no rounds' : percent(rate.observed));
const interval = (band: IntervalView | null): string => (band === null ? '-' : `[${percent(band.low)}, ${percent(band.high)}]`);
const deltaPp = (rate: RateView): string => (rate.deltaPp === null ? '-' : `${rate.deltaPp >= 0 ? '+' : ''}${rate.deltaPp.toFixed(2)}`);
/** hits, observed, its 95% interval and the theoretical rate: the columns every rate table opens with. */
const rateCells = (rate: RateView): (string | number)[] => [rate.hits, observed(rate), interval(rate.interval), percent(rate.theoretical)];
/** A threshold or a row's exact multiplier (`"2631.0400"`) without trailing zeros. */
const times = (x: number | string): string => `${Number(x)}x`;
const fixed = (value: number | null, digits = 2): string => (value === null ? '-' : value.toFixed(digits));

function since(drought: DroughtView): string {
  return drought.seen ? String(drought.roundsSince) : `${drought.roundsSince} (never)`;
}

function describeWindow(window: WindowInfo): string {
  const range = window.from === null ? `all history through ${window.through}` : `${window.from} .. ${window.through}`;
  const name = window.window === 'all' || window.window === 'custom' ? '' : `${window.window}: `;
  return `Window ${name}${range} — ${window.rounds} rounds`;
}

function describeShape(shape: ShapeView): string {
  if (shape.mean === null) return 'no rounds';
  const about = shape.approximate ? '~' : '';
  const max = shape.max === null ? '' : `, max ${times(shape.max.multiplier)} at ${shape.max.finalizedAt}`;
  return `mean ${fixed(shape.mean)}x, median ${about}${fixed(shape.median)}x, p95 ${about}${fixed(shape.p95)}x, p99 ${about}${fixed(shape.p99)}x${max}`;
}

function summarySection(summary: SummaryView): string[] {
  const { counts } = summary;
  const last = summary.last === null ? '' : `; last round ${times(summary.last.multiplier)} at ${summary.last.finalizedAt}`;
  return [
    `Summary (${summary.roundsTotal} rounds in the history${last})`,
    `  Rounds in the last 5m: ${counts.last5m}, 15m: ${counts.last15m}, 1h: ${counts.last1h}, 24h: ${counts.last24h}`,
    `  Last 24h: ${describeShape(summary.shape24h)}${summary.shape24h.approximate ? ' (~ from the quantile sketch, within 1%)' : ''}`,
  ];
}

function multiplierSections(stats: GameStatsView['multiplier']): string[] {
  const { frequency, distribution } = stats;
  const lines: string[] = [];
  lines.push('', 'Delays (whole history)');
  lines.push(
    ...table(
      ['threshold', 'rounds since', 'chance of so long a wait', 'lifetime hits/rounds'],
      stats.delays.map((delay) => [
        `>= ${times(delay.threshold)}`,
        since(delay.drought),
        percent(delay.drought.chance),
        `${delay.lifetimeHits}/${delay.lifetimeRounds}`,
      ]),
    ),
  );

  const baseline = frequency.baseline === null ? NO_THEORY : `${frequency.baseline}, house edge ${percent(frequency.houseEdge)}`;
  lines.push('', `Frequency (theory: ${baseline})`);
  lines.push(
    ...table(
      ['threshold', 'hits', 'observed', '95% interval', 'theoretical', 'Δ pp'],
      frequency.thresholds.map(({ threshold, rate }) => [
        `>= ${times(threshold)}`,
        ...rateCells(rate),
        deltaPp(rate),
      ]),
    ),
  );

  lines.push('', 'Streaks (rounds in a row below the threshold)');
  lines.push(
    ...table(
      ['below', 'current', 'longest in window', 'expected longest', 'chance of a longest so long'],
      stats.streaks.map((streak) => [
        times(streak.threshold),
        streak.currentUnder,
        streak.longestInWindow,
        streak.expectedLongest === null ? NO_THEORY : fixed(streak.expectedLongest, 1),
        percent(streak.longestChance),
      ]),
    ),
  );

  lines.push('', `Distribution: ${describeShape(distribution.shape)}`);
  lines.push(
    ...table(
      ['multiplier', 'hits', 'observed', '95% interval', 'theoretical', 'Δ pp'],
      distribution.bins.map(({ from, to, rate }) => [
        to === null ? `>= ${times(from)}` : `${times(from)} - ${times(to)}`,
        ...rateCells(rate),
        deltaPp(rate),
      ]),
    ),
  );
  if (distribution.fit !== null) {
    const { statistic, degreesOfFreedom, pValue } = distribution.fit;
    lines.push(`  Chi-square fit: ${statistic.toFixed(2)} on ${degreesOfFreedom} degrees of freedom, p = ${pValue.toFixed(3)}`);
  } else lines.push(`  Chi-square fit: ${NO_THEORY}`);

  const { edge } = frequency;
  lines.push(
    '',
    edge === null
      ? `Edge estimate: ${frequency.baseline === null ? NO_THEORY : 'no rounds in the window'}`
      : `Edge estimate (what a ${times(edge.target)} cash-out paid): ${percent(edge.edge)} ${interval(edge.interval)}`,
  );
  for (const note of stats.notes) lines.push(`Note: ${note}`);
  return lines;
}

function wheelSection(wheel: WheelPanel): string[] {
  const lines = ['', 'Wheel segments (window; spins since over the whole history)'];
  lines.push(
    ...table(
      ['segment', 'hits', 'observed', '95% interval', 'theoretical', 'spins since', 'percentile'],
      wheel.segments.map((segment) => [
        segment.label,
        ...rateCells(segment.rate),
        since(segment.drought),
        percent(segment.drought.percentile),
      ]),
    ),
  );
  if (wheel.fit !== null) lines.push(`  Chi-square fit: ${wheel.fit.statistic.toFixed(2)} on ${wheel.fit.degreesOfFreedom} degrees of freedom, p = ${wheel.fit.pValue.toFixed(3)}`);
  else if (wheel.fitNote !== null) lines.push(`  Chi-square fit: ${wheel.fitNote}`);
  return lines;
}

function diceSection(dice: DicePanel): string[] {
  const lines = ['', `Dice totals${dice.theoryNote === null ? '' : ` (${dice.theoryNote})`}`];
  lines.push(
    ...table(
      ['total', 'hits', 'observed', '95% interval', 'theoretical', 'rolls since', 'pays'],
      dice.totals.map((total) => [
        total.total,
        ...rateCells(total.rate),
        since(total.drought),
        total.basePay === null ? '-' : `${total.basePay}:1`,
      ]),
    ),
  );
  return lines;
}

function rouletteSection(roulette: RoulettePanel): string[] {
  const theory = roulette.pockets[0]?.rate.theoretical ?? null;
  const lines = ['', `Roulette pockets (theoretical ${percent(theory)} each)`];
  lines.push(
    ...table(
      ['pocket', 'hits', 'observed', 'Δ pp', 'spins since'],
      roulette.pockets.map((pocket) => [`${pocket.pocket} ${pocket.color}`, pocket.rate.hits, observed(pocket.rate), deltaPp(pocket.rate), since(pocket.drought)]),
    ),
  );
  return lines;
}

function betsSection(bets: BetsPanelView): string[] {
  const money = (dollars: number): string => `$${dollars.toFixed(2)}`;
  const since = bets.recordedSince === null ? 'none recorded yet' : `recording since ${bets.recordedSince}`;
  const lines = [
    '',
    `Recorded bets (${bets.totals.bets} bets in ${bets.rounds} rounds; ${since})`,
    `  Return ${percent(bets.totals.rtp)} (law: ${percent(bets.fairRtp)}): ${money(bets.totals.payout)} paid of ${money(bets.totals.volume)} staked`,
  ];
  lines.push(
    ...table(
      ['target', 'bets', 'won', 'law', 'Δ pp', 'return', 'law return'],
      bets.bands.map((band) => [
        band.to === null ? `>= ${times(band.from)}` : `${times(band.from)}-${times(band.to)}`,
        band.bets,
        observed(band.winRate),
        percent(band.winRate.theoretical),
        deltaPp(band.winRate),
        percent(band.rtp),
        percent(band.fairRtp),
      ]),
    ),
    '',
    ...table(
      ['currency', 'bets', 'staked', 'paid', 'return'],
      bets.currencies.map((currency) => [currency.currency, currency.bets, money(currency.volume), money(currency.payout), percent(currency.rtp)]),
    ),
    `  ${bets.note}`,
  );
  return lines;
}

export function formatStatsReport({ summary, stats }: StatsReport): string {
  const lines = [`${summary.game} (${summary.kind})`, describeWindow(stats.multiplier.window), ''];
  lines.push(...summarySection(summary));
  lines.push(...multiplierSections(stats.multiplier));
  if (stats.wheel) lines.push(...wheelSection(stats.wheel));
  if (stats.dice) lines.push(...diceSection(stats.dice));
  if (stats.roulette) lines.push(...rouletteSection(stats.roulette));
  if (stats.bets) lines.push(...betsSection(stats.bets));
  lines.push('', 'Hourly counts, biggest wins, bonuses and the rest: --json.');
  return lines.join('\n');
}
