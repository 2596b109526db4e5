import type { SummaryView } from '../../../../shared/stats/multiplier-stats';
import type { WheelPanel } from '../../../../shared/stats/wheel';
import { formatMultiplier, multiplierHundredths } from '../../../../shared/multiplier-text';
import { segmentLabel } from '../../../../shared/segment-text';

// What an overview tile computes from the answers it gets: today's window, the headline delays
// worth a glance, and the short texts that fit a ribbon slot. Pure, so each is tested alone.

/** Summaries and counts are asked again at most this often while rounds arrive. */
export const FIGURES_REFRESH_MS = 4_000;

/** Crash thresholds a tile headlines: the summary's delay table. */
export const CRASH_HEADLINE_THRESHOLDS: readonly number[] = [2, 10, 50, 100];

/** At most this many delays per tile, so every tile reserves the same space. */
export const MAX_HEADLINE_DELAYS = 4;

/** "Rounds today": from the viewer's local midnight to now. */
export function todayWindow(now: Date): { from: string; through: string } {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return { from: midnight.toISOString(), through: now.toISOString() };
}

/** How long to wait before the next refresh so two are never closer than `minMs`. */
export function refreshDelay(lastRefreshMs: number, nowMs: number, minMs: number = FIGURES_REFRESH_MS): number {
  return Math.max(0, lastRefreshMs + minMs - nowMs);
}

export interface HeadlineDelay {
  /** "≥10×", "Cash Hunt". */
  readonly label: string;
  /** Rounds since the last hit (1 = the newest round); every round when never seen. */
  readonly roundsSince: number;
  readonly seen: boolean;
  /** P(a wait at least this long) under the fair model, or null without theory. */
  readonly chance: number | null;
}

export function crashHeadlineDelays(summary: SummaryView): HeadlineDelay[] {
  return summary.delays
    .filter((delay) => CRASH_HEADLINE_THRESHOLDS.includes(delay.threshold))
    .map((delay) => ({
      label: `≥${delay.threshold}×`,
      roundsSince: delay.drought.roundsSince,
      seen: delay.drought.seen,
      chance: delay.drought.chance,
    }));
}

/** A show's headline waits are its bonus segments (Cash Hunt, Coin Flip…), not its numbers. */
export function bonusHeadlineDelays(panel: WheelPanel): HeadlineDelay[] {
  return panel.segments
    .filter((segment) => segmentLabel(segment.code).kind === 'bonus')
    .slice(0, MAX_HEADLINE_DELAYS)
    .map((segment) => ({
      label: segment.label,
      roundsSince: segment.drought.roundsSince,
      seen: segment.drought.seen,
      chance: segment.drought.chance,
    }));
}

/** "31%", "4.2%", "0.3%", "<0.1%": how often a fair game makes someone wait this long. */
export function formatChance(chance: number): string {
  const percent = chance * 100;
  if (percent < 0.1) return '<0.1%';
  if (percent < 10) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

/**
 * How often a fair game makes a player wait this long, as people say odds: "1 in 6 waits". Half
 * of all waits or more is simply "a usual wait".
 */
export function formatWaitChance(chance: number): string {
  if (chance >= 0.5) return 'a usual wait';
  const oneIn = Math.round(1 / Math.max(chance, 1e-9));
  return `1 in ${oneIn.toLocaleString('en-US')} waits`;
}

/** Unusually long waits are flagged, never predicted: a 5% wait is just rare, not "due". */
export function isRareWait(chance: number | null): boolean {
  return chance !== null && chance < 0.05;
}

const ONE_THOUSAND_X = 100_000;

/** A multiplier for a ribbon slot: "1.87×", "245.10×", "1.2K×"; never rounded up. */
export function ribbonMultiplier(exact: string): string {
  const hundredths = multiplierHundredths(exact);
  if (hundredths === null || hundredths < ONE_THOUSAND_X) return formatMultiplier(exact);
  const whole = Math.floor(hundredths / 100);
  if (whole >= 1_000_000) return `${Math.floor(whole / 100_000) / 10}M×`;
  return `${Math.floor(whole / 100) / 10}K×`;
}

const SHORT_SEGMENTS: Readonly<Record<string, string>> = {
  'Cash Hunt': 'Hunt',
  'Coin Flip': 'Flip',
  Pachinko: 'Pach.',
  'Crazy Time': 'Crazy',
};

/** A segment for a ribbon slot: numbers as they are, bonus names shortened to fit. */
export function ribbonSegment(segment: string): { text: string; full: string; kind: 'number' | 'bonus' } {
  const label = segmentLabel(segment);
  const short = SHORT_SEGMENTS[label.text] ?? (label.text.length <= 6 ? label.text : `${label.text.slice(0, 5)}.`);
  return { text: short, full: label.text, kind: label.kind };
}
