import { HOUR_US } from '../rollup/calendar';
import type { BetStore } from '../../store/bet-store';
import { planWindow } from '../window-plan';
import { BetTally } from './bet-tally';

/** The bet sums of the rounds with fromUs ≤ finalized_us < toUs (fromUs null: all history), read as planWindow splits it. */
export function betTallyOf(store: BetStore, gameId: number, fromUs: number | null, toUs: number): BetTally {
  const tally = new BetTally();
  for (const part of planWindow(fromUs, toUs)) {
    if (part.unit === 'days') for (const day of store.daysBetween(gameId, part.first, part.last)) tally.append(day);
    else if (part.unit === 'hours') for (const hour of store.hoursBetween(gameId, part.first, part.last)) tally.append(hour.tally);
    else {
      const hour = Math.floor(part.fromUs / HOUR_US);
      const stored = store.hoursBetween(gameId, hour, hour)[0];
      if (stored === undefined) continue;
      // The stored hour when all its rounds fall inside the part, else its rounds' bets.
      tally.append(stored.firstUs >= part.fromUs && stored.lastUs < part.toUs ? stored.tally : store.tallyOfRounds(gameId, part.fromUs, part.toUs));
    }
  }
  return tally;
}
