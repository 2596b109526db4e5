import { hourFiguresOf, type HourFigures } from './panels/multiplier-panels';
import { HOUR_US } from './rollup/calendar';
import type { Rollup } from './rollup/rollup';
import type { RolledGame, RollupStamp, RollupStore } from './rollup/rollup-store';
import type { WindowReader } from './window-reader';

// The hourly panel's rows. A month's panel is 744 hours, and decoding each hour's rollup was most
// of a 30-day dashboard's time (measured: 60% of 45 ms); a live dashboard asks again on every
// round. So each whole stored hour's figures are kept beside the stamp of the hour they came
// from, and made again only when that hour gains a round. Hours cut by the window's edges are
// read from their rows each time.

/** The hourly panel shows at most this many hours (a month): beyond, it covers the window's end. */
export const MAX_HOURS = 31 * 24;
/** Kept figures across games and windows: ~20 months of hours; all are dropped past it. */
const KEPT_HOURS_LIMIT = 15_000;

interface KeptHour {
  readonly stamp: RollupStamp;
  readonly figures: HourFigures;
}

const sameStamp = (a: RollupStamp, b: RollupStamp): boolean => a.rounds === b.rounds && a.firstUs === b.firstUs && a.lastUs === b.lastUs;

export class HourlyFigures {
  private readonly kept = new Map<string, KeptHour>();

  constructor(
    private readonly rollups: Pick<RollupStore, 'hourStamps' | 'hoursBetween'>,
    private readonly reader: Pick<WindowReader, 'rollupOf'>,
  ) {}

  /** One row per UTC hour the window touches (at most a month's, the latest), empty hours included. */
  of(game: RolledGame, fromUs: number | null, toUs: number, whole: Rollup): HourFigures[] {
    const lastUs = whole.last?.us ?? toUs - 1;
    const endHour = Math.floor(Math.min(toUs - 1, Math.max(lastUs, fromUs ?? lastUs)) / HOUR_US);
    const startUs = fromUs ?? whole.first?.us ?? lastUs;
    const firstHour = Math.max(Math.floor(startUs / HOUR_US), endHour - MAX_HOURS + 1);
    const stamps = new Map(this.rollups.hourStamps(game.id, firstHour, endHour).map((stamp) => [stamp.unit, stamp]));
    let decoded: Map<number, Rollup> | null = null;
    /** An hour's stored rollup; the first miss reads every hour of the window, as one query. */
    const storedRollup = (hour: number): Rollup => {
      decoded ??= new Map(this.rollups.hoursBetween(game.id, firstHour, endHour).map((stored) => [stored.unit, stored.rollup()]));
      return decoded.get(hour)!;
    };
    const rows: HourFigures[] = [];
    for (let hour = firstHour; hour <= endHour; hour++) {
      const hourFromUs = Math.max(hour * HOUR_US, fromUs ?? Number.MIN_SAFE_INTEGER);
      const hourToUs = Math.min((hour + 1) * HOUR_US, toUs);
      const stamp = stamps.get(hour);
      if (stamp === undefined || stamp.firstUs < hourFromUs || stamp.lastUs >= hourToUs) {
        rows.push(hourFiguresOf(hour, this.reader.rollupOf(game, hourFromUs, hourToUs)));
        continue;
      }
      const key = `${game.id}:${hour}`;
      const kept = this.kept.get(key);
      if (kept !== undefined && sameStamp(kept.stamp, stamp)) {
        rows.push(kept.figures);
        continue;
      }
      const figures = hourFiguresOf(hour, storedRollup(hour));
      if (this.kept.size >= KEPT_HOURS_LIMIT) this.kept.clear();
      this.kept.set(key, { stamp, figures });
      rows.push(figures);
    }
    return rows;
  }
}
