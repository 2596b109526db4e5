// How the history browser writes times and counts. Times are the viewer's local time; the
// date inputs (datetime-local) speak local time too, and the service speaks ISO instants.

const TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const COUNT = new Intl.NumberFormat('en-US');

export function formatLocalTime(finalizedUs: number): string {
  return TIME.format(new Date(Math.floor(finalizedUs / 1000)));
}

/** "1,234,567 rounds", "1 round". */
export function formatRoundCount(count: number): string {
  return `${COUNT.format(count)} ${count === 1 ? 'round' : 'rounds'}`;
}

/** A datetime-local value (`2026-05-01T14:30`) as an ISO instant, or null when empty or invalid. */
export function localInputToIso(value: string): string | null {
  if (value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO instant as a datetime-local value, to seconds. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
