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

/** Labels kept before the oldest are let go: a long session pans over many more ticks than an axis shows. */
const LABELS_KEPT = 1_000;

/**
 * Time axis labels, each formatted once: a chart following live asks for nearly the same ticks on
 * every move, and formatting the dates is most of laying out its axis.
 */
export class TimeTickLabels {
  private stepSeconds = Number.NaN;
  private readonly labels = new Map<number, string>();

  /** The labels of ticks at `splits` (epoch seconds) on an axis whose ticks are `stepSeconds` apart. */
  of(splits: readonly (number | null)[], stepSeconds: number): string[] {
    if (stepSeconds !== this.stepSeconds || this.labels.size > LABELS_KEPT) {
      this.labels.clear();
      this.stepSeconds = stepSeconds;
    }
    return splits.map((seconds) => {
      if (seconds === null) return '';
      let label = this.labels.get(seconds);
      if (label === undefined) {
        label = formatTimeTick(seconds, stepSeconds);
        this.labels.set(seconds, label);
      }
      return label;
    });
  }
}
