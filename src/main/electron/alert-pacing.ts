import type { Alert } from '../../shared/alerts';
import type { DesktopNotice } from './notifications';

// How alerts become desktop notifications without flooding the screen: live alerts one by one up
// to a burst, everything past the burst and every backfilled alert gathered into one summary a
// few seconds later. The feed keeps every alert either way. Plain Node (no `electron` import).

export interface PacingLimits {
  /** Live alerts shown one by one within `windowMs`. */
  readonly burst: number;
  readonly windowMs: number;
  /** How long held alerts gather before their summary is shown. */
  readonly summaryDelayMs: number;
}

export const DEFAULT_PACING: PacingLimits = { burst: 3, windowMs: 10_000, summaryDelayMs: 5_000 };

export interface PacingClock {
  now(): number;
  later(run: () => void, ms: number): void;
}

const realClock: PacingClock = { now: () => Date.now(), later: (run, ms) => void setTimeout(run, ms).unref?.() };

export function alertPacer(show: (notice: DesktopNotice) => void, limits: PacingLimits = DEFAULT_PACING, clock: PacingClock = realClock): (alert: Alert, soundAllowed: boolean) => void {
  let shown: number[] = [];
  let held = 0;
  let heldBackfill = 0;
  const summarise = (): void => {
    const words = heldBackfill === held ? `from rounds caught up after a gap` : `in a short time`;
    show({ title: `${held} more alert${held === 1 ? '' : 's'}`, body: `${held} alert${held === 1 ? '' : 's'} ${words}; all are in the Alerts feed.`, route: '#/alerts' });
    held = 0;
    heldBackfill = 0;
  };
  return (alert, soundAllowed) => {
    if (alert.muted) return;
    const now = clock.now();
    shown = shown.filter((at) => now - at < limits.windowMs);
    if (alert.live && shown.length < limits.burst) {
      shown.push(now);
      show({ title: alert.title, body: alert.body, sound: alert.sound && soundAllowed, route: alert.route });
      return;
    }
    if (held === 0) clock.later(summarise, limits.summaryDelayMs);
    held += 1;
    if (!alert.live) heldBackfill += 1;
  };
}
