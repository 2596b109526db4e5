import type { AlignedData } from 'uplot';
import type { ChartSeries } from '../../../shared/chart-series';
import type { RoundView } from '../../../shared/round';
import { multiplierValue } from '../../../shared/multiplier-text';

// The history chart's columns: a fetched (maybe decimated) series, then the live rounds that
// committed after it, appended in place without asking the core again. Values go to one of three
// band columns (below 2×, 2× to 10×, 10× and up) so each band keeps its colour.

export class HistoryColumns {
  private readonly seconds: number[] = [];
  private readonly low: (number | null)[] = [];
  private readonly mid: (number | null)[] = [];
  private readonly high: (number | null)[] = [];
  /** The newest time (µs) the columns hold; live rounds up to it are already in. */
  private lastUs = Number.NEGATIVE_INFINITY;
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

  /** Replaces everything with a fetched series. */
  load(series: ChartSeries): void {
    for (const column of [this.seconds, this.low, this.mid, this.high]) column.length = 0;
    this.lastUs = Number.NEGATIVE_INFINITY;
    series.times.forEach((us, index) => this.push(us, series.values[index] as number));
    if (series.throughUs !== null) this.lastUs = Math.max(this.lastUs, series.throughUs);
    this.rounds = series.rounds;
    this.decimated = series.decimated;
  }

  /** Appends the live rounds newer than everything held (oldest first); returns how many. */
  appendLive(rounds: readonly RoundView[]): number {
    let added = 0;
    // Live rounds are sorted oldest first: walk back from the newest to the first one already held.
    let start = rounds.length;
    while (start > 0 && (rounds[start - 1] as RoundView).finalizedUs > this.lastUs) start--;
    for (let index = start; index < rounds.length; index++) {
      const round = rounds[index] as RoundView;
      this.push(round.finalizedUs, multiplierValue(round.multiplier));
      added++;
    }
    this.rounds += added;
    return added;
  }

  private push(us: number, value: number): void {
    const band = !(value > 0) ? null : value < 2 ? 'low' : value < 10 ? 'mid' : 'high';
    this.seconds.push(us / 1e6);
    this.low.push(band === 'low' ? value : null);
    this.mid.push(band === 'mid' ? value : null);
    this.high.push(band === 'high' ? value : null);
    this.lastUs = Math.max(this.lastUs, us);
  }
}
