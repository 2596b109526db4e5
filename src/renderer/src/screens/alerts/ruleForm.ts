import { alertRuleInputSchema, BONUS_TARGET, type AlertKind, type AlertRule, type AlertRuleInput } from '../../../../shared/alerts';
import { wheelSegments } from '../../../../shared/game-law/wheel-law';
import { gameTitleOf } from '../../../../shared/games';

// The rule editor's draft: what the fields hold as typed (text for numbers), turned into a rule
// through the shared schema, so the form says the same sentences the core would refuse with.

export type RuleField = 'name' | 'games' | 'atLeast' | 'segments' | 'rounds' | 'percentile' | 'below' | 'cooldown' | 'quiet' | 'form';

export interface RuleDraft {
  readonly id: number | null;
  readonly name: string;
  readonly enabled: boolean;
  readonly games: readonly string[];
  readonly kind: AlertKind;
  /** Multiplier rules, and droughts of "≥ x". */
  readonly atLeast: string;
  /** Segment rules, and droughts of segments. */
  readonly segments: readonly string[];
  readonly droughtOf: 'multiplier' | 'segments';
  readonly limitBy: 'rounds' | 'percentile';
  /** Droughts by length and streaks. */
  readonly rounds: string;
  /** In percent, e.g. `99`. */
  readonly percentile: string;
  readonly below: string;
  readonly cooldownMinutes: string;
  readonly quiet: boolean;
  readonly quietStart: string;
  readonly quietEnd: string;
  readonly sound: boolean;
  readonly includeBackfill: boolean;
}

export function newDraft(games: readonly string[]): RuleDraft {
  return {
    id: null,
    name: '',
    enabled: true,
    games: games.slice(0, 1),
    kind: 'multiplier',
    atLeast: '100',
    segments: [BONUS_TARGET],
    droughtOf: 'multiplier',
    limitBy: 'rounds',
    rounds: '200',
    percentile: '99',
    below: '2',
    cooldownMinutes: '0',
    quiet: false,
    quietStart: '23:00',
    quietEnd: '07:00',
    sound: false,
    includeBackfill: false,
  };
}

/** The draft of a saved rule, for editing it. */
export function draftOf(rule: AlertRule): RuleDraft {
  const draft = { ...newDraft(rule.games), id: rule.id, name: rule.name, enabled: rule.enabled, games: rule.games, kind: rule.condition.kind };
  const common = {
    cooldownMinutes: trimNumber(rule.cooldownSeconds / 60),
    quiet: rule.quietHours !== null,
    quietStart: rule.quietHours?.start ?? draft.quietStart,
    quietEnd: rule.quietHours?.end ?? draft.quietEnd,
    sound: rule.sound,
    includeBackfill: rule.includeBackfill,
  };
  const condition = rule.condition;
  switch (condition.kind) {
    case 'multiplier':
      return { ...draft, ...common, atLeast: String(condition.atLeast) };
    case 'segment':
      return { ...draft, ...common, segments: condition.segments };
    case 'streak':
      return { ...draft, ...common, below: String(condition.below), rounds: String(condition.longerThan) };
    case 'drought': {
      const target = 'atLeast' in condition.target ? { droughtOf: 'multiplier' as const, atLeast: String(condition.target.atLeast) } : { droughtOf: 'segments' as const, segments: condition.target.segments };
      const limit =
        'rounds' in condition.longerThan
          ? { limitBy: 'rounds' as const, rounds: String(condition.longerThan.rounds) }
          : { limitBy: 'percentile' as const, percentile: trimNumber(condition.longerThan.percentile * 100) };
      return { ...draft, ...common, ...target, ...limit };
    }
  }
}

const trimNumber = (value: number): string => String(Math.round(value * 10_000) / 10_000);

/** Typed text as a number: `1,000×` reads as 1000; blank or words as NaN, which the schema refuses with its sentence. */
function numberOf(text: string): number {
  const cleaned = text.replace(/[,\s×x%]/g, '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}

/** The rule the draft describes, or each field's problem in words. */
export function ruleFromDraft(draft: RuleDraft): { readonly rule: AlertRuleInput } | { readonly problems: Partial<Record<RuleField, string>> } {
  const segments = [...draft.segments];
  const condition =
    draft.kind === 'multiplier'
      ? { kind: 'multiplier', atLeast: numberOf(draft.atLeast) }
      : draft.kind === 'segment'
        ? { kind: 'segment', segments }
        : draft.kind === 'streak'
          ? { kind: 'streak', below: numberOf(draft.below), longerThan: numberOf(draft.rounds) }
          : {
              kind: 'drought',
              target: draft.droughtOf === 'multiplier' ? { atLeast: numberOf(draft.atLeast) } : { segments },
              longerThan: draft.limitBy === 'rounds' ? { rounds: numberOf(draft.rounds) } : { percentile: numberOf(draft.percentile) / 100 },
            };
  const minutes = numberOf(draft.cooldownMinutes);
  const parsed = alertRuleInputSchema.safeParse({
    id: draft.id,
    name: draft.name,
    enabled: draft.enabled,
    games: draft.games,
    condition,
    // Minutes in the form, seconds in the rule: whole seconds, so 0.5 min is 30 s.
    cooldownSeconds: Number.isNaN(minutes) ? 0 : Math.round(minutes * 60),
    quietHours: draft.quiet ? { start: draft.quietStart, end: draft.quietEnd } : null,
    sound: draft.sound,
    includeBackfill: draft.includeBackfill,
  });
  if (parsed.success) return { rule: parsed.data };
  const problems: Partial<Record<RuleField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path.map(String));
    problems[field] ??= issue.message;
  }
  return { problems };
}

function fieldOf(path: readonly string[]): RuleField {
  const [top, second, third] = path;
  if (top === 'name' || top === 'games') return top;
  if (top === 'cooldownSeconds') return 'cooldown';
  if (top === 'quietHours') return 'quiet';
  if (top !== 'condition') return 'form';
  const leaf = second === 'target' || second === 'longerThan' ? third ?? second : second;
  if (second === 'longerThan' && third === undefined) return 'rounds';
  if (leaf === 'atLeast' || leaf === 'segments' || leaf === 'rounds' || leaf === 'percentile' || leaf === 'below') return leaf;
  return 'form';
}

/** Segments a player can pick for the chosen games: every segment of their wheels, and "any bonus". */
export function segmentChoices(games: readonly string[]): { code: string; label: string }[] {
  const seen = new Map<string, string>([[BONUS_TARGET, 'Any bonus']]);
  for (const game of games) for (const segment of wheelSegments(game)) if (!seen.has(segment.code)) seen.set(segment.code, segment.label);
  return [...seen].map(([code, label]) => ({ code, label }));
}

export const gameLabel = gameTitleOf;

/** One line saying what a rule watches: "Stake Crash: a round ≥ 100×; cooldown 5 min; quiet 23:00–07:00; sound". */
export function describeRule(rule: AlertRule): string {
  const games = rule.games.map(gameLabel).join(', ');
  const condition = rule.condition;
  const segments = (codes: readonly string[]): string => codes.map((code) => (code === BONUS_TARGET ? 'any bonus' : (segmentChoices(rule.games).find((choice) => choice.code === code)?.label ?? code))).join(' or ');
  let what: string;
  switch (condition.kind) {
    case 'multiplier':
      what = `a round ≥ ${condition.atLeast}×`;
      break;
    case 'segment':
      what = `lands ${segments(condition.segments)}`;
      break;
    case 'streak':
      what = `more than ${condition.longerThan} rounds in a row below ${condition.below}×`;
      break;
    case 'drought': {
      const target = 'atLeast' in condition.target ? `≥ ${condition.target.atLeast}×` : segments(condition.target.segments);
      const limit = 'rounds' in condition.longerThan ? `more than ${condition.longerThan.rounds} rounds` : `longer than ${trimNumber(condition.longerThan.percentile * 100)}% of fair waits`;
      what = `no ${target} for ${limit}`;
      break;
    }
  }
  const extras = [
    rule.cooldownSeconds > 0 ? `cooldown ${trimNumber(rule.cooldownSeconds / 60)} min` : null,
    rule.quietHours === null ? null : `quiet ${rule.quietHours.start}–${rule.quietHours.end}`,
    rule.sound ? 'sound' : null,
    rule.includeBackfill ? 'backfilled rounds too' : null,
  ].filter((extra) => extra !== null);
  return [`${games}: ${what}`, ...extras].join('; ');
}
