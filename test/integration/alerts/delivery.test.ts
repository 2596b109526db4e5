import { afterEach, describe, expect, it } from 'vitest';
import { AlertStore, FEED_LIMIT } from '../../../src/main/core/alerts/alert-store';
import { openDatabase } from '../../../src/main/core/store/database';
import { MIGRATIONS } from '../../../src/main/core/store/migrations';
import { useTempDir } from '../../support/temp-dir';
import { quietHoursAround, startAlertRig, times, type AlertRig } from './alert-harness';

// When an alert is delivered and when it is not: cooldowns and quiet hours on the policy clock
// (moved, never slept through), restarts of the core on the same data folder, re-delivered and
// backfilled rounds.

describe('alert delivery', () => {
  let rig: AlertRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('a cooldown suppresses a second hit within its window and lets the next one through after it', async () => {
    // Every Stake round stays below 50× unless a test scripts otherwise.
    rig = await startAlertRig({ games: ['stake-crash'], sandbox: { outcomes: [{ game: 'stake-crash', fromRound: 0, outcomes: times(5000, { below: 50 }) }] } });
    const rule = await rig.saveRule({ cooldownSeconds: 600, condition: { kind: 'multiplier', atLeast: 50 } });
    const [first] = await rig.playScripted('stake-crash', [{ atLeast: 50 }], { below: 50 });
    rig.policyMs += 599_000;
    const [second] = await rig.playScripted('stake-crash', [{ atLeast: 50 }], { below: 50 });
    rig.policyMs += 1_000;
    const [third] = await rig.playScripted('stake-crash', [{ atLeast: 50 }], { below: 50 });

    const alerted = rig.pushed.filter((alert) => alert.ruleId === rule.id).map((alert) => alert.roundId);
    expect(alerted).toEqual([first!.roundId, third!.roundId]);
    expect(alerted).not.toContain(second!.roundId);
  });

  it('an alert in quiet hours is kept in the feed as muted, without sound; outside them it is notified', async () => {
    rig = await startAlertRig({ games: ['stake-crash'], sandbox: { outcomes: [{ game: 'stake-crash', fromRound: 0, outcomes: times(5000, { below: 100 }) }] } });
    const rule = await rig.saveRule({ sound: true, quietHours: quietHoursAround(rig.policyMs), condition: { kind: 'multiplier', atLeast: 100 } });
    const [night] = await rig.playScripted('stake-crash', [{ atLeast: 100 }], { below: 100 });
    rig.policyMs += 3 * 3600_000;
    const [day] = await rig.playScripted('stake-crash', [{ atLeast: 100 }], { below: 100 });

    const alerts = rig.pushed.filter((alert) => alert.ruleId === rule.id);
    expect(alerts.map((alert) => [alert.roundId, alert.muted, alert.sound])).toEqual([
      [night!.roundId, true, false],
      [day!.roundId, false, true],
    ]);
    const feed = await rig.feed();
    expect(feed.map((alert) => [alert.roundId, alert.muted])).toEqual([
      [day!.roundId, false],
      [night!.roundId, true],
    ]);
    expect(feed[1]!.firedAt).toBe(new Date(rig.policyMs - 3 * 3600_000).toISOString());
  });

  it('a restart fires neither the rounds already alerted, re-delivered by the catch-up, nor the drought already told', async () => {
    // Every round lands in [10×, 1000×) unless scripted: no drought of ≥ 10× and no ≥ 1000× but the test's.
    rig = await startAlertRig({ games: ['stake-crash'], sandbox: { outcomes: [{ game: 'stake-crash', fromRound: 0, outcomes: times(5000, { atLeast: 10, below: 1000 }) }] } });
    const big = await rig.saveRule({ condition: { kind: 'multiplier', atLeast: 1000 } });
    const drought = await rig.saveRule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 8 } } });
    const rounds = await rig.playScripted('stake-crash', [{ below: 10 }, { atLeast: 1000 }, ...times(10, { below: 10 })], { below: 10 });
    const told = (): string[] => rig!.pushed.filter((alert) => alert.ruleId === big.id || alert.ruleId === drought.id).map((alert) => `${alert.ruleId}/${alert.roundId}`);
    const before = told();
    expect(before).toEqual([`${big.id}/${rounds[1]!.roundId}`, `${drought.id}/${rounds[10]!.roundId}`]);

    // The catch-up after the restart walks back over the last two minutes: the alerted round comes again.
    await rig.restart({ compose: { recorder: { restLagMs: 300, overlapMs: 120_000 } } });
    await rig.playOn('stake-crash', 12);
    expect(told()).toEqual(before);
    const feed = await rig.feed();
    expect(feed.filter((alert) => alert.ruleId === big.id).map((alert) => alert.roundId)).toEqual([rounds[1]!.roundId]);
    expect(feed.filter((alert) => alert.ruleId === drought.id).map((alert) => alert.roundId)).toEqual([rounds[10]!.roundId]);

    // The drought ends and a new one starts: that one is told, once.
    const next = await rig.playScripted('stake-crash', [{ atLeast: 10 }, ...times(10, { below: 10 })], { below: 10 });
    expect(told().slice(before.length)).toEqual([`${drought.id}/${next[9]!.roundId}`]);
  });

  it('a backfilled old round fires only the rule that includes backfill, marked as not live', async () => {
    // Ten minutes of history at 100× is ~2,000 rounds; round 500 finished ~7 minutes before the start.
    rig = await startAlertRig({
      games: ['stake-crash'],
      historyDepthMs: 60_000,
      sandbox: {
        epochMs: Date.now() - 10 * 60_000,
        outcomes: [
          { game: 'stake-crash', fromRound: 0, outcomes: times(6000, { below: 1000 }) },
          { game: 'stake-crash', fromRound: 500, outcomes: [{ atLeast: 1000 }] },
        ],
      },
    });
    const live = await rig.saveRule({ condition: { kind: 'multiplier', atLeast: 1000 } });
    const backfill = await rig.saveRule({ includeBackfill: true, condition: { kind: 'multiplier', atLeast: 1000 } });
    const old = rig.sandbox.rounds('stake-crash')[500]!;
    expect(Number(old.multiplier)).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - old.finalizedAtMs).toBeGreaterThan(5 * 60_000);

    // A deeper history: the deep walk brings round 500 in.
    await rig.restart({ historyDepthMs: 30 * 60_000 });
    await rig.core.flush();
    await expect
      .poll(async () => (await rig!.core.service.getRoundDetail({ game: 'stake-crash', roundId: old.roundId }).catch(() => null)) !== null, { timeout: 30_000 })
      .toBe(true);
    const alerts = rig.pushed.filter((alert) => alert.roundId === old.roundId);
    expect(alerts.map((alert) => [alert.ruleId, alert.live])).toEqual([[backfill.id, false]]);
    expect(alerts.some((alert) => alert.ruleId === live.id)).toBe(false);
  });
});

describe('the alert store', () => {
  it('keeps one alert per rule, game and round, whatever delivers the round again', () => {
    const dir = useTempDir();
    const db = openDatabase(`${dir.path}/history.sqlite`);
    try {
      db.prepare("INSERT INTO games (slug, kind) VALUES ('stake-crash', 'crash')").run();
      const store = new AlertStore(db, () => {});
      const alert = {
        ruleId: 1, ruleName: 'r', kind: 'multiplier' as const, game: 'stake-crash', gameName: 'Stake Crash', roundId: 'abc', roundIndex: '1', multiplier: '2.0000',
        segment: null, finalizedAt: '2026-06-01T00:00:00Z', title: 'r', body: 'b', route: '#/history/stake-crash/abc', run: null, sound: false, muted: false, live: true, firedAt: '2026-06-01T00:00:01Z',
      };
      const stored = { alert, ruleId: 1, gameId: 1, roundUs: 1, firedUs: 2 };
      const [first] = store.addAlerts([stored]);
      expect(first).toBeGreaterThan(0);
      expect(store.addAlerts([stored, { ...stored, ruleId: 2, alert: { ...alert, ruleId: 2 } }])).toEqual([null, first! + 1]);
      expect(store.feed(null, 10).alerts.map((entry) => entry.ruleId)).toEqual([2, 1]);
      expect(store.markReadThrough(first!)).toBe(1);
    } finally {
      db.close();
      dir.remove();
    }
  });
});

describe('the alert feed’s limit', () => {
  it('drops old alerts from the feed but never forgets that a round alerted, nor a rule’s last alert', () => {
    const dir = useTempDir();
    const db = openDatabase(`${dir.path}/history.sqlite`);
    try {
      db.prepare("INSERT INTO games (slug, kind) VALUES ('stake-crash', 'crash')").run();
      const store = new AlertStore(db, () => {});
      const alert = (ruleId: number, roundId: string) => ({
        alert: {
          ruleId, ruleName: `rule ${ruleId}`, kind: 'multiplier' as const, game: 'stake-crash', gameName: 'Stake Crash', roundId, roundIndex: null, multiplier: '2.0000',
          segment: null, finalizedAt: '2026-06-01T00:00:00Z', title: 't', body: 'b', route: `#/history/stake-crash/${roundId}`, run: null, sound: false, muted: false, live: true, firedAt: '2026-06-01T00:00:01Z',
        },
        ruleId, gameId: 1, roundUs: Number(roundId.slice(1)), firedUs: 10,
      });
      // A quiet rule alerts once; then a noisy one alerts on every round, far past the feed's limit.
      store.addAlerts([alert(1, 'q1')]);
      const noisy = Array.from({ length: FEED_LIMIT + 1_000 }, (_, i) => alert(2, `n${i + 2}`));
      for (let i = 0; i < noisy.length; i += 500) store.addAlerts(noisy.slice(i, i + 500));
      const feed = store.feed(null, 200);
      expect(feed.alerts.every((entry) => entry.ruleId === 2)).toBe(true);
      expect(db.prepare("SELECT count(*) AS n FROM alert_events WHERE alert_json != ''").get()).toEqual({ n: FEED_LIMIT });
      expect(feed.unread).toBe(FEED_LIMIT);
      // The quiet rule's alert left the feed, not the history: it cannot fire again for that round.
      expect(store.addAlerts([alert(1, 'q1'), alert(2, 'n2')])).toEqual([null, null]);
      expect(store.lastAlertRound(1, 1)).toEqual({ us: 1, index: null });
      expect(store.lastFiredUs(1)).toBe(10);
    } finally {
      db.close();
      dir.remove();
    }
  });
});

describe('migration 5', () => {
  it('adds the alert tables to a history of version 4 and never gives a deleted rule’s id to a new one', () => {
    const dir = useTempDir();
    const file = `${dir.path}/history.sqlite`;
    try {
      openDatabase(file, { migrations: MIGRATIONS.slice(0, 4) }).close();
      const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 5) });
      expect(db.pragma('user_version', { simple: true })).toBe(5);
      const store = new AlertStore(db, () => {});
      const rule = { id: null, name: 'r', enabled: true, games: ['stake-crash'], condition: { kind: 'multiplier' as const, atLeast: 2 }, cooldownSeconds: 0, quietHours: null, sound: false, includeBackfill: false };
      const first = store.saveRule(rule, 1)!;
      expect(store.deleteRule(first.id)).toBe(true);
      expect(store.saveRule(rule, 2)!.id).toBe(first.id + 1);
      db.close();
    } finally {
      dir.remove();
    }
  });
});
