import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../src/shared/alerts';
import { AlertEvaluator, LIVE_WINDOW_MS, type AlertMemory, type Edge, type Firing } from '../../../src/main/core/alerts/evaluator';
import { inQuietHours, localMinutes } from '../../../src/main/core/alerts/quiet-hours';
import { missesAtPercentile, planRule, type Target } from '../../../src/main/core/alerts/rule-plan';
import type { Round } from '../../../src/main/core/round';
import { droughtPercentile } from '../../../src/main/core/stats/theory/drought';
import { crashLaw } from '../../../src/shared/game-law/crash-law';
import { MULTIPLIER_UNIT } from '../../../src/shared/stats/thresholds';

// The evaluator alone, over scripted rounds and an in-memory "history": what fires, once, when.

const NOW_MS = Date.UTC(2026, 5, 1, 12, 0, 0);

/** The committed history as the evaluator's memory reads it, and the alerts "stored" so far. */
class MemoryOfRounds implements AlertMemory {
  readonly rounds: Round[] = [];
  readonly alerts: { ruleId: number; game: string; round: Edge; firedMs: number }[] = [];

  head(game: string): Edge | null {
    const newest = this.of(game).at(-1);
    return newest === undefined ? null : { us: newest.finalizedUs, index: newest.roundIndex };
  }

  run(game: string, target: Target): { lastHit: Edge | null; misses: number } {
    const rounds = this.of(game);
    for (let i = rounds.length - 1; i >= 0; i--) {
      const round = rounds[i]!;
      if (target.matches(units(round), round.segment)) return { lastHit: { us: round.finalizedUs, index: round.roundIndex }, misses: rounds.length - 1 - i };
    }
    return { lastHit: null, misses: rounds.length };
  }

  countAfter(game: string, hit: Edge, throughUs: number): number {
    const after = (round: Round): boolean =>
      round.finalizedUs > hit.us || (round.finalizedUs === hit.us && hit.index !== null && round.roundIndex !== null && round.roundIndex > hit.index);
    return this.of(game).filter((round) => after(round) && round.finalizedUs <= throughUs).length;
  }

  lastAlertRound(ruleId: number, game: string): Edge | null {
    const mine = this.alerts.filter((alert) => alert.ruleId === ruleId && alert.game === game);
    return mine.at(-1)?.round ?? null;
  }

  lastFiredMs(ruleId: number): number | null {
    const mine = this.alerts.filter((alert) => alert.ruleId === ruleId);
    return mine.length === 0 ? null : Math.max(...mine.map((alert) => alert.firedMs));
  }

  private of(game: string): Round[] {
    return this.rounds.filter((round) => round.game === game).sort((a, b) => a.finalizedUs - b.finalizedUs || Number(a.roundIndex! - b.roundIndex!));
  }
}

const units = (round: Round): number => Math.round(Number(round.multiplier) * MULTIPLIER_UNIT);

let nextIndex = 1000n;
/** A round `agoMs` before NOW finalised; `segment` for the shows. */
function round(game: string, multiplier: string, agoMs: number, segment: string | null = null): Round {
  const index = nextIndex++;
  const finalizedUs = (NOW_MS - agoMs) * 1000;
  return { game, roundId: `r${index}`, roundIndex: index, multiplier, finalizedAt: new Date(finalizedUs / 1000).toISOString(), finalizedUs, segment, json: '{}' };
}

/** `count` live rounds of a crash game, the newest finalised `lastAgoMs` ago, multipliers from `values`. */
function liveRun(game: string, values: readonly string[], lastAgoMs = 1_000): Round[] {
  return values.map((value, i) => round(game, value, lastAgoMs + (values.length - 1 - i) * 300));
}

let nextRuleId = 1;
function rule(fields: Partial<AlertRule> & Pick<AlertRule, 'condition'>): AlertRule {
  return {
    id: nextRuleId++,
    name: 'rule',
    enabled: true,
    games: ['stake-crash'],
    cooldownSeconds: 0,
    quietHours: null,
    sound: false,
    includeBackfill: false,
    createdAt: '2026-06-01T00:00:00Z',
    updatedAt: '2026-06-01T00:00:00Z',
    ...fields,
  };
}

/** An evaluator over `memory` with `rules`; `commit` stores a batch and evaluates it as the writer's event would. */
function harness(rules: AlertRule[], memory = new MemoryOfRounds()) {
  const evaluator = new AlertEvaluator(memory);
  evaluator.setRules(rules);
  let policyMs = NOW_MS;
  const commit = (batch: Round[], clock: { policyMs?: number; realMs?: number } = {}): Firing[] => {
    memory.rounds.push(...batch);
    const firings = evaluator.evaluate(batch, { policyMs: clock.policyMs ?? policyMs, realMs: clock.realMs ?? NOW_MS });
    for (const firing of firings) memory.alerts.push({ ruleId: firing.rule.id, game: firing.round.game, round: { us: firing.round.finalizedUs, index: firing.round.roundIndex }, firedMs: firing.firedAtMs });
    return firings;
  };
  return {
    memory,
    evaluator,
    commit,
    setPolicyClock: (ms: number) => {
      policyMs = ms;
    },
  };
}

const misses = (count: number, value = '1.50'): string[] => Array<string>(count).fill(value);

describe('multiplier and segment rules', () => {
  it('fires for each live round at or above x, compared in the 4-decimal units of the row', () => {
    const { commit } = harness([rule({ condition: { kind: 'multiplier', atLeast: 2 } })]);
    const fired = commit(liveRun('stake-crash', ['1.9999', '2.0000', '1.20', '1204.5500']));
    expect(fired.map((firing) => firing.round.multiplier)).toEqual(['2.0000', '1204.5500']);
    expect(fired.every((firing) => firing.live && !firing.muted)).toBe(true);
  });

  it('fires on a bonus segment when the rule names `bonus`, and not on a number', () => {
    const { commit } = harness([rule({ games: ['crazytime'], condition: { kind: 'segment', segments: ['bonus'] } })]);
    const fired = commit([round('crazytime', '2.0000', 3_000, 'n2'), round('crazytime', '25.0000', 2_000, 'cashhunt'), round('crazytime', '1.0000', 1_000, 'n1')]);
    expect(fired.map((firing) => firing.round.segment)).toEqual(['cashhunt']);
  });

  it('keeps quiet after firing for the cooldown, then fires again (policy clock)', () => {
    const { commit, setPolicyClock } = harness([rule({ cooldownSeconds: 600, condition: { kind: 'multiplier', atLeast: 10 } })]);
    expect(commit(liveRun('stake-crash', ['12.00']))).toHaveLength(1);
    setPolicyClock(NOW_MS + 599_000);
    expect(commit(liveRun('stake-crash', ['15.00']))).toHaveLength(0);
    setPolicyClock(NOW_MS + 600_000);
    expect(commit(liveRun('stake-crash', ['20.00']))).toHaveLength(1);
  });

  it('marks an alert in quiet hours muted, and quiet hours may wrap midnight', () => {
    const minute = localMinutes(NOW_MS);
    const hhmm = (m: number): string => `${String(Math.floor((((m % 1440) + 1440) % 1440) / 60)).padStart(2, '0')}:${String((((m % 1440) + 1440) % 1440) % 60).padStart(2, '0')}`;
    const quiet = { start: hhmm(minute - 30), end: hhmm(minute + 30) };
    const { commit } = harness([rule({ quietHours: quiet, sound: true, condition: { kind: 'multiplier', atLeast: 2 } })]);
    const [fired] = commit(liveRun('stake-crash', ['3.00']));
    expect(fired?.muted).toBe(true);

    expect(inQuietHours({ start: '23:00', end: '07:00' }, 23 * 60)).toBe(true);
    expect(inQuietHours({ start: '23:00', end: '07:00' }, 3 * 60)).toBe(true);
    expect(inQuietHours({ start: '23:00', end: '07:00' }, 7 * 60)).toBe(false);
    expect(inQuietHours({ start: '23:00', end: '07:00' }, 12 * 60)).toBe(false);
    expect(inQuietHours({ start: '09:00', end: '17:30' }, 17 * 60 + 29)).toBe(true);
    expect(inQuietHours({ start: '09:00', end: '17:30' }, 8 * 60 + 59)).toBe(false);
  });

  it('does not fire for a backfilled round unless the rule includes backfill', () => {
    const old = rule({ condition: { kind: 'multiplier', atLeast: 100 } });
    const withBackfill = rule({ includeBackfill: true, condition: { kind: 'multiplier', atLeast: 100 } });
    const { commit } = harness([old, withBackfill]);
    const fired = commit([round('stake-crash', '250.00', LIVE_WINDOW_MS + 60_000)]);
    expect(fired.map((firing) => [firing.rule.id, firing.live])).toEqual([[withBackfill.id, false]]);
  });

  it('watches each game of a multi-game rule, with one cooldown for the rule', () => {
    const { commit } = harness([rule({ games: ['stake-crash', 'duel-crash'], cooldownSeconds: 60, condition: { kind: 'multiplier', atLeast: 5 } })]);
    const fired = commit([round('duel-crash', '7.00', 2_000)]);
    expect(fired.map((firing) => firing.round.game)).toEqual(['duel-crash']);
    expect(commit([round('stake-crash', '9.00', 1_000)])).toHaveLength(0);
  });
});

describe('droughts and streaks', () => {
  it('fires once when a drought passes N rounds, not on the rounds after, and again after the next hit', () => {
    const { commit } = harness([rule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 5 } } })]);
    expect(commit(liveRun('stake-crash', ['11.00', ...misses(5)], 10_000))).toHaveLength(0);
    const fired = commit(liveRun('stake-crash', misses(3), 5_000));
    expect(fired).toHaveLength(1);
    expect(fired[0]!.run?.rounds).toBe(6);
    expect(commit(liveRun('stake-crash', ['10.00', ...misses(6)], 2_000)).map((firing) => firing.run?.rounds)).toEqual([6]);
  });

  it('fires a streak once when the hit and the rounds after it share one second', () => {
    // A fast game stamped to the second: only round_index orders these rounds.
    const { commit } = harness([rule({ condition: { kind: 'streak', below: 2, longerThan: 2 } })]);
    const sameSecond = ['5.00', '1.10', '1.20', '1.30', '1.40', '1.50'].map((value) => round('stake-crash', value, 1_000));
    expect(commit(sameSecond).map((firing) => firing.run?.rounds)).toEqual([3]);
  });

  it('counts a backfilled miss behind the newest round into the drought, but fires only at a newer round', () => {
    const { commit } = harness([rule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 5 } } })]);
    commit(liveRun('stake-crash', ['11.00', ...misses(5)], 20_000));
    // A hole filled between the hit and now: the drought is 6 long, but the filled round is not the newest.
    const hole = round('stake-crash', '1.10', 21_000);
    expect(commit([hole])).toHaveLength(0);
    const fired = commit(liveRun('stake-crash', misses(1), 1_000));
    expect(fired.map((firing) => firing.run?.rounds)).toEqual([7]);
  });

  it('shortens a drought when a backfilled round behind the newest turns out to be a hit', () => {
    const { commit } = harness([rule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 5 } } })]);
    commit(liveRun('stake-crash', ['11.00', ...misses(4)], 20_000));
    // A hit filled in 2 rounds from the head: the drought is 2 rounds now, not 4.
    commit([round('stake-crash', '50.00', 20_000 + 450)]);
    expect(commit(liveRun('stake-crash', misses(2), 5_000))).toHaveLength(0);
    expect(commit(liveRun('stake-crash', misses(2), 1_000)).map((firing) => firing.run?.rounds)).toEqual([6]);
  });

  it('does not fire a drought again after a restart when it already fired during this drought', () => {
    const memory = new MemoryOfRounds();
    const first = rule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 3 } } });
    const before = harness([first], memory);
    expect(before.commit(liveRun('stake-crash', ['20.00', ...misses(4)], 10_000))).toHaveLength(1);
    // A new evaluator over the same memory: what a restart of the core starts from.
    const after = harness([first], memory);
    expect(after.commit(liveRun('stake-crash', misses(3), 5_000))).toHaveLength(0);
    // The next drought is a new one: it fires.
    expect(after.commit(liveRun('stake-crash', ['30.00', ...misses(4)], 1_000)).map((firing) => firing.run?.rounds)).toEqual([4]);
  });

  it('holds a drought crossed in backfill until the first live round', () => {
    const { commit } = harness([rule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 3 } } })]);
    const old = LIVE_WINDOW_MS + 60_000;
    expect(commit(liveRun('stake-crash', ['20.00', ...misses(6)], old))).toHaveLength(0);
    expect(commit(liveRun('stake-crash', misses(1), 1_000)).map((firing) => [firing.run?.rounds, firing.live])).toEqual([[7, true]]);
  });

  it('fires a percentile drought at the first length the fair model puts beyond that percentile', () => {
    const p = crashLaw('stake-crash')!.survival(10);
    const needed = missesAtPercentile(p, 0.9);
    expect(droughtPercentile(p, needed)).toBeGreaterThanOrEqual(0.9);
    expect(droughtPercentile(p, needed - 1)).toBeLessThan(0.9);
    const { commit } = harness([rule({ condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { percentile: 0.9 } } })]);
    expect(commit(liveRun('stake-crash', ['20.00', ...misses(needed - 1)], 60_000))).toHaveLength(0);
    const [fired] = commit(liveRun('stake-crash', misses(1), 1_000));
    expect(fired?.run).toEqual({ rounds: needed, percentile: droughtPercentile(p, needed) });
  });

  it('fires a streak when more than N rounds in a row land below x', () => {
    const { commit } = harness([rule({ condition: { kind: 'streak', below: 2, longerThan: 4 } })]);
    expect(commit(liveRun('stake-crash', ['2.00', '1.99', '1.01', '1.50', '1.70'], 10_000))).toHaveLength(0);
    expect(commit(liveRun('stake-crash', ['1.10', '1.20'], 1_000)).map((firing) => firing.run?.rounds)).toEqual([5]);
  });

  it('counts a segment drought with the bonus segments of the game', () => {
    const { commit } = harness([rule({ games: ['crazytime'], condition: { kind: 'drought', target: { segments: ['bonus'] }, longerThan: { rounds: 2 } } })]);
    const spins = ['pachinko', 'n1', 'n2', 'n5'].map((segment, i) => round('crazytime', '1.0000', 5_000 - i * 1_000, segment));
    expect(commit(spins).map((firing) => firing.run?.rounds)).toEqual([3]);
  });
});

describe('rules that cannot work', () => {
  const refusal = (fields: Partial<AlertRule> & Pick<AlertRule, 'condition'>): string => {
    try {
      planRule(rule(fields));
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('are refused with a sentence saying what to change', () => {
    expect(refusal({ condition: { kind: 'segment', segments: ['cashhunt'] } })).toBe(
      'Stake Crash has no segments: segment alerts are for game shows such as Crazy Time or MONOPOLY Live.',
    );
    expect(refusal({ games: ['monopolylive'], condition: { kind: 'segment', segments: ['cashhunt'] } })).toMatch(/^Evolution Monopoly Live has no segment "cashhunt"; its segments are 1, 2, 5, 10, Chance, 2 Rolls, 4 Rolls/);
    expect(refusal({ games: ['slide'], condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { percentile: 0.99 } } })).toBe(
      'Roobet Slide has no published fair model for ≥ 10.00×, so a percentile cannot be computed; give a number of rounds instead.',
    );
    expect(refusal({ games: ['no-such-game'], condition: { kind: 'multiplier', atLeast: 2 } })).toBe('Roundlog does not know a game "no-such-game"; choose one from the list.');
    expect(refusal({ games: ['crazytime'], condition: { kind: 'drought', target: { segments: ['crazytime'] }, longerThan: { percentile: 0.99 } } })).toBe('accepted');
  });
});
