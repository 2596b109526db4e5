// The time shown is the viewer's local wall clock: people compare rounds with what they watched.
const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatRoundTime(finalizedUs: number): string {
  return clock.format(new Date(Math.floor(finalizedUs / 1000)));
}
