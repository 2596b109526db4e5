import { HOUR_US } from '../rollup/calendar';
import type { BetStore } from '../../store/bet-store';
import { planWindow } from '../window-plan';
import { BetTally } from './bet-tally';

/** The bet sums of the rounds with fromUs ≤ finalized_us < toUs (fromUs null: all history), read as planWindow splits it. */
export function betTallyOf(store: BetStore, gameId: number, fromUs: number | null, toUs: number): BetTally {
  const tally = new BetTally();
  for (const part of planWindow(fromUs, toUs)) {
    if (part.unit === 'days') store.appendDays(tally, gameId, part.first, part.last);
    else if (part.unit === 'hours') store.appendHours(tally, gameId, part.first, part.last);
    else {
      const hour = Math.floor(part.fromUs / HOUR_US);
      const span = store.hourSpan(gameId, hour);
      if (span === undefined) continue;
      // The stored hour when all its rounds fall inside the part; else whichever reads fewer
      // rounds: the part's own, or the hour without the rounds outside the part.
      if (span.firstUs >= part.fromUs && span.lastUs < part.toUs) store.appendHours(tally, gameId, hour, hour);
      else if (part.toUs - part.fromUs <= HOUR_US / 2) store.appendRounds(tally, gameId, part.fromUs, part.toUs);
      else {
        const inPart = new BetTally();
        inPart.appendEncoded(store.hourTally(gameId, hour) as Uint8Array);
        store.appendRounds(inPart, gameId, hour * HOUR_US, part.fromUs, -1);
        store.appendRounds(inPart, gameId, part.toUs, (hour + 1) * HOUR_US, -1);
        inPart.prune();
        tally.append(inPart);
      }
    }
  }
  return tally;
}
