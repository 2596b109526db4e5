import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/shared/alerts';
import { alertPacer, type PacingClock } from '../../../src/main/electron/alert-pacing';
import type { DesktopNotice } from '../../../src/main/electron/notifications';

function alert(id: number, patch: Partial<Alert> = {}): Alert {
  return {
    id, ruleId: 1, ruleName: 'Big one', kind: 'multiplier', game: 'stake-crash', gameName: 'Stake Crash', roundId: `r${id}`, roundIndex: null, multiplier: '100.00',
    segment: null, finalizedAt: '2026-11-21T20:00:00Z', title: 'Big one', body: `Stake Crash hit 100.00× (round r${id}).`, route: `#/history/stake-crash/r${id}`,
    run: null, sound: true, muted: false, live: true, firedAt: '2026-11-21T20:00:01Z', read: false, ...patch,
  };
}

function rig(): { shown: DesktopNotice[]; offer: (a: Alert, soundAllowed?: boolean) => void; advance(ms: number): void } {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const clock: PacingClock = { now: () => now, later: (run, ms) => timers.push({ at: now + ms, run }) };
  const shown: DesktopNotice[] = [];
  const pace = alertPacer((notice) => shown.push(notice), { burst: 3, windowMs: 10_000, summaryDelayMs: 5_000 }, clock);
  return {
    shown,
    offer: (a, soundAllowed = true) => pace(a, soundAllowed),
    advance(ms) {
      now += ms;
      for (const timer of timers.splice(0).filter((t) => t.at <= now)) timer.run();
    },
  };
}

describe('alerts as desktop notifications', () => {
  it('shows live alerts one by one, with the rule’s sound unless the window is there to play it', () => {
    const { shown, offer } = rig();
    offer(alert(1));
    offer(alert(2, { sound: false }));
    offer(alert(3), false);
    expect(shown).toEqual([
      { title: 'Big one', body: 'Stake Crash hit 100.00× (round r1).', sound: true, route: '#/history/stake-crash/r1' },
      { title: 'Big one', body: 'Stake Crash hit 100.00× (round r2).', sound: false, route: '#/history/stake-crash/r2' },
      { title: 'Big one', body: 'Stake Crash hit 100.00× (round r3).', sound: false, route: '#/history/stake-crash/r3' },
    ]);
  });

  it('gathers a burst past three, and every backfilled alert, into one summary', () => {
    const { shown, offer, advance } = rig();
    for (let id = 1; id <= 5; id += 1) offer(alert(id));
    for (let id = 6; id <= 40; id += 1) offer(alert(id, { live: false }));
    expect(shown).toHaveLength(3);
    advance(5_000);
    expect(shown.slice(3)).toEqual([{ title: '37 more alerts', body: '37 alerts in a short time; all are in the Alerts feed.', route: '#/alerts' }]);
    for (let id = 41; id <= 50; id += 1) offer(alert(id, { live: false }));
    advance(5_000);
    expect(shown.at(-1)).toEqual({ title: '10 more alerts', body: '10 alerts from rounds caught up after a gap; all are in the Alerts feed.', route: '#/alerts' });
    advance(10_000);
    offer(alert(51));
    expect(shown.at(-1)).toMatchObject({ title: 'Big one', route: '#/history/stake-crash/r51' });
  });

  it('never shows a muted alert (quiet hours): it is in the feed only', () => {
    const { shown, offer, advance } = rig();
    offer(alert(1, { muted: true }));
    offer(alert(2, { muted: true, live: false }));
    advance(10_000);
    expect(shown).toEqual([]);
  });
});
