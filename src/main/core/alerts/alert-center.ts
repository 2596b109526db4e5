import type { Database } from 'better-sqlite3';
import type { Alert, AlertFeed, AlertRule, AlertRuleInput } from '../../../shared/alerts';
import type { Disposer } from '../../../shared/contract';
import { gameTitleOf } from '../../../shared/games';
import { Emitter } from '../emitter';
import type { Round } from '../round';
import type { ForeignWrites } from '../store/foreign-writes';
import type { Batch, CommitParticipant, History } from '../store/history';
import { UserFacingError } from '../user-facing-error';
import { AlertStore, type AlertToStore, type StoredAlert } from './alert-store';
import { alertWords } from './alert-words';
import { AlertEvaluator, type Firing } from './evaluator';
import { HistoryMemory } from './history-memory';
import { planRule } from './rule-plan';

export interface AlertCenterOptions {
  readonly db: Database;
  readonly history: History;
  /** The policy clock (ms): cooldowns, quiet hours, fired-at. Tests move it; the default is the real clock. */
  readonly clock?: () => number;
  readonly log?: (message: string) => void;
}

/**
 * Alerts inside the core: takes part in every commit of rounds (in the Electron app and in
 * `roundlog serve` alike), fires the rules, stores each alert in the same transaction as its
 * round, and pushes it to `onAlert` once committed, where the Electron main process shows a
 * native notification and the windows update their feed. A crash keeps a round and its alert
 * both or neither: a round can never be stored without the alert it fired, nor alert twice.
 */
export class AlertCenter implements CommitParticipant {
  private readonly pushed = new Emitter<Alert>();
  private readonly store: AlertStore;
  private readonly evaluator: AlertEvaluator;
  private readonly clock: () => number;
  private readonly log: (message: string) => void;
  private detach: Disposer | null = null;
  /** Stored in the transaction under way, told once it commits. */
  private told: Alert[] = [];
  private readonly foreignWrites: ForeignWrites;

  constructor(private readonly options: AlertCenterOptions) {
    this.log = options.log ?? ((message) => console.warn(`roundlog: ${message}`));
    this.clock = options.clock ?? Date.now;
    this.store = new AlertStore(options.db, this.log);
    this.evaluator = new AlertEvaluator(new HistoryMemory(options.db, options.history, this.store), this.log);
    this.evaluator.setRules(this.store.rules());
    this.foreignWrites = options.history.watchForeignWrites();
  }

  /** Takes part in the history's commits; only rounds committed from now on can fire. */
  listen(): void {
    this.detach ??= this.options.history.join(this);
  }

  dispose(): void {
    this.detach?.();
    this.detach = null;
  }

  onAlert(listener: (alert: Alert) => void): Disposer {
    return this.pushed.on(listener);
  }

  beforeCommit(): void {
    // Another process wrote to this history since (a `roundlog import`, a second recorder): the
    // counters no longer match it and are read from it again.
    if (this.foreignWrites.happened()) this.evaluator.reseed(this.store.rules());
  }

  /** Rounds just stored in the open transaction (each exactly once: only rounds that were new). */
  inCommit(rounds: readonly Round[], batch: Pick<Batch, 'live'> = {}): void {
    const firings = this.evaluator.evaluate(rounds, { policyMs: this.clock(), realMs: Date.now() }, batch.live);
    if (firings.length === 0) return;
    const alerts = firings.map(storedAlertOf);
    let ids: (number | null)[];
    try {
      // A savepoint of its own: if the alerts cannot be written, the rounds still are.
      ids = this.store.addAlerts(firings.map((firing, i): AlertToStore => this.rowOf(firing, alerts[i]!)));
    } catch (error) {
      this.log(`${alerts.length} alert(s) could not be saved and were not shown: ${(error as Error).message}`);
      return;
    }
    ids.forEach((id, i) => {
      // null: this rule already alerted for this round (a round delivered again).
      if (id !== null) this.told.push({ id, read: false, ...alerts[i]! });
    });
  }

  afterCommit(): void {
    const told = this.told;
    this.told = [];
    for (const alert of told) this.pushed.emit(alert);
  }

  afterRollback(): void {
    // The rounds will come again; the counters moved by them are read back from the history.
    this.told = [];
    this.evaluator.reseed(this.store.rules());
  }

  private rowOf(firing: Firing, alert: StoredAlert): AlertToStore {
    return {
      alert,
      ruleId: firing.rule.id,
      gameId: this.options.history.rounds.gameId(firing.round.game),
      roundUs: firing.round.finalizedUs,
      firedUs: Math.round(firing.firedAtMs * 1000),
    };
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
