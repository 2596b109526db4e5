import { hourFiguresOf, type HourFigures } from './panels/multiplier-panels';
import { HOUR_US } from './rollup/calendar';
import type { Rollup } from './rollup/rollup';
import type { RolledGame, RollupStamp, RollupStore, StoredRollup } from './rollup/rollup-store';
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
    /** The part of an hour inside the window, [from, to). */
    const spanOf = (hour: number): [number, number] => [Math.max(hour * HOUR_US, fromUs ?? Number.MIN_SAFE_INTEGER), Math.min((hour + 1) * HOUR_US, toUs)];
    /** A stored hour whose rounds all fall inside the window. */
    const inside = (hour: number): boolean => {
      const stamp = stamps.get(hour);
      const [spanFrom, spanTo] = spanOf(hour);
      return stamp !== undefined && stamp.firstUs >= spanFrom && stamp.lastUs < spanTo;
    };
    const keptFigures = (hour: number): HourFigures | null => {
      const kept = this.kept.get(`${game.id}:${hour}`);
      return kept !== undefined && sameStamp(kept.stamp, stamps.get(hour)!) ? kept.figures : null;
    };
    // Whole hours whose figures are not kept (live, only the newest, which gained a round) are
    // read in one query from the first to the last of them, and only they are decoded.
    const missing: number[] = [];
    for (let hour = firstHour; hour <= endHour; hour++) if (inside(hour) && keptFigures(hour) === null) missing.push(hour);
    const stored = missing.length === 0 ? new Map<number, StoredRollup>() : new Map(this.rollups.hoursBetween(game.id, missing[0]!, missing.at(-1)!).map((unit) => [unit.unit, unit]));
    const rows: HourFigures[] = [];
    for (let hour = firstHour; hour <= endHour; hour++) {
      if (!inside(hour)) {
        rows.push(hourFiguresOf(hour, this.reader.rollupOf(game, ...spanOf(hour))));
        continue;
      }
      const kept = keptFigures(hour);
      if (kept !== null) {
        rows.push(kept);
        continue;
      }
      const figures = hourFiguresOf(hour, stored.get(hour)!.rollup());
      if (this.kept.size >= KEPT_HOURS_LIMIT) this.kept.clear();
      this.kept.set(`${game.id}:${hour}`, { stamp: stamps.get(hour)!, figures });
      rows.push(figures);
    }
    return rows;
  }
}
