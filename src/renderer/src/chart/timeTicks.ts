// Time axis labels in the viewer's local 24-hour clock, like the round feed, so a point on the
// chart and a chip in the feed read the same. The tick step decides how much of the time to show.

const DAY_SECONDS = 86_400;

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const minuteFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const secondFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A label for a tick at `seconds` (epoch) on an axis whose ticks are `stepSeconds` apart. */
export function formatTimeTick(seconds: number | null, stepSeconds: number): string {
  if (seconds === null) return '';
  const date = new Date(seconds * 1000);
  if (stepSeconds >= DAY_SECONDS) return dayFormat.format(date);
  if (stepSeconds >= 60) return minuteFormat.format(date);
  return secondFormat.format(date);
}
