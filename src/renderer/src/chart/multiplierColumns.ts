import type { AlignedData } from 'uplot';
import type { RoundView } from '../../../shared/round';
import { multiplierBand, multiplierValue } from '../round/multiplier';
import { roundKey } from '../round/roundOrder';

/** Points one chart keeps: a few hours of a busy crash game, cheap to redraw on every round. */
export const CHART_POINTS_KEPT = 2000;

type BandColumn = (number | null)[];

/**
 * The chart's data as uPlot wants it: an x column (seconds) and one y column per colour band, a
 * round's value sitting in its band's column and null in the others. Kept across updates so a new
 * round costs a push, not a reshaping of every point.
 */
export class MultiplierColumns {
  private readonly seconds: number[] = [];
  private readonly low: BandColumn = [];
  private readonly mid: BandColumn = [];
  private readonly high: BandColumn = [];
  /** Keys in column order, to forget the right rounds when trimming the oldest. */
  private readonly order: string[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly limit: number = CHART_POINTS_KEPT) {}

  get length(): number {
    return this.seconds.length;
  }

  data(): AlignedData {
    return [this.seconds, this.low, this.mid, this.high];
  }

  /**
   * Brings the columns in line with `rounds` (oldest first). Rounds newer than the last point are
   * appended; a round that lands earlier (a backfill reaching back) rebuilds the columns, since
   * uPlot needs x in order. Returns whether anything changed.
   */
  sync(rounds: readonly RoundView[]): boolean {
    const fresh = rounds.filter((round) => !this.keys.has(roundKey(round)));
    if (fresh.length === 0) return false;
    const lastSeconds = this.seconds.at(-1);
    if (lastSeconds === undefined || fresh.every((round) => round.finalizedUs / 1e6 >= lastSeconds)) {
      for (const round of fresh) this.push(round);
    } else {
      this.clear();
      for (const round of rounds.slice(-this.limit)) this.push(round);
    }
    this.trim();
    return true;
  }

  private push(round: RoundView): void {
    const key = roundKey(round);
    const value = multiplierValue(round.multiplier);
    // A log scale cannot place zero or a negative value; such a round keeps its x and no point.
    const band = value > 0 ? multiplierBand(round.multiplier) : null;
    this.seconds.push(round.finalizedUs / 1e6);
    this.low.push(band === 'low' ? value : null);
    this.mid.push(band === 'mid' ? value : null);
    this.high.push(band === 'high' ? value : null);
    this.order.push(key);
    this.keys.add(key);
  }

  private trim(): void {
    const excess = this.seconds.length - this.limit;
    if (excess <= 0) return;
    for (const column of [this.seconds, this.low, this.mid, this.high]) column.splice(0, excess);
    for (const key of this.order.splice(0, excess)) this.keys.delete(key);
  }

  private clear(): void {
    for (const column of [this.seconds, this.low, this.mid, this.high, this.order]) column.length = 0;
    this.keys.clear();
  }
}

/** Reference lines drawn on every crash chart: the bands' edges. */
export const THRESHOLDS = [2, 10] as const;

/**
 * The y range on the log scale: from just under 1× (so 1.00× busts are not cut in half by the
 * edge) to above both thresholds and the highest round, whatever the data.
 */
export function multiplierRange(dataMax: number | null): [number, number] {
  const top = dataMax !== null && Number.isFinite(dataMax) ? dataMax : 0;
  return [0.9, Math.max(20, top * 1.25)];
}
