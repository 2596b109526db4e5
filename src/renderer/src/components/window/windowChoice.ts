import { WINDOW_PRESETS, type StatsWindow } from '../../../../shared/stats/window';

// The window a dashboard is read over, as the selector offers it: a documented preset, all of
// the local history, or a custom range typed as local date-times.

export const WINDOW_CHOICES: readonly (StatsWindow & string)[] = [...WINDOW_PRESETS, 'all'];

export function windowLabel(window: StatsWindow): string {
  if (window === 'all') return 'All history';
  if (typeof window === 'string') return window;
  return `${shortInstant(window.from)} – ${shortInstant(window.through)}`;
}

export function sameWindow(a: StatsWindow, b: StatsWindow): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.from === b.from && a.through === b.through;
}

/** A `datetime-local` value (the viewer's clock) as an ISO instant, or null when incomplete. */
export function localInputToIso(value: string): string | null {
  if (value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO instant as a `datetime-local` value in the viewer's clock. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A custom window from two inputs, or a sentence saying what is wrong with them. */
export function customWindow(fromInput: string, throughInput: string): { window: StatsWindow } | { problem: string } {
  const from = localInputToIso(fromInput);
  const through = localInputToIso(throughInput);
  if (from === null || through === null) return { problem: 'Choose both a start and an end.' };
  if (from > through) return { problem: 'The start is after the end.' };
  return { window: { from, through } };
}

const short = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function shortInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : short.format(date);
}
