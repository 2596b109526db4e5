import { afterEach, describe, expect, it } from 'vitest';
import { missesAtPercentile } from '../../../src/main/core/alerts/rule-plan';
import { bonusSegments } from '../../../src/main/core/stats/round-facts';
import { alertPacer, DEFAULT_PACING } from '../../../src/main/electron/alert-pacing';
import type { DesktopNotice } from '../../../src/main/electron/notifications';
import type { AlertCondition, AlertRule, AlertRuleInput } from '../../../src/shared/alerts';
import { crashLaw } from '../../../src/shared/game-law/crash-law';
import { segmentCount, wheelSegments } from '../../../src/shared/game-law/wheel-law';
import type { ScriptedOutcome, SimRoundRecord } from '../../../src/sim/server';
import { quietHoursAround, startAlertRig, times, type AlertRig } from './alert-harness';

// Delivery for every rule type, one table: each fires once per qualifying round however often the
// round is delivered, keeps its cooldown and its quiet hours, and across a restart remembers what
// it told and how long its run is. Scripted rounds from the sandbox, over real sockets into a real
// history file.

interface RuleCase {
  /** The rule type, as the test names say it. */
  readonly name: string;
  /** The games the sandbox plays and the rule watches. */
  readonly games: readonly string[];
  readonly condition: AlertCondition;
  /** A round that never fires the rule and ends any drought or streak it counts. */
  readonly calm: ScriptedOutcome;
  /** The rounds after a calm one that fire the rule, once, at the last; the nth time may differ. */
  qualifying(n: number): ScriptedOutcome[];
  /** A round after the qualifying ones that keeps a drought or streak going (a calm one for a hit). */
  readonly lingering: ScriptedOutcome;
}

const CRAZY_TIME_BONUSES = [...bonusSegments('crazytime')];
const CRAZY_TIME_ONE = wheelSegments('crazytime').find((segment) => segment.code === 'n1')!.count / segmentCount(wheelSegments('crazytime'));
const STAKE_FIVE = crashLaw('stake-crash')!.survival(5);

const RULES: readonly RuleCase[] = [
  {
    name: 'segment',
    games: ['crazytime'],
    condition: { kind: 'segment', segments: ['n10'] },
    // Number segments around it: a bonus round takes the wheel twice as long.
    calm: { segment: 'n2' },
    qualifying: () => [{ segment: 'n10' }],
    lingering: { segment: 'n2' },
  },
  {
    name: 'bonus',
    games: ['crazytime'],
    condition: { kind: 'segment', segments: ['bonus'] },
    calm: { segment: 'n1' },
    // Each time another of Crazy Time's four bonus games.
    qualifying: (n) => [{ segment: CRAZY_TIME_BONUSES[n % CRAZY_TIME_BONUSES.length]! }],
    lingering: { segment: 'n1' },
  },
  {
    name: 'streak',
    games: ['stake-crash'],
    // 2.5× is no headline threshold: after a restart its streak is counted from the rounds.
    condition: { kind: 'streak', below: 2.5, longerThan: 4 },
    calm: { atLeast: 2.5 },
    qualifying: () => times(5, { below: 2.5 }),
    lingering: { below: 2.5 },
  },
  {
    name: 'percentile drought of ≥ x',
    games: ['stake-crash'],
    condition: { kind: 'drought', target: { atLeast: 5 }, longerThan: { percentile: 0.9 } },
    calm: { atLeast: 5 },
    qualifying: () => times(missesAtPercentile(STAKE_FIVE, 0.9), { below: 5 }),
    lingering: { below: 5 },
  },
  {
    name: 'percentile drought of a segment',
    games: ['crazytime'],
    condition: { kind: 'drought', target: { segments: ['n1'] }, longerThan: { percentile: 0.95 } },
    calm: { segment: 'n1' },
    qualifying: () => times(missesAtPercentile(CRAZY_TIME_ONE, 0.95), { segment: 'n2' }),
    lingering: { segment: 'n2' },
  },
  {
    name: 'multi-game drought',
    // One cooldown for both games, one drought on each.
    games: ['stake-crash', 'duel-crash'],
    condition: { kind: 'drought', target: { atLeast: 3 }, longerThan: { rounds: 5 } },
    calm: { atLeast: 3 },
    qualifying: () => times(6, { below: 3 }),
    lingering: { below: 3 },
  },
];

/** `game/roundId`: names a round, or the round of an alert. */
const roundKey = ({ game, roundId }: { readonly game: string; readonly roundId: string }): string => `${game}/${roundId}`;

describe.each(RULES.map((rule) => [rule.name, rule] as const))('a %s rule', (_, rule) => {
  const first = rule.games[0]!;
  const last = rule.games.at(-1)!;
  const countsRuns = rule.condition.kind === 'drought' || rule.condition.kind === 'streak';
  let rig: AlertRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  /** Every round of every game is calm unless a test scripts otherwise; catch-ups reach two minutes back. */
  const start = (): Promise<AlertRig> =>
    startAlertRig({
      games: rule.games,
      sandbox: { outcomes: rule.games.map((game) => ({ game, fromRound: 0, outcomes: times(5000, rule.calm) })) },
      compose: { recorder: { restLagMs: 300, overlapMs: 120_000 } },
    });

  /** Saves the rule of this case, with `fields` set. */
  const save = (fields: Partial<Pick<AlertRuleInput, 'cooldownSeconds' | 'quietHours' | 'sound'>> = {}): Promise<AlertRule> =>
    rig!.saveRule({ games: [...rule.games], condition: rule.condition, ...fields });

  /** Plays a calm round, then the nth qualifying rounds; resolves with the round that fires. */
  const qualify = async (game: string, n: number, guard = rule.calm): Promise<SimRoundRecord> => {
    const rounds = await rig!.playScripted(game, [rule.calm, ...rule.qualifying(n)], guard);
    return rounds.at(-1)!;
  };

  /** The rounds the rule alerted for, in the order pushed. */
  const alertsOf = (saved: AlertRule): string[] => rig!.pushed.filter((alert) => alert.ruleId === saved.id).map(roundKey);
  /** The rounds of the rule's alerts in the feed, oldest first. */
  const feedOf = async (saved: AlertRule): Promise<string[]> =>
    (await rig!.feed())
      .filter((alert) => alert.ruleId === saved.id)
      .map(roundKey)
      .reverse();

  it('fires once for each qualifying round, though the stream and a catch-up deliver the rounds again', async () => {
    rig = await start();
    const saved = await save();
    // Every frame from here on is sent twice, and the stream is cut afterwards: the catch-up fetches them again.
    rig.sandbox.duplicateNextFrames(10_000);
    const fired: SimRoundRecord[] = [];
    for (const game of rule.games) {
      const [one, two] = [rule.qualifying(0), rule.qualifying(1)];
      const rounds = await rig.playScripted(game, [rule.calm, ...one, rule.calm, ...two, ...times(3, rule.lingering)], rule.calm);
      fired.push(rounds[one.length]!, rounds[one.length + 1 + two.length]!);
    }
    expect(alertsOf(saved)).toEqual(fired.map(roundKey));

    rig.dropStreams();
    for (const round of fired) await rig.refetched(round);
    for (const round of fired) expect(rig.sandbox.framesSent(round.game).filter((frame) => frame.roundId === round.roundId).length).toBeGreaterThanOrEqual(2);
    await rig.playOn(last, 2);
    expect(alertsOf(saved)).toEqual(fired.map(roundKey));
    expect(await feedOf(saved)).toEqual(fired.map(roundKey));
  });

  it('is held by its cooldown within the window, on any of its games, and fires again after it', async () => {
    rig = await start();
    const saved = await save({ cooldownSeconds: 600 });
    const before = await qualify(first, 0);
    rig.policyMs += 599_000;
    const within = await qualify(last, 1);
    rig.policyMs += 1_000;
    const after = await qualify(last, 2);

    expect(alertsOf(saved)).toEqual([roundKey(before), roundKey(after)]);
    expect(alertsOf(saved)).not.toContain(roundKey(within));
    expect(await feedOf(saved)).toEqual([roundKey(before), roundKey(after)]);
  });

  it('fires muted in its quiet hours, kept in the feed without sound or notification, and notified outside them', async () => {
    rig = await start();
    const saved = await save({ sound: true, quietHours: quietHoursAround(rig.policyMs) });
    const night = await qualify(first, 0);
    rig.policyMs += 3 * 3600_000;
    const day = await qualify(last, 1);

    const pushed = rig.pushed.filter((alert) => alert.ruleId === saved.id);
    expect(pushed.map((alert) => [roundKey(alert), alert.muted, alert.sound])).toEqual([
      [roundKey(night), true, false],
      [roundKey(day), false, true],
    ]);
    const feed = (await rig.feed()).filter((alert) => alert.ruleId === saved.id);
    expect(feed.map((alert) => [roundKey(alert), alert.muted])).toEqual([
      [roundKey(day), false],
      [roundKey(night), true],
    ]);
    // What the desktop shows for them: only the alert outside quiet hours, with its sound.
    const notices: DesktopNotice[] = [];
    const notify = alertPacer((notice) => notices.push(notice), DEFAULT_PACING, { now: () => 0, later: () => {} });
    for (const alert of pushed) notify(alert, true);
    expect(notices).toEqual([{ title: pushed[1]!.title, body: pushed[1]!.body, sound: true, route: pushed[1]!.route }]);
  });

  it('after a restart on the same history fires neither what it told nor its run going on, until the run is broken and crosses again', async () => {
    rig = await start();
    const saved = await save();
    // A drought or streak goes on through the restart; the catch-up after it fetches the told round again.
    const told = await qualify(first, 0, rule.lingering);
    expect(alertsOf(saved)).toEqual([roundKey(told)]);

    await rig.restart();
    await rig.refetched(told);
    await rig.playOn(first, 4);
    expect(alertsOf(saved)).toEqual([roundKey(told)]);
    expect(await feedOf(saved)).toEqual([roundKey(told)]);

    const again: SimRoundRecord[] = [];
    for (const [n, game] of rule.games.entries()) again.push(await qualify(game, n + 1));
    expect(alertsOf(saved)).toEqual([roundKey(told), ...again.map(roundKey)]);
  });

  if (countsRuns) it('counts a run begun before a restart from its start, and fires at its crossing after it', async () => {
    rig = await start();
    const saved = await save();
    const rounds = rig.sandbox.rounds(first);
    const crossing = rule.qualifying(0).length;
    // The run begins in a second it shares with the round before it (rows are stamped to the
    // second): that round came first by round_index and must not count into the run after the restart.
    let calmAt: number;
    do {
      const [calm] = await rig.playScripted(first, [rule.calm, rule.lingering], rule.lingering);
      calmAt = rounds.findIndex((round) => round.roundId === calm!.roundId);
    } while (Math.floor(rounds[calmAt - 1]!.finalizedAtMs / 1000) !== Math.floor(rounds[calmAt]!.finalizedAtMs / 1000));
    expect(rounds.length, 'the run crosses after the restart').toBeLessThan(calmAt + crossing);

    await rig.restart();
    await rig.refetched(rounds[calmAt]!);
    await rig.playOn(first, Math.max(1, calmAt + crossing + 2 - rounds.length));
    const fired = rig.pushed.filter((alert) => alert.ruleId === saved.id);
    expect(fired).toHaveLength(1);
    // At its crossing; or, when the crossing round reached the history behind a newer one (the
    // restart's catch-up racing the stream), at the newest round then: a run fires only there.
    // Either way the length told is that round's own: rounds after the calm one, through it.
    const at = rounds.findIndex((round) => roundKey(round) === roundKey(fired[0]!));
    expect(at).toBeGreaterThanOrEqual(calmAt + crossing);
    expect(fired[0]!.run?.rounds).toBe(at - calmAt);
  });
});
