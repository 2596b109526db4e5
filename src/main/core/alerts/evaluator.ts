import type { AlertRule } from '../../../shared/alerts';
import { MULTIPLIER_UNIT } from '../../../shared/stats/thresholds';
import type { Round } from '../round';
import { droughtPercentile } from '../stats/theory/drought';
import { inQuietHours, localMinutes } from './quiet-hours';
import { planRule, type GamePlan, type Target } from './rule-plan';

// The pure half of alerts: committed rounds in, firings out. Per game it keeps one counter per
// target (rounds since the last hit), shared by every rule that counts it, seeded once from the
// history and then moved by each round: the backfill path pays a few comparisons per round and
// never a query, except when a backfilled round turns out to be a newer hit inside a drought.
//
// Live or backfill: a round that came by the live path (a stream frame, a poll) is live whatever
// this computer's clock says; one that came by a page of history is live only if it was finalised
// at most LIVE_WINDOW before it was committed (a catch-up after a short reconnect). Anything older
// fires only for rules that include backfilled rounds. The age is read on the real clock: it is a
// fact about the data, while cooldowns and quiet hours follow the policy clock tests can move.
//
// Droughts and streaks fire once per run, at the newest round (never at a round filled in behind
// it): a rule is armed while its last alert on that game is older than the target's last hit,
// so a restart (the last alert is read back from alert_events) cannot fire the same drought twice,
// and a crossing held back by a cooldown or by being backfill fires at the next live round.

/** A round at most this old (finalised to committed) is live. */
export const LIVE_WINDOW_MS = 120_000;

/** What the evaluator reads from the history and the alert store when it starts counting a game. */
export interface AlertMemory {
  /** The game's newest stored round, or null before its first. */
  head(game: string): Edge | null;
  /** The round that last hit the target (null: never) and how many rounds came after it. */
  run(game: string, target: Target): { readonly lastHit: Edge | null; readonly misses: number };
  /** Rounds of the game after `hit` (by time, then round_index) and finalised at or before `throughUs`. */
  countAfter(game: string, hit: Edge, throughUs: number): number;
  /** The round of the rule's newest alert on the game, or null. */
  lastAlertRound(ruleId: number, game: string): Edge | null;
  /** When the rule last fired (policy clock, ms), or null. */
  lastFiredMs(ruleId: number): number | null;
}

export interface Edge {
  readonly us: number;
  readonly index: bigint | null;
}

export interface Firing {
  readonly rule: AlertRule;
  readonly target: Target;
  readonly round: Round;
  readonly live: boolean;
  readonly muted: boolean;
  readonly run: { readonly rounds: number; readonly percentile: number | null } | null;
  readonly firedAtMs: number;
}

export interface Clocks {
  /** Cooldowns, quiet hours and fired-at (ms). */
  readonly policyMs: number;
  /** The real time the rounds were committed (ms), for their age. */
  readonly realMs: number;
}

/** Rounds that came by the live path; those not in it are judged by their age. */
export type LiveRounds = Pick<ReadonlySet<unknown>, 'has'>;
const NONE_LIVE: LiveRounds = { has: () => false };

interface Counter {
  readonly target: Target;
  /** Null while the target was never hit: every round is then a miss. */
  lastHit: Edge | null;
  misses: number;
}

interface RuleState {
  readonly rule: AlertRule;
  lastFiredMs: number | null;
}

interface RunWatch {
  readonly rule: RuleState;
  readonly counter: Counter;
  readonly longerThan: number;
  lastAlertRound: Edge | null;
}

interface HitWatch {
  readonly rule: RuleState;
  readonly target: Target;
}

interface GameWatch {
  head: Edge | null;
  readonly counters: Map<string, Counter>;
  readonly hits: HitWatch[];
  readonly runs: RunWatch[];
}

/**
 * Order of rounds: by time, then by round_index. Rounds stamped to the second share an instant
 * (a fast game, the sandbox at speed): only the index tells which came first. 0 when unknown.
 */
function compareEdges(a: Edge, b: Edge): number {
  if (a.us !== b.us) return a.us - b.us;
  if (a.index === null || b.index === null) return 0;
  return a.index < b.index ? -1 : a.index > b.index ? 1 : 0;
}

const edgeOf = (round: Round): Edge => ({ us: round.finalizedUs, index: round.roundIndex });
const after = (round: Round, edge: Edge | null): boolean => edge === null || compareEdges(edgeOf(round), edge) > 0;
const byTime = (a: Round, b: Round): number => compareEdges(edgeOf(a), edgeOf(b));

/**
 * A drought or streak may fire while its last alert on the game is older than the target's last
 * hit. An alert in the same instant as the hit (no index to tell them apart) counts as after it:
 * a missed alert is better than the same drought told twice.
 */
const armed = (run: RunWatch): boolean => run.lastAlertRound === null || (run.counter.lastHit !== null && compareEdges(run.lastAlertRound, run.counter.lastHit) < 0);

/** Rounds compared in the 4-decimal units of the row's string, as the statistics count them. */
const unitsOf = (multiplier: string): number => Math.round(Number(multiplier) * MULTIPLIER_UNIT);

export class AlertEvaluator {
  private games = new Map<string, GameWatch>();

  constructor(
    private readonly memory: AlertMemory,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /**
   * Watches the enabled rules from now on. Counters of targets still watched keep counting (they
   * saw every round since they were seeded); new ones are seeded from the history.
   */
  setRules(rules: readonly AlertRule[]): void {
    const previous = this.games;
    this.games = new Map();
    for (const rule of rules) {
      if (!rule.enabled) continue;
      let plans: GamePlan[];
      try {
        plans = planRule(rule);
      } catch (error) {
        // Saved by a version whose game tables differed: kept in the list, not watched.
        this.log(`alert rule "${rule.name}" is not watched: ${(error as Error).message}`);
        continue;
      }
      const state: RuleState = { rule, lastFiredMs: this.memory.lastFiredMs(rule.id) };
      for (const plan of plans) {
        const watch = this.watchOf(plan.game, previous);
        if (plan.kind === 'hit') {
          watch.hits.push({ rule: state, target: plan.target });
          continue;
        }
        const counter = this.counterOf(watch, plan.game, plan.target, previous.get(plan.game));
        watch.runs.push({ rule: state, counter, longerThan: plan.longerThan, lastAlertRound: this.memory.lastAlertRound(rule.id, plan.game) });
      }
    }
  }

  /** Forgets every counter and seeds them again from the memory (after a rollback, or rounds another process wrote). */
  reseed(rules: readonly AlertRule[]): void {
    this.games = new Map();
    this.setRules(rules);
  }

  /** Games some enabled rule watches. */
  get watchedGames(): readonly string[] {
    return [...this.games.keys()];
  }

  /** The alerts a batch of just-committed rounds fires, in round order per game. */
  evaluate(rounds: readonly Round[], clocks: Clocks, arrivedLive: LiveRounds = NONE_LIVE): Firing[] {
    if (this.games.size === 0) return [];
    const byGame = new Map<string, Round[]>();
    for (const round of rounds) {
      if (!this.games.has(round.game)) continue;
      const list = byGame.get(round.game);
      if (list === undefined) byGame.set(round.game, [round]);
      else list.push(round);
    }
    const firings: Firing[] = [];
    for (const [game, list] of byGame) this.evaluateGame(game, this.games.get(game)!, ascending(list), clocks, arrivedLive, firings);
    return firings;
  }

  private evaluateGame(game: string, watch: GameWatch, rounds: readonly Round[], clocks: Clocks, arrivedLive: LiveRounds, firings: Firing[]): void {
    const freshFromUs = (clocks.realMs - LIVE_WINDOW_MS) * 1000;
    const fire = (rule: RuleState, target: Target, round: Round, run: Firing['run']): boolean => {
      const live = arrivedLive.has(round) || round.finalizedUs >= freshFromUs;
      if (!live && !rule.rule.includeBackfill) return false;
      const cooldownMs = rule.rule.cooldownSeconds * 1000;
      if (cooldownMs > 0 && rule.lastFiredMs !== null && clocks.policyMs - rule.lastFiredMs < cooldownMs) return false;
      const quiet = rule.rule.quietHours;
      rule.lastFiredMs = clocks.policyMs;
      firings.push({ rule: rule.rule, target, round, live, muted: quiet !== null && inQuietHours(quiet, localMinutes(clocks.policyMs)), run, firedAtMs: clocks.policyMs });
      return true;
    };
    const fireHits = (round: Round, units: number): void => {
      for (const hit of watch.hits) if (hit.target.matches(units, round.segment)) fire(hit.rule, hit.target, round, null);
    };

    // Sorted oldest first, the rounds at or behind the newest already counted come first: holes
    // filled behind the head. They change a drought's length but never fire one.
    const headBefore = watch.head;
    let first = 0;
    while (first < rounds.length && !after(rounds[first]!, headBefore)) first++;
    if (first > 0) this.fillIn(game, watch, rounds.slice(0, first), headBefore!);
    for (let i = 0; i < first; i++) fireHits(rounds[i]!, unitsOf(rounds[i]!.multiplier));

    for (let i = first; i < rounds.length; i++) {
      const round = rounds[i]!;
      const units = unitsOf(round.multiplier);
      for (const counter of watch.counters.values()) {
        if (counter.target.matches(units, round.segment)) {
          counter.lastHit = edgeOf(round);
          counter.misses = 0;
        } else {
          counter.misses++;
        }
      }
      fireHits(round, units);
      for (const run of watch.runs) {
        const { counter } = run;
        if (counter.misses <= run.longerThan || !armed(run)) continue;
        const p = counter.target.probability;
        const percentile = p === null ? null : droughtPercentile(p, counter.misses);
        if (fire(run.rule, counter.target, round, { rounds: counter.misses, percentile })) run.lastAlertRound = edgeOf(round);
      }
    }
    if (first < rounds.length) {
      const newest = rounds[rounds.length - 1]!;
      watch.head = { us: newest.finalizedUs, index: newest.roundIndex };
    }
  }

  /**
   * Rounds stored behind the head (a hole filled, an older page of a catch-up). A miss after the
   * last hit lengthens the drought; a hit after it ends the drought earlier than counted, and the
   * rounds since are then counted from the history, which already holds this batch.
   */
  private fillIn(game: string, watch: GameWatch, rounds: readonly Round[], head: Edge): void {
    for (const counter of watch.counters.values()) {
      const lastHit = counter.lastHit;
      let newestHit: Edge | null = null;
      let misses = 0;
      for (const round of rounds) {
        const edge = edgeOf(round);
        if (lastHit !== null && compareEdges(edge, lastHit) < 0) continue;
        if (!counter.target.matches(unitsOf(round.multiplier), round.segment)) misses++;
        else if (newestHit === null || compareEdges(edge, newestHit) > 0) newestHit = edge;
      }
      if (newestHit === null) {
        counter.misses += misses;
      } else {
        counter.lastHit = newestHit;
        counter.misses = this.memory.countAfter(game, newestHit, head.us);
      }
    }
  }

  private watchOf(game: string, previous: ReadonlyMap<string, GameWatch>): GameWatch {
    let watch = this.games.get(game);
    if (watch === undefined) {
      watch = { head: previous.get(game)?.head ?? this.memory.head(game), counters: new Map(), hits: [], runs: [] };
      this.games.set(game, watch);
    }
    return watch;
  }

  private counterOf(watch: GameWatch, game: string, target: Target, before: GameWatch | undefined): Counter {
    let counter = watch.counters.get(target.key);
    if (counter !== undefined) return counter;
    counter = before?.counters.get(target.key);
    if (counter === undefined) {
      const seed = this.memory.run(game, target);
      counter = { target, lastHit: seed.lastHit, misses: seed.misses };
    }
    watch.counters.set(target.key, counter);
    return counter;
  }
}

/** Live batches come sorted and backfill pages newest first: sorting is only the rare mixed case. */
function ascending(rounds: Round[]): readonly Round[] {
  let up = true;
  let down = true;
  for (let i = 1; i < rounds.length && (up || down); i++) {
    const order = byTime(rounds[i - 1]!, rounds[i]!);
    if (order > 0) up = false;
    if (order < 0) down = false;
  }
  if (up) return rounds;
  if (down) return rounds.reverse();
  return rounds.sort(byTime);
}
