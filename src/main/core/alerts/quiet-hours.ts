import type { QuietHours } from '../../../shared/alerts';

// Quiet hours are the user's local time of day, as they typed them: the machine's time zone, read
// from the policy clock, so tests move through the night by setting that clock.

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Minutes since local midnight at `ms`. */
export function localMinutes(ms: number): number {
  const date = new Date(ms);
  return date.getHours() * 60 + date.getMinutes();
}

/** Whether `minute` (since local midnight) lies in [start, end); a start after the end wraps midnight. */
export function inQuietHours(quiet: QuietHours, minute: number): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}
