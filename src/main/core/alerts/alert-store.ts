import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { alertRuleInputSchema, alertSchema, type Alert, type AlertFeed, type AlertRule, type AlertRuleInput } from '../../../shared/alerts';
import { microsToIso } from '../../../shared/time';

// The alert tables of migration 5: rules as validated JSON, and every alert fired. The database
// is a boundary too: a rule or an alert written by another version is read through the shared
// schema, and one that no longer parses is left out (said in the log), never trusted.

/**
 * The feed shows this many alerts; older ones lose their text (a rule firing every round would
 * fill the disk) but keep their row: the row is what stops a round alerting twice, and what a
 * drought's re-arming and a rule's cooldown are read from.
 */
export const FEED_LIMIT = 20_000;
/** Pruning is checked every this many inserts, not on each. */
const PRUNE_EVERY = 500;

const storedRuleSchema = alertRuleInputSchema.omit({ id: true });
/** An alert as stored: everything but its row id and read flag, which are columns. */
const storedAlertSchema = alertSchema.omit({ id: true, read: true });
export type StoredAlert = z.infer<typeof storedAlertSchema>;

interface RuleRow {
  id: number;
  rule_json: string;
  created_us: number;
  updated_us: number;
}

interface AlertRow {
  id: number;
  read: number;
  alert_json: string;
}

export interface AlertToStore {
  readonly alert: StoredAlert;
  readonly ruleId: number;
  readonly gameId: number;
  readonly roundUs: number;
  readonly firedUs: number;
}

export class AlertStore {
  private readonly selectRules: Statement<[], RuleRow>;
  private readonly selectRule: Statement<[number], RuleRow>;
  private readonly insertRule: Statement<[string, number, number]>;
  private readonly updateRule: Statement<[string, number, number]>;
  private readonly removeRule: Statement<[number]>;
  private readonly insertAlert: Statement<[number, number, string, number, number, number, number, string]>;
  private readonly selectFeed: Statement<[number, number], AlertRow>;
  private readonly countUnread: Statement<[], { n: number }>;
  private readonly markRead: Statement<[number]>;
  private readonly selectLastRound: Statement<[number, number], { us: number; round_index: bigint | null }>;
  private readonly selectLastFired: Statement<[number], { us: number | null }>;
  private readonly prune: Statement<[number]>;
  private inserted = 0;

  constructor(
    private readonly db: Database,
    private readonly log: (message: string) => void,
  ) {
    this.selectRules = db.prepare('SELECT id, rule_json, created_us, updated_us FROM alert_rules ORDER BY id');
    this.selectRule = db.prepare('SELECT id, rule_json, created_us, updated_us FROM alert_rules WHERE id = ?');
    this.insertRule = db.prepare('INSERT INTO alert_rules (rule_json, created_us, updated_us) VALUES (?, ?, ?)');
    this.updateRule = db.prepare('UPDATE alert_rules SET rule_json = ?, updated_us = ? WHERE id = ?');
    this.removeRule = db.prepare('DELETE FROM alert_rules WHERE id = ?');
    this.insertAlert = db.prepare(`
      INSERT INTO alert_events (rule_id, game_id, round_id, round_us, fired_us, muted, live, alert_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id, game_id, round_id) DO NOTHING`);
    this.selectFeed = db.prepare("SELECT id, read, alert_json FROM alert_events WHERE id < ? AND alert_json != '' ORDER BY id DESC LIMIT ?");
    this.countUnread = db.prepare('SELECT count(*) AS n FROM alert_events WHERE read = 0');
    this.markRead = db.prepare('UPDATE alert_events SET read = 1 WHERE read = 0 AND id <= ?');
    this.selectLastRound = db
      .prepare(`
        SELECT a.round_us AS us, r.round_index FROM alert_events a
        LEFT JOIN rounds r ON r.game_id = a.game_id AND r.round_id = a.round_id
        WHERE a.rule_id = ? AND a.game_id = ? ORDER BY a.round_us DESC, r.round_index DESC LIMIT 1`)
      .safeIntegers(true) as unknown as Statement<[number, number], { us: number; round_index: bigint | null }>;
    this.selectLastFired = db.prepare('SELECT max(fired_us) AS us FROM alert_events WHERE rule_id = ?');
    this.prune = db.prepare(`
      UPDATE alert_events SET alert_json = '', read = 1
      WHERE alert_json != '' AND id <= (SELECT id FROM alert_events WHERE alert_json != '' ORDER BY id DESC LIMIT 1 OFFSET ?)`);
  }

  rules(): AlertRule[] {
    return this.selectRules.all().flatMap((row) => {
      const rule = this.ruleOf(row);
      return rule === null ? [] : [rule];
    });
  }

  rule(id: number): AlertRule | null {
    const row = this.selectRule.get(id);
    return row === undefined ? null : this.ruleOf(row);
  }

  /** Creates (id null) or replaces a rule; null when the id names no rule. */
  saveRule(input: AlertRuleInput, nowUs: number): AlertRule | null {
    const { id, ...fields } = input;
    const json = JSON.stringify(fields);
    if (id === null) {
      const created = Number(this.insertRule.run(json, nowUs, nowUs).lastInsertRowid);
      return this.rule(created);
    }
    if (this.updateRule.run(json, nowUs, id).changes === 0) return null;
    return this.rule(id);
  }

  deleteRule(id: number): boolean {
    return this.removeRule.run(id).changes === 1;
  }

  /**
   * Stores alerts all or none (inside the rounds' transaction this is a savepoint); returns the
   * ids of those that were new (null: that round had alerted already).
   */
  addAlerts(alerts: readonly AlertToStore[]): (number | null)[] {
    const prune = this.inserted + alerts.length >= PRUNE_EVERY;
    const ids = this.db.transaction(() => {
      const added = alerts.map(({ alert, ruleId, gameId, roundUs, firedUs }) => {
        const result = this.insertAlert.run(ruleId, gameId, alert.roundId, roundUs, firedUs, alert.muted ? 1 : 0, alert.live ? 1 : 0, JSON.stringify(alert));
        return result.changes === 1 ? Number(result.lastInsertRowid) : null;
      });
      if (prune) this.prune.run(FEED_LIMIT);
      return added;
    })();
    this.inserted = prune ? 0 : this.inserted + alerts.length;
    return ids;
  }

  feed(beforeId: number | null, limit: number): AlertFeed {
    // One row more than asked says whether another page follows.
    const rows = this.selectFeed.all(beforeId ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const alerts = rows.slice(0, limit).flatMap((row) => {
      const parsed = storedAlertSchema.safeParse(jsonOf(row.alert_json));
      if (!parsed.success) {
        this.log(`alert ${row.id} in the history cannot be read by this version; left out of the feed`);
        return [];
      }
      return [{ id: row.id, read: row.read === 1, ...parsed.data } satisfies Alert];
    });
    return { alerts, hasMore: rows.length > limit, unread: this.unread() };
  }

  unread(): number {
    return this.countUnread.get()!.n;
  }

  markReadThrough(id: number): number {
    this.markRead.run(id);
    return this.unread();
  }

  /** The round of the rule's newest alert on a game (time, and index to order rounds of one instant). */
  lastAlertRound(ruleId: number, gameId: number): { us: number; index: bigint | null } | null {
    const row = this.selectLastRound.get(ruleId, gameId);
    return row === undefined ? null : { us: Number(row.us), index: row.round_index };
  }

  lastFiredUs(ruleId: number): number | null {
    return this.selectLastFired.get(ruleId)?.us ?? null;
  }

  private ruleOf(row: RuleRow): AlertRule | null {
    const parsed = storedRuleSchema.safeParse(jsonOf(row.rule_json));
    if (!parsed.success) {
      this.log(`alert rule ${row.id} cannot be read by this version of Roundlog; it is not watched`);
      return null;
    }
    return { id: row.id, ...parsed.data, createdAt: microsToIso(row.created_us), updatedAt: microsToIso(row.updated_us) };
  }
}

/** The value of a JSON text, or undefined for text that is not JSON (which then fails its schema). */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
