import { DAY_US, HOUR_US } from './rollup/calendar';

// How a window [fromUs, toUs) is read from aggregates kept per UTC hour and per UTC day: whole
// days where the window covers them, whole hours at the ends, and part-hours (read from the
// rounds themselves) only at its two edges. Shared by the round rollups and the bet tallies.

export type WindowPart =
  /** Days first..last (inclusive), numbered from the epoch. */
  | { readonly unit: 'days'; readonly first: number; readonly last: number }
  /** Hours first..last (inclusive). */
  | { readonly unit: 'hours'; readonly first: number; readonly last: number }
  /** [fromUs, toUs) inside one hour. */
  | { readonly unit: 'part-hour'; readonly fromUs: number; readonly toUs: number };

/** Rounds with fromUs ≤ finalized_us < toUs; fromUs null for the start of history. */
export function planWindow(fromUs: number | null, toUs: number): WindowPart[] {
  const parts: WindowPart[] = [];
  if (fromUs === null) {
    const lastFullDay = Math.floor(toUs / DAY_US) - 1;
    parts.push({ unit: 'days', first: Number.MIN_SAFE_INTEGER, last: lastFullDay });
    planRange(parts, (lastFullDay + 1) * DAY_US, toUs);
  } else {
    planRange(parts, fromUs, toUs);
  }
  return parts;
}

function planRange(parts: WindowPart[], fromUs: number, toUs: number): void {
  if (fromUs >= toUs) return;
  const firstFullHour = Math.ceil(fromUs / HOUR_US);
  const endFullHours = Math.floor(toUs / HOUR_US);
  if (firstFullHour >= endFullHours) {
    // Within one hour, or across one hour boundary with no whole hour between.
    const boundary = endFullHours * HOUR_US;
    if (boundary > fromUs && boundary < toUs) {
      partHour(parts, fromUs, boundary);
      partHour(parts, boundary, toUs);
    } else partHour(parts, fromUs, toUs);
    return;
  }
  partHour(parts, fromUs, firstFullHour * HOUR_US);
  const firstFullDay = Math.ceil((firstFullHour * HOUR_US) / DAY_US);
  const endFullDays = Math.floor((endFullHours * HOUR_US) / DAY_US);
  if (firstFullDay < endFullDays) {
    hours(parts, firstFullHour, firstFullDay * (DAY_US / HOUR_US));
    parts.push({ unit: 'days', first: firstFullDay, last: endFullDays - 1 });
    hours(parts, endFullDays * (DAY_US / HOUR_US), endFullHours);
  } else {
    hours(parts, firstFullHour, endFullHours);
  }
  partHour(parts, endFullHours * HOUR_US, toUs);
}

/** Whole hours [fromHour, endHour). */
function hours(parts: WindowPart[], fromHour: number, endHour: number): void {
  if (fromHour < endHour) parts.push({ unit: 'hours', first: fromHour, last: endHour - 1 });
}

function partHour(parts: WindowPart[], fromUs: number, toUs: number): void {
  if (fromUs < toUs) parts.push({ unit: 'part-hour', fromUs, toUs });
}
