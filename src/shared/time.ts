// Upstream timestamps mix precisions (`…27Z`, `…52.013Z`, `…28.580645Z`). Date.parse keeps only
// milliseconds, so ordering and `since` resume points use integer microseconds instead.

const ISO_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** Microseconds since the epoch, or null for a string that is not an ISO 8601 UTC/offset time. */
export function isoToMicros(iso: string): number | null {
  const match = ISO_PATTERN.exec(iso);
  if (!match) return null;
  const [, seconds, fraction = '', zone] = match;
  const wholeMs = Date.parse(`${seconds}${zone === 'Z' ? 'Z' : zone}`);
  if (Number.isNaN(wholeMs)) return null;
  const micros = Number((fraction + '000000').slice(0, 6));
  return wholeMs * 1000 + micros;
}

/** The inverse, always with six fractional digits, so a `since` built from it loses nothing. */
export function microsToIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const seconds = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  const fraction = String(micros - Math.floor(ms / 1000) * 1_000_000).padStart(6, '0');
  return `${seconds}.${fraction}Z`;
}
