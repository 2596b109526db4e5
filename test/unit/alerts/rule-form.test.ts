import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../src/shared/alerts';
import { describeRule, draftOf, newDraft, ruleFromDraft } from '../../../src/renderer/src/screens/alerts/ruleForm';

// The rule editor's draft: typed text becomes a rule through the shared schema, and each
// problem lands on the field that caused it, in the schema's own sentence.

const saved: AlertRule = {
  id: 7,
  name: 'Long wait',
  enabled: true,
  games: ['stake-crash', 'duel-crash'],
  condition: { kind: 'drought', target: { atLeast: 100 }, longerThan: { percentile: 0.99 } },
  cooldownSeconds: 300,
  quietHours: { start: '23:00', end: '07:00' },
  sound: true,
  includeBackfill: false,
  createdAt: '2026-06-01T00:00:00Z',
  updatedAt: '2026-06-01T00:00:00Z',
};

describe('the rule editor draft', () => {
  it('edits a saved rule and gives back the same rule', () => {
    const { createdAt: _c, updatedAt: _u, ...input } = saved;
    expect(ruleFromDraft(draftOf(saved))).toEqual({ rule: input });
  });

  it('reads numbers as people type them', () => {
    const result = ruleFromDraft({ ...newDraft(['stake-crash']), name: 'Big', atLeast: '1,000×', cooldownMinutes: '1.5' });
    expect(result).toMatchObject({ rule: { condition: { kind: 'multiplier', atLeast: 1000 }, cooldownSeconds: 90 } });
  });

  it('puts each problem on its field, in words', () => {
    const result = ruleFromDraft({ ...newDraft([]), kind: 'streak', below: '', rounds: '2.5', quiet: true, quietStart: '22:00', quietEnd: '22:00' });
    expect(result).toEqual({
      problems: {
        name: 'Give the rule a name.',
        games: 'Choose at least one game.',
        below: 'Give a multiplier, e.g. 100 for 100×.',
        rounds: 'A number of rounds is a whole number.',
        quiet: 'Quiet hours need a start and an end that differ.',
      },
    });
  });

  it('describes a rule in one line', () => {
    expect(describeRule(saved)).toBe('Stake Crash, Duel Crash: no ≥ 100× for longer than 99% of fair waits; cooldown 5 min; quiet 23:00–07:00; sound');
  });
});
