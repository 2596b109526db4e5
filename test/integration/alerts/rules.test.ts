import { afterEach, describe, expect, it } from 'vitest';
import { missesAtPercentile } from '../../../src/main/core/alerts/rule-plan';
import { dispatchRequest } from '../../../src/main/core/dispatch';
import { droughtPercentile } from '../../../src/main/core/stats/theory/drought';
import { crashLaw } from '../../../src/shared/game-law/crash-law';
import { startAlertRig, times, type AlertRig } from './alert-harness';

// Each rule type against scripted rounds from the sandbox, over real sockets into real SQLite: it
// fires exactly once for the round that meets it, and for no other.

describe('alert rules fire once for the scripted rounds', () => {
  let rig: AlertRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('a multiplier rule fires for the round at or above x, with a sentence naming game, multiplier and round', async () => {
    rig = await startAlertRig({ games: ['stake-crash'], sandbox: { outcomes: [{ game: 'stake-crash', fromRound: 0, outcomes: times(5000, { below: 1000 }) }] } });
    const rule = await rig.saveRule({ name: 'Thousands', sound: true, condition: { kind: 'multiplier', atLeast: 1000 } });
    const [before, hit, after] = await rig.playScripted('stake-crash', [{ below: 1000 }, { atLeast: 1000 }, { below: 1000 }]);
    await rig.playOn('stake-crash', 3);

    const mine = rig.pushed.filter((alert) => alert.ruleId === rule.id);
    expect(mine.map((alert) => alert.roundId)).toEqual([hit!.roundId]);
    const [alert] = mine;
    expect(alert).toMatchObject({ game: 'stake-crash', kind: 'multiplier', title: 'Thousands', multiplier: hit!.multiplier, live: true, muted: false, sound: true });
    expect(alert!.body).toMatch(/^Stake Crash hit [\d,]+\.\d{2,4}× \(round \d{4}…\d{4}\)\.$/);
    expect(alert!.route).toBe(`#/history/stake-crash/${hit!.roundId}`);
    expect((await rig.feed()).filter((entry) => entry.ruleId === rule.id).map((entry) => entry.id)).toEqual([alert!.id]);
    expect(rig.pushed.some((entry) => entry.roundId === before!.roundId || entry.roundId === after!.roundId)).toBe(false);
  });

  it('a segment rule fires for the scripted bonus segment and not for the spins around it', async () => {
    rig = await startAlertRig({ games: ['crazytime'] });
    const rule = await rig.saveRule({ games: ['crazytime'], condition: { kind: 'segment', segments: ['cashhunt'] } });
    const spins = await rig.playScripted('crazytime', [{ notSegment: 'cashhunt' }, { segment: 'cashhunt' }, { notSegment: 'cashhunt' }]);
    const alerted = rig.pushed.filter((alert) => alert.ruleId === rule.id).map((alert) => alert.roundId);
    expect(alerted).toContain(spins[1]!.roundId);
    expect(alerted.filter((id) => id === spins[1]!.roundId)).toHaveLength(1);
    expect(alerted).not.toContain(spins[0]!.roundId);
    expect(alerted).not.toContain(spins[2]!.roundId);
    expect(rig.pushed.find((alert) => alert.roundId === spins[1]!.roundId)!.body).toMatch(/^Evolution Crazy Time landed Cash Hunt \(round /);
  });

  it('a rule over several games watches each of them', async () => {
    rig = await startAlertRig({ games: ['stake-crash', 'duel-crash'] });
    const rule = await rig.saveRule({ games: ['stake-crash', 'duel-crash'], condition: { kind: 'multiplier', atLeast: 500 } });
    const [, stakeHit] = await rig.playScripted('stake-crash', [{ below: 500 }, { atLeast: 500 }]);
    const [, duelHit] = await rig.playScripted('duel-crash', [{ below: 500 }, { atLeast: 500 }]);
    const alerted = rig.pushed.filter((alert) => alert.ruleId === rule.id);
    expect(alerted.filter((alert) => alert.roundId === stakeHit!.roundId).map((alert) => alert.game)).toEqual(['stake-crash']);
    expect(alerted.filter((alert) => alert.roundId === duelHit!.roundId).map((alert) => alert.game)).toEqual(['duel-crash']);
  });

  it('a drought fires once when it passes N rounds, not on the rounds after, and again in the next drought', async () => {
    rig = await startAlertRig({ games: ['stake-crash'] });
    const rule = await rig.saveRule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 12 } } });
    const first = await rig.playScripted('stake-crash', [{ atLeast: 10 }, ...times(16, { below: 10 })]);
    const second = await rig.playScripted('stake-crash', [{ atLeast: 10 }, ...times(14, { below: 10 })]);
    const scripted = new Set([...first, ...second].map((round) => round.roundId));
    const sinceFirstHit = rig.pushed.filter((alert) => alert.ruleId === rule.id && scripted.has(alert.roundId));
    // The 13th round without ≥ 10× after each hit, and nothing else.
    expect(sinceFirstHit.map((alert) => alert.roundId)).toEqual([first[13]!.roundId, second[13]!.roundId]);
    expect(sinceFirstHit.map((alert) => alert.run?.rounds)).toEqual([13, 13]);
    expect(sinceFirstHit[0]!.body).toMatch(/^Stake Crash: 13 rounds without ≥ 10\.00× — longer than \d+(\.\d)?% of waits in a fair game \(round /);
  });

  it('a drought beyond a percentile of the fair model fires at the length that percentile gives', async () => {
    rig = await startAlertRig({ games: ['stake-crash'] });
    const p = crashLaw('stake-crash')!.survival(5);
    const needed = missesAtPercentile(p, 0.95);
    const rule = await rig.saveRule({ condition: { kind: 'drought', target: { atLeast: 5 }, longerThan: { percentile: 0.95 } } });
    const rounds = await rig.playScripted('stake-crash', [{ atLeast: 5 }, ...times(needed + 2, { below: 5 })]);
    const fired = rig.pushed.filter((alert) => alert.ruleId === rule.id && rounds.some((round) => round.roundId === alert.roundId));
    expect(fired.map((alert) => alert.roundId)).toEqual([rounds[needed]!.roundId]);
    expect(fired[0]!.run).toEqual({ rounds: needed, percentile: droughtPercentile(p, needed) });
    expect(fired[0]!.run!.percentile).toBeGreaterThanOrEqual(0.95);
  });

  it('a streak fires when more than N rounds in a row land below x', async () => {
    rig = await startAlertRig({ games: ['stake-crash'] });
    const rule = await rig.saveRule({ condition: { kind: 'streak', below: 2, longerThan: 6 } });
    const rounds = await rig.playScripted('stake-crash', [{ atLeast: 2 }, ...times(9, { below: 2 }), { atLeast: 2 }]);
    const fired = rig.pushed.filter((alert) => alert.ruleId === rule.id && rounds.some((round) => round.roundId === alert.roundId));
    expect(fired.map((alert) => [alert.roundId, alert.run?.rounds])).toEqual([[rounds[7]!.roundId, 7]]);
    expect(fired[0]!.body).toMatch(/^Stake Crash: 7 rounds in a row below 2\.00×/);
  });

  it('refuses a rule that cannot work, at the boundary, with a sentence', async () => {
    rig = await startAlertRig({ games: ['stake-crash'] });
    const base = { id: null, name: 'x', enabled: true, games: ['stake-crash'], cooldownSeconds: 0, quietHours: null, sound: false, includeBackfill: false };
    const negative = await dispatchRequest(rig.core.service, 'saveAlertRule', { ...base, cooldownSeconds: -5, condition: { kind: 'multiplier', atLeast: 2 } });
    expect(negative).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Invalid input for saveAlertRule: cooldownSeconds A cooldown cannot be negative.' } });
    const quiet = await dispatchRequest(rig.core.service, 'saveAlertRule', { ...base, quietHours: { start: '22:00', end: '22:00' }, condition: { kind: 'multiplier', atLeast: 2 } });
    expect(quiet.ok ? null : quiet.error.message).toBe('Invalid input for saveAlertRule: quietHours Quiet hours need a start and an end that differ.');
    const segments = await dispatchRequest(rig.core.service, 'saveAlertRule', { ...base, condition: { kind: 'segment', segments: ['bonus'] } });
    expect(segments).toEqual({
      ok: false,
      error: { code: 'invalid_alert_rule', message: 'Stake Crash has no segments: segment alerts are for game shows such as Crazy Time or MONOPOLY Live.' },
    });
    expect(await rig.core.service.listAlertRules({})).toEqual([]);
  });
});
