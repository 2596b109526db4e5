import type { Database, Statement } from 'better-sqlite3';
import { HEADLINE_THRESHOLDS, MULTIPLIER_UNIT, toUnits } from '../../../shared/stats/thresholds';
import { isoToMicros } from '../../../shared/time';
import { GameHistoryQueries } from '../stats/event-history';
import { thresholdEvent } from '../stats/rollup/rollup-store';
import type { History } from '../store/history';
import type { AlertStore } from './alert-store';
import type { AlertMemory, Edge } from './evaluator';
import type { Target } from './rule-plan';

// Where the evaluator's counters start: the statistics already keep each headline threshold's
// and each segment's last hit (`stats_events`) and count rounds since a moment from the rollups,
// so a drought on those is two lookups however long the history. Other thresholds look back
// through the newest rounds first and only then ask the multiplier index.

interface HitRow {
  us: bigint;
  round_index: bigint | null;
}

/** Rounds looked back through for an uncommon threshold before the multiplier index is asked. */
const LOOK_BACK_ROUNDS = 10_000;

export class HistoryMemory implements AlertMemory {
  private readonly queries: GameHistoryQueries;
  private readonly selectHead: Statement<[number], { us: number; round_index: bigint | null }>;
  private readonly selectCount: Statement<[number, number, number], { n: number }>;
  private readonly selectRecentHit: Statement<[number, number], HitRow>;
  private readonly selectAnyHit: Statement<[number, number], HitRow>;

  constructor(
    db: Database,
    private readonly history: History,
    private readonly alerts: AlertStore,
  ) {
    this.queries = new GameHistoryQueries(db);
    this.selectHead = db
      .prepare('SELECT finalized_us AS us, round_index FROM rounds WHERE game_id = ? ORDER BY finalized_us DESC, round_index DESC LIMIT 1')
      .safeIntegers(true) as unknown as Statement<[number], { us: number; round_index: bigint | null }>;
    this.selectCount = db.prepare('SELECT count(*) AS n FROM rounds WHERE game_id = ? AND finalized_us BETWEEN ? AND ?');
    this.selectRecentHit = db
      .prepare(`
        SELECT us, round_index FROM (
          SELECT finalized_us AS us, round_index, multiplier_value FROM rounds WHERE game_id = ? ORDER BY finalized_us DESC LIMIT ${LOOK_BACK_ROUNDS})
        WHERE multiplier_value >= ? ORDER BY us DESC, round_index DESC LIMIT 1`)
      .safeIntegers(true) as unknown as Statement<[number, number], HitRow>;
    this.selectAnyHit = db
      .prepare('SELECT finalized_us AS us, round_index FROM rounds WHERE game_id = ? AND multiplier_value >= ? ORDER BY finalized_us DESC, round_index DESC LIMIT 1')
      .safeIntegers(true) as unknown as Statement<[number, number], HitRow>;
  }

  head(game: string): Edge | null {
    const id = this.history.rounds.idOf(game);
    const row = id === undefined ? undefined : this.selectHead.get(id);
    return row === undefined ? null : { us: Number(row.us), index: row.round_index };
  }

  run(game: string, target: Target): { lastHit: Edge | null; misses: number } {
    const id = this.history.rounds.idOf(game);
    if (id === undefined) return { lastHit: null, misses: 0 };
    const lastHit = this.lastHit(id, target);
    if (lastHit === null) return { lastHit: null, misses: this.queries.lifetimeRounds(id) };
    // Counted as the statistics count a drought: every round from the hit on, less the hit.
    return { lastHit, misses: Math.max(0, this.queries.roundsFromRound(id, lastHit.us, lastHit.index) - 1) };
  }

  countAfter(game: string, hit: Edge, throughUs: number): number {
    const id = this.history.rounds.idOf(game);
    if (id === undefined) return 0;
    const fromHit = this.selectCount.get(id, hit.us, throughUs)!.n - this.queries.earlierInInstant(id, hit.us, hit.index);
    return Math.max(0, fromHit - 1);
  }

  lastAlertRound(ruleId: number, game: string): Edge | null {
    const id = this.history.rounds.idOf(game);
    return id === undefined ? null : this.alerts.lastAlertRound(ruleId, id);
  }

  lastFiredMs(ruleId: number): number | null {
    const us = this.alerts.lastFiredUs(ruleId);
    return us === null ? null : us / 1000;
  }

  private lastHit(gameId: number, target: Target): Edge | null {
    const events = eventsOf(target.key);
    if (events !== null) {
      const history = this.queries.eventHistory(gameId);
      let newest: Edge | null = null;
      for (const event of events) {
        const hit = history.lastHit(event);
        const us = hit === null ? undefined : isoToMicros(hit.finalizedAt);
        if (hit === null || us === null || us === undefined) continue;
        if (newest === null || us > newest.us) newest = { us, index: hit.roundIndex === null ? null : BigInt(hit.roundIndex) };
      }
      return newest;
    }
    const units = Number(target.key.slice('ge:'.length));
    // multiplier_value is the string's number: half a unit below the threshold is "at or above" in units.
    const value = (units - 0.5) / MULTIPLIER_UNIT;
    const row = this.selectRecentHit.get(gameId, value) ?? this.selectAnyHit.get(gameId, value);
    return row === undefined ? null : { us: Number(row.us), index: row.round_index };
  }
}

/** The stats events that record a target's hits, or null for a threshold the statistics do not count. */
function eventsOf(key: string): string[] | null {
  if (key.startsWith('seg:')) return key.slice('seg:'.length).split(',').map((code) => `seg:${code}`);
  const units = Number(key.slice('ge:'.length));
  const threshold = HEADLINE_THRESHOLDS.find((x) => toUnits(x) === units);
  return threshold === undefined ? null : [thresholdEvent(threshold)];
}
