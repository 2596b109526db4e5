import { DAY_US, HOUR_US } from './rollup/calendar';
import { Rollup } from './rollup/rollup';
import type { RolledGame, RollupStore, StoredRollup } from './rollup/rollup-store';

// The rollup of any window [fromUs, toUs) from the stored ones: whole days where the window
// covers them, whole hours at the ends, and rows only for the part-hours at its two edges (or not
// even those, when an edge hour's rounds all fall inside). A 30-day window reads ~30 days, ≤ 46
// hours and at most two hours of rows; all history reads one row per day.

export class WindowReader {
  constructor(private readonly rollups: RollupStore) {}

  /** Rounds with fromUs ≤ finalized_us < toUs; fromUs null for the start of history. */
  rollupOf(game: RolledGame, fromUs: number | null, toUs: number): Rollup {
    const result = new Rollup();
    if (fromUs === null) {
      const lastFullDay = Math.floor(toUs / DAY_US) - 1;
      for (const day of this.rollups.daysBetween(game.id, Number.MIN_SAFE_INTEGER, lastFullDay)) result.append(day.rollup());
      this.appendRange(result, game, (lastFullDay + 1) * DAY_US, toUs);
      return result;
    }
    this.appendRange(result, game, fromUs, toUs);
    return result;
  }

  private appendRange(result: Rollup, game: RolledGame, fromUs: number, toUs: number): void {
    if (fromUs >= toUs) return;
    const firstFullHour = Math.ceil(fromUs / HOUR_US);
    const endFullHours = Math.floor(toUs / HOUR_US);
    if (firstFullHour >= endFullHours) {
      // Within one hour, or across one hour boundary with no whole hour between.
      const boundary = endFullHours * HOUR_US;
      if (boundary > fromUs && boundary < toUs) {
        this.appendPartHour(result, game, fromUs, boundary);
        this.appendPartHour(result, game, boundary, toUs);
      } else this.appendPartHour(result, game, fromUs, toUs);
      return;
    }
    this.appendPartHour(result, game, fromUs, firstFullHour * HOUR_US);
    const firstFullDay = Math.ceil((firstFullHour * HOUR_US) / DAY_US);
    const endFullDays = Math.floor((endFullHours * HOUR_US) / DAY_US);
    if (firstFullDay < endFullDays) {
      this.appendHours(result, game, firstFullHour, firstFullDay * (DAY_US / HOUR_US));
      for (const day of this.rollups.daysBetween(game.id, firstFullDay, endFullDays - 1)) result.append(day.rollup());
      this.appendHours(result, game, endFullDays * (DAY_US / HOUR_US), endFullHours);
    } else {
      this.appendHours(result, game, firstFullHour, endFullHours);
    }
    this.appendPartHour(result, game, endFullHours * HOUR_US, toUs);
  }

  /** Whole hours [fromHour, endHour). */
  private appendHours(result: Rollup, game: RolledGame, fromHour: number, endHour: number): void {
    if (fromHour >= endHour) return;
    for (const hour of this.rollups.hoursBetween(game.id, fromHour, endHour - 1)) result.append(hour.rollup());
  }

  /** [fromUs, toUs) within one hour: the stored hour if all its rounds are inside, else its rows. */
  private appendPartHour(result: Rollup, game: RolledGame, fromUs: number, toUs: number): void {
    if (fromUs >= toUs) return;
    const hour = Math.floor(fromUs / HOUR_US);
    const stored: StoredRollup | undefined = this.rollups.hoursBetween(game.id, hour, hour)[0];
    if (stored === undefined) return;
    if (stored.firstUs >= fromUs && stored.lastUs < toUs) result.append(stored.rollup());
    else result.append(this.rollups.rollupOfRows(game, fromUs, toUs));
  }
}
