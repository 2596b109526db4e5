import { HOUR_US } from './rollup/calendar';
import { Rollup } from './rollup/rollup';
import type { RolledGame, RollupStore, StoredRollup } from './rollup/rollup-store';
import { planWindow } from './window-plan';

// The rollup of any window [fromUs, toUs) from the stored ones, as planWindow splits it: a 30-day
// window reads ~30 days, ≤ 46 hours and at most two hours of rows (or not even those, when an
// edge hour's rounds all fall inside); all history reads one row per day.

export class WindowReader {
  constructor(private readonly rollups: RollupStore) {}

  /** Rounds with fromUs ≤ finalized_us < toUs; fromUs null for the start of history. */
  rollupOf(game: RolledGame, fromUs: number | null, toUs: number): Rollup {
    const result = new Rollup();
    for (const part of planWindow(fromUs, toUs)) {
      if (part.unit === 'days') for (const day of this.rollups.daysBetween(game.id, part.first, part.last)) result.append(day.rollup());
      else if (part.unit === 'hours') for (const hour of this.rollups.hoursBetween(game.id, part.first, part.last)) result.append(hour.rollup());
      else this.appendPartHour(result, game, part.fromUs, part.toUs);
    }
    return result;
  }

  /** [fromUs, toUs) within one hour: the stored hour if all its rounds are inside, else its rows. */
  private appendPartHour(result: Rollup, game: RolledGame, fromUs: number, toUs: number): void {
    const hour = Math.floor(fromUs / HOUR_US);
    const stored: StoredRollup | undefined = this.rollups.hoursBetween(game.id, hour, hour)[0];
    if (stored === undefined) return;
    if (stored.firstUs >= fromUs && stored.lastUs < toUs) result.append(stored.rollup());
    else result.append(this.rollups.rollupOfRows(game, fromUs, toUs));
  }
}
