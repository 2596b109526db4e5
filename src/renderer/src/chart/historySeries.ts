import type { AlignedData } from 'uplot';
import type { ChartSeries } from '../../../shared/chart-series';
import type { RoundView } from '../../../shared/round';
import { multiplierValue } from '../../../shared/multiplier-text';
import { roundKey } from '../round/roundOrder';

// The history chart's columns: a fetched (maybe decimated) series, then the live rounds that
// committed after it, appended in place without asking the core again. Values go to one of three
// band columns (below 2×, 2× to 10×, 10× and up) so each band keeps its colour.

/**
 * Points from this multiplier up are indexed, so the highest of a span (which sets the chart's y
 * range) is found among a few points rather than by reading all of them.
 */
export const PEAK_MULTIPLIER = 100;

export class HistoryColumns {
  private readonly seconds: number[] = [];
  private readonly low: (number | null)[] = [];
  private readonly mid: (number | null)[] = [];
  private readonly high: (number | null)[] = [];
  /** Indices of the points at PEAK_MULTIPLIER or above, ascending. */
  private readonly peaks: number[] = [];
  /** The newest time (µs) the columns hold. */
  private lastUs = Number.NEGATIVE_INFINITY;
  /**
   * The newest live round appended since the series was loaded: rounds after it are new even in
   * the same second (a sped-up sandbox plays many a second; the API's times are whole seconds).
   */
  private lastLiveKey: string | null = null;
  /** Rounds the columns stand for (a decimated series stands for more rounds than points). */
  rounds = 0;
  decimated = false;

  get length(): number {
    return this.seconds.length;
  }

  get newestUs(): number | null {
    return Number.isFinite(this.lastUs) ? this.lastUs : null;
  }

  data(): AlignedData {
    return [this.seconds, this.low, this.mid, this.high];
  }

  /** The highest multiplier from `index` on (appended rounds, say); null when there is none. */
  maxSince(index: number): number | null {
    let max: number | null = null;
    for (const column of [this.low, this.mid, this.high]) {
      for (let at = index; at < column.length; at++) {
        const value = column[at];
        if (value !== null && value !== undefined && (max === null || value > max)) max = value;
      }
    }
    return max;
  }

  /**
   * The highest multiplier between two indices (both included) when it is PEAK_MULTIPLIER or
   * more; null when none there reaches it.
   */
  peakBetween(first: number, last: number): number | null {
    let max: number | null = null;
    for (let at = firstAtOrAbove(this.peaks, first); at < this.peaks.length; at++) {
      const index = this.peaks[at] as number;
      if (index > last) break;
      // A peak is in the high band.
      const value = this.high[index] as number;
      if (max === null || value > max) max = value;
    }
    return max;
  }

  /**
   * Replaces everything with a fetched series, then appends the `live` rounds (oldest first) that
   * came after it. Rounds of the series' newest second may have committed after it was read: when
   * the series holds every round and the live rounds reach back before that second, the second is
   * taken from them instead.
   */
  load(series: ChartSeries, live: readonly RoundView[] = []): void {
    for (const column of [this.seconds, this.low, this.mid, this.high, this.peaks]) column.length = 0;
    this.lastUs = Number.NEGATIVE_INFINITY;
    this.lastLiveKey = null;
    series.times.forEach((us, index) => this.push(us, series.values[index] as number));
    if (series.throughUs !== null) this.lastUs = Math.max(this.lastUs, series.throughUs);
    this.rounds = series.rounds;
    this.decimated = series.decimated;
    const newestUs = series.throughUs;
    if (!series.decimated && newestUs !== null && (live[0]?.finalizedUs ?? Number.POSITIVE_INFINITY) < newestUs) {
      while (this.seconds.at(-1) === newestUs / 1e6) {
        for (const column of [this.seconds, this.low, this.mid, this.high]) column.pop();
        if (this.peaks.at(-1) === this.seconds.length) this.peaks.pop();
        this.rounds--;
      }
      this.lastUs = newestUs - 1;
    }
    this.appendLive(live);
  }

  /** Appends the live rounds (oldest first) that came after everything held; returns how many. */
  appendLive(rounds: readonly RoundView[]): number {
    // Walk back from the newest to the first one held: the last appended, one older than the
    // newest held, or, before any was appended, one no newer than the loaded series.
    let start = rounds.length;
    while (start > 0) {
      const round = rounds[start - 1] as RoundView;
      const held =
        this.lastLiveKey === null ? round.finalizedUs <= this.lastUs : round.finalizedUs < this.lastUs || roundKey(round) === this.lastLiveKey;
      if (held) break;
      start--;
    }
    for (let index = start; index < rounds.length; index++) {
      const round = rounds[index] as RoundView;
      this.push(round.finalizedUs, multiplierValue(round.multiplier));
      this.lastLiveKey = roundKey(round);
    }
    const added = rounds.length - start;
    this.rounds += added;
    return added;
  }

  private push(us: number, value: number): void {
    const band = !(value > 0) ? null : value < 2 ? 'low' : value < 10 ? 'mid' : 'high';
    if (value >= PEAK_MULTIPLIER) this.peaks.push(this.seconds.length);
    this.seconds.push(us / 1e6);
    this.low.push(band === 'low' ? value : null);
    this.mid.push(band === 'mid' ? value : null);
    this.high.push(band === 'high' ? value : null);
    this.lastUs = Math.max(this.lastUs, us);
  }
}

/** The first position in ascending `indices` holding `index` or more. */
function firstAtOrAbove(indices: readonly number[], index: number): number {
  let low = 0;
  let high = indices.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((indices[middle] as number) < index) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether rounds new in `next` (the page's live rounds, oldest first) landed before the newest of
 * `previous`, as a backfill's do, rather than after it. The page keeps a bounded list: once it is
 * full, rounds landing behind push out as many as they add and cannot be told apart.
 */
export function landedBehind(previous: readonly RoundView[], next: readonly RoundView[]): boolean {
  const newest = previous.at(-1);
  if (newest === undefined) return false;
  const at = next.lastIndexOf(newest);
  const after = at === -1 ? next.length : next.length - 1 - at;
  return next.length - previous.length > after;
}
