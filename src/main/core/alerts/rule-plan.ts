import { BONUS_TARGET, type AlertRule, type AlertRuleInput, type DroughtTarget } from '../../../shared/alerts';
import { wheelSegments } from '../../../shared/game-law/wheel-law';
import { catalogKind, findGame, gameTitleOf } from '../../../shared/games';
import { segmentLabel } from '../../../shared/segment-text';
import { toUnits } from '../../../shared/stats/thresholds';
import { lawOf } from '../stats/multiplier-law';
import { bonusSegments } from '../stats/round-facts';
import { droughtLength, droughtPercentile } from '../stats/theory/drought';
import { UserFacingError } from '../user-facing-error';

// What a rule means for one game, worked out once when the rule is saved or loaded: the target a
// drought or streak counts rounds since, the round count that fires it (a percentile of the fair
// model becomes a count here, so the hot path compares integers), and the sentence refusing a
// rule that cannot work on a game (segments on a crash game, a percentile without a fair model).

/** A rule that cannot work as given; the sentence says what to change. */
export class AlertRuleError extends UserFacingError {
  constructor(message: string) {
    super('invalid_alert_rule', message);
  }
}

/** What a drought counts rounds since, or what a hit rule waits for, on one game. */
export interface Target {
  /** The same key for the same target on a game, so rules share one counter. */
  readonly key: string;
  /** `≥ 100×`, `Cash Hunt`, `a bonus`: how the sentences name it. */
  readonly label: string;
  /** P(one round hits it) under the game's fair model, or null where none is published. */
  readonly probability: number | null;
  matches(units: number, segment: string | null): boolean;
}

export type GamePlan =
  /** Fires on every round that hits the target (multiplier, segment rules). */
  | { readonly kind: 'hit'; readonly game: string; readonly target: Target }
  /** Fires once per run of misses, when more than `longerThan` rounds in a row miss the target (drought, streak). */
  | { readonly kind: 'run'; readonly game: string; readonly target: Target; readonly longerThan: number };

/** `2.00×`, `1,000.00×`, `1.9999×`: a threshold as the user set it (never floored, unlike a round's multiplier). */
const thresholdText = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
export const thresholdLabel = (x: number): string => `${thresholdText.format(x)}×`;

function multiplierTarget(slug: string, atLeast: number): Target {
  const units = toUnits(atLeast);
  const law = lawOf({ slug, kind: catalogKind(slug) }, null);
  return {
    key: `ge:${units}`,
    label: `≥ ${thresholdLabel(atLeast)}`,
    probability: law === null ? null : law.survival(atLeast),
    matches: (roundUnits) => roundUnits >= units,
  };
}

/** The segment codes a game's rows can carry, as far as its tables know them. */
function knownSegments(slug: string): ReadonlySet<string> {
  return new Set([...wheelSegments(slug).map((segment) => segment.code), ...bonusSegments(slug)]);
}

function segmentTarget(slug: string, wanted: readonly string[]): Target {
  const known = knownSegments(slug);
  const name = gameTitleOf(slug);
  if (known.size === 0) {
    throw new AlertRuleError(`${name} has no segments: segment alerts are for game shows such as Crazy Time or MONOPOLY Live.`);
  }
  const codes = new Set<string>();
  for (const code of wanted) {
    if (code === BONUS_TARGET) {
      const bonuses = bonusSegments(slug);
      if (bonuses.size === 0) throw new AlertRuleError(`${name} has no bonus segments; choose its segments by name instead.`);
      for (const bonus of bonuses) codes.add(bonus);
    } else if (known.has(code)) {
      codes.add(code);
    } else {
      throw new AlertRuleError(`${name} has no segment "${code}"; its segments are ${[...known].map((known) => segmentLabel(known, slug).text).join(', ')}.`);
    }
  }
  const table = wheelSegments(slug);
  const total = table.reduce((sum, segment) => sum + segment.count, 0);
  const counts = [...codes].map((code) => table.find((segment) => segment.code === code)?.count);
  const sorted = [...codes].sort();
  const labels = wanted.map((code) => (code === BONUS_TARGET ? 'a bonus' : segmentLabel(code, slug).text));
  return {
    key: `seg:${sorted.join(',')}`,
    label: labels.join(' or '),
    // A segment the published table lacks has no share: then the target has no fair model at all.
    probability: total === 0 || counts.some((count) => count === undefined) ? null : counts.reduce<number>((sum, count) => sum + count!, 0) / total,
    matches: (_units, segment) => segment !== null && codes.has(segment),
  };
}

function droughtTarget(slug: string, target: DroughtTarget): Target {
  return 'atLeast' in target ? multiplierTarget(slug, target.atLeast) : segmentTarget(slug, target.segments);
}

/**
 * The fewest misses in a row whose fair-model percentile reaches `percentile`: droughtLength
 * rounds to the nearest round, so its answer is only a start, moved until droughtPercentile agrees.
 */
export function missesAtPercentile(p: number, percentile: number): number {
  let misses = Math.max(1, droughtLength(p, 1 - percentile));
  while (misses > 1 && droughtPercentile(p, misses - 1) >= percentile) misses--;
  while (droughtPercentile(p, misses) < percentile) misses++;
  return misses;
}

/** The rule's plan on each of its games; throws an AlertRuleError naming the first game it cannot work on. */
export function planRule(rule: AlertRule | AlertRuleInput): GamePlan[] {
  return rule.games.map((game) => planGame(rule, game));
}

function planGame(rule: AlertRule | AlertRuleInput, game: string): GamePlan {
  if (findGame(game) === undefined) throw new AlertRuleError(`Roundlog does not know a game "${game}"; choose one from the list.`);
  const { condition } = rule;
  switch (condition.kind) {
    case 'multiplier':
      return { kind: 'hit', game, target: multiplierTarget(game, condition.atLeast) };
    case 'segment':
      return { kind: 'hit', game, target: segmentTarget(game, condition.segments) };
    case 'streak':
      // A run below x is the drought of "≥ x": the same counter, said the way players say it.
      return { kind: 'run', game, target: multiplierTarget(game, condition.below), longerThan: condition.longerThan };
    case 'drought': {
      const target = droughtTarget(game, condition.target);
      if ('rounds' in condition.longerThan) return { kind: 'run', game, target, longerThan: condition.longerThan.rounds };
      const p = target.probability;
      if (p === null || p <= 0 || p >= 1) {
        throw new AlertRuleError(
          `${gameTitleOf(game)} has no published fair model for ${target.label}, so a percentile cannot be computed; give a number of rounds instead.`,
        );
      }
      return { kind: 'run', game, target, longerThan: missesAtPercentile(p, condition.longerThan.percentile) - 1 };
    }
  }
}
