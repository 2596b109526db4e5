import type { BackfillProgress, Completeness, GameState, GameStatus, SyncStatus } from '../../../../shared/contract';

// Status in words a person reads at a glance: durations, sizes, clock times and the sentence a
// game's state deserves. Pure, so every phrasing is pinned by a test.

const count = new Intl.NumberFormat('en-US');
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const STATE_WORDS: Readonly<Record<GameState, string>> = {
  connecting: 'Connecting',
  backfilling: 'Backfilling',
  live: 'Live',
  stale: 'Stale',
  paused: 'Paused',
  error: 'Error',
};

export function formatCount(value: number): string {
  return count.format(value);
}

/** "1 round", "1,204 rounds". */
export function countOf(value: number, word: string, plural = `${word}s`): string {
  return `${formatCount(value)} ${value === 1 ? word : plural}`;
}

/** "45 s", "3 min", "1 h 05 min", "2 d 4 h": the two largest units, never a false precision. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** What is left of a backfill, or an honest "estimating" before the rate is known. */
export function formatEta(etaSeconds: number | null): string {
  if (etaSeconds === null) return 'estimating time left…';
  if (etaSeconds < 1) return 'almost done';
  return `about ${formatDuration(etaSeconds)} left`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "0 B", "812 KB", "1.4 GB" (powers of 1024, as file managers show them). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** A moment as a clock time today, or with its date when it was another day. */
export function formatMoment(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? clock.format(at) : dayAndClock.format(at);
}

/** "12 s ago", "3 min ago"; "just now" under a second and for clocks slightly ahead. */
export function formatAgo(iso: string, nowMs: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = (nowMs - at) / 1000;
  return seconds < 1 ? 'just now' : `${formatDuration(seconds)} ago`;
}

/** "Catching up · 12,400 rows · 40% · about 3 min left". */
export function backfillWords(backfill: BackfillProgress): string {
  const parts = [backfill.kind === 'catch-up' ? 'Catching up' : 'Filling older history', countOf(backfill.rows, 'row')];
  if (backfill.fraction !== null) parts.push(`${Math.floor(backfill.fraction * 100)}%`);
  parts.push(formatEta(backfill.etaSeconds));
  return parts.join(' · ');
}

/** The one line a compact status shows under a game's name. Null when all is well and quiet. */
export function stateLine(game: GameStatus, now: Date = new Date()): string | null {
  switch (game.state) {
    case 'live':
      return game.detail;
    case 'connecting':
      return game.detail ?? 'Opening the live feed…';
    case 'backfilling':
      return game.backfill === null ? (game.detail ?? 'Catching up on rounds missed…') : backfillWords(game.backfill);
    case 'stale': {
      const since = game.staleSince === null ? '' : ` since ${formatMoment(game.staleSince, now)}`;
      return `No live rounds${since}.${game.detail === null ? ' Retrying on its own.' : ` ${game.detail}`}`;
    }
    case 'paused':
      return game.detail ?? 'Recording paused. Resume to catch up on the rounds missed.';
    case 'error':
      return game.detail ?? 'Recording stopped on an error. Check Settings → Connection.';
  }
}

export interface CompletenessWords {
  /** "Complete from 21:04" or "Not backfilled yet". */
  readonly coverage: string;
  /** "2 gaps found, 2 filled (340 rounds recovered)", or null when none were found. */
  readonly gaps: string | null;
  /** "1 span still open", or null when none is. */
  readonly open: string | null;
  /** True when something is still missing within the chosen depth. */
  readonly incomplete: boolean;
}

export function completenessWords(completeness: Completeness, now: Date = new Date()): CompletenessWords {
  const { from, through, depthReached, openSpans, gapsFound, gapsFilled, roundsRecovered } = completeness;
  let coverage: string;
  if (from === null || through === null) coverage = 'Not backfilled yet';
  else coverage = `Complete from ${formatMoment(from, now)}${depthReached ? ' (full depth)' : ''}`;
  const gaps =
    gapsFound === 0
      ? null
      : `${formatCount(gapsFound)} ${gapsFound === 1 ? 'gap' : 'gaps'} found, ${formatCount(gapsFilled)} filled` +
        (roundsRecovered > 0 ? ` (${formatCount(roundsRecovered)} rounds recovered)` : '');
  const open = openSpans === 0 ? null : `${formatCount(openSpans)} ${openSpans === 1 ? 'span' : 'spans'} still open`;
  return { coverage, gaps, open, incomplete: openSpans > 0 || gapsFilled < gapsFound || !depthReached };
}

export function quarantineWords(quarantined: number): string | null {
  if (quarantined === 0) return null;
  return `${formatCount(quarantined)} undecodable ${quarantined === 1 ? 'frame' : 'frames'} set aside`;
}

/** The sync strip's facts, each short enough for a footer. */
export function syncFacts(sync: SyncStatus, now: Date = new Date()): { label: string; value: string; tone: 'normal' | 'warn' }[] {
  const tierSource = sync.tierSource === 'setting' ? 'set in Settings' : sync.tierSource === 'detected' ? 'detected' : 'assumed';
  const facts: { label: string; value: string; tone: 'normal' | 'warn' }[] = [
    { label: 'Tier', value: `${capitalize(sync.tier)} (${tierSource})`, tone: 'normal' },
    { label: 'Live rounds', value: sync.live === 'stream' ? 'Stream' : 'Polling (no stream on this tier)', tone: 'normal' },
    {
      label: 'Request budget',
      value: `${trimNumber(sync.requestsPerSecond)}/s${sync.requestsWaiting > 0 ? ` · ${formatCount(sync.requestsWaiting)} waiting` : ''}`,
      tone: 'normal',
    },
  ];
  const limited = sync.rateLimitedUntil !== null && Date.parse(sync.rateLimitedUntil) > now.getTime();
  if (limited && sync.rateLimitedUntil !== null) {
    facts.push({ label: 'Rate limited', value: `until ${formatMoment(sync.rateLimitedUntil, now)}`, tone: 'warn' });
  } else if (sync.rateLimitedCount > 0) {
    facts.push({ label: 'Rate limited', value: `${formatCount(sync.rateLimitedCount)}× this session`, tone: 'normal' });
  }
  facts.push({ label: 'Quarantined', value: formatCount(sync.quarantined), tone: sync.quarantined > 0 ? 'warn' : 'normal' });
  return facts;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
