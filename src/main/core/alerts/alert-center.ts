import type { Database } from 'better-sqlite3';
import type { Alert, AlertFeed, AlertRule, AlertRuleInput } from '../../../shared/alerts';
import type { Disposer } from '../../../shared/contract';
import { Emitter } from '../emitter';
import type { Round } from '../round';
import type { History } from '../store/history';
import type { RoundWriter } from '../store/round-writer';
import { UserFacingError } from '../user-facing-error';
import { AlertStore, type StoredAlert } from './alert-store';
import { alertWords } from './alert-words';
import { AlertEvaluator, type Firing } from './evaluator';
import { HistoryMemory } from './history-memory';
import { gameTitleOf } from '../../../shared/games';
import { planRule } from './rule-plan';

export interface AlertCenterOptions {
  readonly db: Database;
  readonly history: History;
  /** The policy clock (ms): cooldowns, quiet hours, fired-at. Tests move it; the default is the real clock. */
  readonly clock?: () => number;
  readonly log?: (message: string) => void;
}

/**
 * Alerts inside the core: hears every committed round (in the Electron app and in `roundlog
 * serve` alike), fires the rules, stores each alert once and pushes it to `onAlert`, where the
 * Electron main process shows a native notification and the windows update their feed.
 */
export class AlertCenter {
  private readonly pushed = new Emitter<Alert>();
  private readonly store: AlertStore;
  private readonly evaluator: AlertEvaluator;
  private readonly clock: () => number;
  private readonly log: (message: string) => void;
  private detach: Disposer | null = null;

  constructor(private readonly options: AlertCenterOptions) {
    this.log = options.log ?? ((message) => console.warn(`roundlog: ${message}`));
    this.clock = options.clock ?? Date.now;
    this.store = new AlertStore(options.db, this.log);
    this.evaluator = new AlertEvaluator(new HistoryMemory(options.db, options.history, this.store), this.log);
    this.evaluator.setRules(this.store.rules());
  }

  /** Starts hearing the writer's commits; only rounds committed from now on can fire. */
  listen(writer: Pick<RoundWriter, 'committed'>): void {
    this.detach ??= writer.committed.on((rounds) => this.onCommitted(rounds));
  }

  dispose(): void {
    this.detach?.();
    this.detach = null;
  }

  onAlert(listener: (alert: Alert) => void): Disposer {
    return this.pushed.on(listener);
  }

  /** Rounds just committed (each exactly once: the writer reports only rounds that were new). */
  onCommitted(rounds: readonly Round[]): void {
    const firings = this.evaluator.evaluate(rounds, { policyMs: this.clock(), realMs: Date.now() });
    if (firings.length === 0) return;
    const alerts = firings.map(storedAlertOf);
    let ids: (number | null)[];
    try {
      ids = this.store.addAlerts(
        firings.map((firing, i) => ({
          alert: alerts[i]!,
          ruleId: firing.rule.id,
          gameId: this.options.history.rounds.gameId(firing.round.game),
          roundUs: firing.round.finalizedUs,
          firedUs: Math.round(firing.firedAtMs * 1000),
        })),
      );
    } catch (error) {
      // The rounds are stored; only their alerts are lost. Never let this stop the recording.
      this.log(`${alerts.length} alert(s) could not be saved and were not shown: ${(error as Error).message}`);
      return;
    }
    ids.forEach((id, i) => {
      // null: this rule already alerted for this round (a round delivered again).
      if (id !== null) this.pushed.emit({ id, read: false, ...alerts[i]! });
    });
  }

  listRules(): AlertRule[] {
    return this.store.rules();
  }

  /** Saves a rule if it can work on every game it names; the error's sentence says what to change. */
  saveRule(input: AlertRuleInput): AlertRule {
    planRule(input);
    const saved = this.store.saveRule(input, Math.round(this.clock() * 1000));
    if (saved === null) throw new UserFacingError('unknown_alert_rule', 'That alert rule no longer exists (deleted in another window?); create it again.');
    this.evaluator.setRules(this.store.rules());
    return saved;
  }

  deleteRule(id: number): void {
    if (this.store.deleteRule(id)) this.evaluator.setRules(this.store.rules());
  }

  feed(beforeId: number | null, limit: number): AlertFeed {
    return this.store.feed(beforeId, limit);
  }

  markRead(throughId: number): { unread: number } {
    return { unread: this.store.markReadThrough(throughId) };
  }
}

function storedAlertOf(firing: Firing): StoredAlert {
  const { rule, round } = firing;
  const words = alertWords(rule, firing.target, round, firing.run);
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    kind: rule.condition.kind,
    game: round.game,
    gameName: gameTitleOf(round.game),
    roundId: round.roundId,
    roundIndex: round.roundIndex === null ? null : round.roundIndex.toString(),
    multiplier: round.multiplier,
    segment: round.segment,
    finalizedAt: round.finalizedAt,
    ...words,
    run: firing.run === null ? null : { rounds: firing.run.rounds, percentile: firing.run.percentile },
    sound: rule.sound && !firing.muted,
    muted: firing.muted,
    live: firing.live,
    firedAt: new Date(firing.firedAtMs).toISOString(),
  };
}
