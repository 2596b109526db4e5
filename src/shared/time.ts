// Upstream timestamps mix precisions (`…27Z`, `…52.013Z`, `…28.580645Z`). Date.parse keeps only
// milliseconds, so ordering, `since` resume points and the sandbox's filters all use integer
// microseconds, read and written here.

const SECONDS_PER_DAY = 86_400;

// Rounds are generated oldest first, so consecutive timestamps nearly always share a UTC day:
// caching the date part keeps Date objects off the path that writes a million rows.
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

function dayPrefix(day: number): string {
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 11);
  }
  return cachedDayPrefix;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function secondsText(epochSeconds: number): string {
  const day = Math.floor(epochSeconds / SECONDS_PER_DAY);
  const secondOfDay = epochSeconds - day * SECONDS_PER_DAY;
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  return `${dayPrefix(day)}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(secondOfDay % 60)}`;
}

/** `2026-06-01T12:20:27Z`: the whole second holding `ms`. */
export function isoSeconds(ms: number): string {
  return `${secondsText(Math.floor(ms / 1000))}Z`;
}

/** `2026-06-01T12:20:28.580645Z` for an integer count of microseconds. */
export function microsToIso(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = String(micros - seconds * 1_000_000).padStart(6, '0');
  return `${secondsText(seconds)}.${fraction}Z`;
}

const ISO_PATTERN = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Microseconds since the epoch for an ISO 8601 date-time with a zone (`Z` or `±hh:mm`), or null.
 * Fractions of any length are accepted; digits past the sixth are dropped, since rows carry at
 * most microseconds.
 */
export function isoToMicros(text: string): number | null {
  const match = ISO_PATTERN.exec(text);
  if (!match) return null;
  const [, date, h, mi, s, fraction, sign, offsetHours, offsetMinutes] = match;
  const dayMs = dayStartMs(date!);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (dayMs === null || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMs = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return null;
    offsetMs = (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const micros = fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, '0'));
  return (dayMs + ((hour * 60 + minute) * 60 + second) * 1000 - offsetMs) * 1000 + micros;
}

// Rows arrive in time order, so consecutive timestamps nearly always share a day: its start is
// computed (and the date validated) once, keeping Date objects off the ingest path.
let cachedDateText = '';
let cachedDayMs: number | null = null;

function dayStartMs(dateText: string): number | null {
  if (dateText === cachedDateText) return cachedDayMs;
  const year = Number(dateText.slice(0, 4));
  const month = Number(dateText.slice(5, 7));
  const day = Number(dateText.slice(8, 10));
  let dayMs: number | null = null;
  if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
    // setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    dayMs = date.getTime();
  }
  cachedDateText = dateText;
  cachedDayMs = dayMs;
  return dayMs;
}
