import type { Database, Statement } from 'better-sqlite3';
import { HEADLINE_THRESHOLDS, roundUnits, toUnits } from '../../../../shared/stats/thresholds';
import { ForeignWrites } from '../../store/foreign-writes';
import { roundFacts } from '../round-facts';
import type { PrecomputedFacts } from '../round-facts-types';
import { dayOf, hourOf, DAY_US, HOUR_US } from './calendar';
import { decodeRollup, encodeRollup } from './rollup-codec';
import { Rollup, type RolledRound, type RoundRef } from './rollup';

// Keeps the rollup tables (migration 3) in step with `rounds`: called inside the transaction that
// inserts rounds, with exactly the rounds that were new, so a round seen twice is counted once.
// Rounds usually arrive after (live) or before (backfill walks newest first) everything an hour
// already holds, or both in one commit (a catch-up page shares it with live frames); then the
// hour's rollup is extended at its ends. Rounds landing between rounds an hour already has make it
// rebuild from its rows: at most an hour of them.
//
// Each game's newest hour and day are also kept decoded in memory (`OpenRollups`), so a live
// commit writes them without reading them back: one UPDATE each, still in the rounds'
// transaction. That copy is dropped whenever it may differ from the file: after a rolled-back
// transaction, and when another connection has written to the file.

/** A just-inserted round, as the store has it. */
export interface StoredRound {
  readonly id: number;
  readonly us: number;
  readonly multiplier: string;
  readonly segment: string | null;
  readonly json: string;
  /** The facts of `json`, if read already where the row was parsed. */
  readonly facts?: PrecomputedFacts | undefined;
}

interface RollupRow {
  first_us: number;
  last_us: number;
  rounds: number;
  rollup: string;
}

interface RoundRow {
  id: number;
  finalized_us: number;
  multiplier_value: number;
  segment: string | null;
  row_json: string;
}

/** Headline thresholds are events too: `ge:2` is "a round at or above 2×". */
export const thresholdEvent = (threshold: number): string => `ge:${threshold}`;
const THRESHOLD_EVENTS = HEADLINE_THRESHOLDS.map((threshold) => ({ event: thresholdEvent(threshold), units: toUnits(threshold) }));

/** A game as its rounds are read for facts. */
export interface RolledGame {
  readonly id: number;
  readonly slug: string;
  readonly kind: string;
}

export class RollupStore {
  private readonly selectHour: Statement<[number, number], RollupRow>;
  private readonly selectDay: Statement<[number, number], RollupRow>;
  private readonly upsertHour: Statement<[number, number, number, number, number, string]>;
  private readonly upsertDay: Statement<[number, number, number, number, number, string]>;
  private readonly selectHoursBetween: Statement<[number, number, number], RollupRow & { hour: number }>;
  private readonly selectDaysBetween: Statement<[number, number, number], RollupRow & { day: number }>;
  private readonly selectHourStamps: Statement<[number, number, number], Omit<RollupRow, 'rollup'> & { hour: number }>;
  private readonly selectRows: Statement<[number, number, number], RoundRow>;
  private readonly upsertEvent: Statement<[number, string, number, number, number]>;
  private readonly deleteGame: Statement<[number]>[];
  private readonly selectPending: Statement<[], { game_id: number; slug: string; kind: string }>;
  private readonly deletePending: Statement<[number]>;
  private readonly selectFirstFrom: Statement<[number, number], { us: number }>;
  private readonly updateHour: Statement<[number, number, number, string, number, number]>;
  private readonly updateDay: Statement<[number, number, number, string, number, number]>;
  private readonly openHours = new OpenRollups();
  private readonly openDays = new OpenRollups();
  /** Commits by other connections since the open rollups were last known to match the file. */
  private readonly foreignWrites: ForeignWrites;

  constructor(private readonly db: Database) {
    const rollupOf = (table: string, unit: string) =>
      db.prepare(`SELECT first_us, last_us, rounds, rollup FROM ${table} WHERE game_id = ? AND ${unit} = ?`) as Statement<
        [number, number],
        RollupRow
      >;
    const upsert = (table: string, unit: string) =>
      db.prepare(`
        INSERT INTO ${table} (game_id, ${unit}, first_us, last_us, rounds, rollup) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (game_id, ${unit}) DO UPDATE SET
          first_us = excluded.first_us, last_us = excluded.last_us, rounds = excluded.rounds, rollup = excluded.rollup`) as Statement<
        [number, number, number, number, number, string]
      >;
    const update = (table: string, unit: string) =>
      db.prepare(`UPDATE ${table} SET first_us = ?, last_us = ?, rounds = ?, rollup = ? WHERE game_id = ? AND ${unit} = ?`) as Statement<
        [number, number, number, string, number, number]
      >;
    this.selectHour = rollupOf('stats_hours', 'hour');
    this.selectDay = rollupOf('stats_days', 'day');
    this.upsertHour = upsert('stats_hours', 'hour');
    this.upsertDay = upsert('stats_days', 'day');
    this.updateHour = update('stats_hours', 'hour');
    this.updateDay = update('stats_days', 'day');
    this.foreignWrites = new ForeignWrites(db);
    this.selectHoursBetween = db.prepare(`
      SELECT hour, first_us, last_us, rounds, rollup FROM stats_hours
      WHERE game_id = ? AND hour BETWEEN ? AND ? ORDER BY hour`);
    this.selectHourStamps = db.prepare(`
      SELECT hour, first_us, last_us, rounds FROM stats_hours
      WHERE game_id = ? AND hour BETWEEN ? AND ? ORDER BY hour`);
    this.selectDaysBetween = db.prepare(`
      SELECT day, first_us, last_us, rounds, rollup FROM stats_days
      WHERE game_id = ? AND day BETWEEN ? AND ? ORDER BY day`);
    this.selectRows = db.prepare(`
      SELECT id, finalized_us, multiplier_value, segment, row_json FROM rounds
      WHERE game_id = ? AND finalized_us >= ? AND finalized_us < ? ORDER BY finalized_us, id`);
    this.upsertEvent = db.prepare(`
      INSERT INTO stats_events (game_id, event, hits, last_us, last_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (game_id, event) DO UPDATE SET
        hits = hits + excluded.hits,
        last_us = CASE WHEN excluded.last_us > last_us OR (excluded.last_us = last_us AND excluded.last_id > last_id) THEN excluded.last_us ELSE last_us END,
        last_id = CASE WHEN excluded.last_us > last_us OR (excluded.last_us = last_us AND excluded.last_id > last_id) THEN excluded.last_id ELSE last_id END`);
    this.deleteGame = ['stats_hours', 'stats_days', 'stats_events'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE game_id = ?`),
    );
    this.deletePending = db.prepare('DELETE FROM stats_rebuild WHERE game_id = ?');
    this.selectFirstFrom = db.prepare(
      'SELECT finalized_us AS us FROM rounds WHERE game_id = ? AND finalized_us >= ? ORDER BY finalized_us LIMIT 1',
    );
    this.selectPending = db.prepare(`
      SELECT s.game_id, g.slug, g.kind FROM stats_rebuild s JOIN games g ON g.id = s.game_id ORDER BY s.game_id`);
  }

  /** Adds just-inserted rounds of one game to its rollups. Call inside the inserting transaction. */
  record(game: RolledGame, stored: readonly StoredRound[]): void {
    if (stored.length === 0) return;
    this.forgetIfWrittenElsewhere();
    const rounds = stored.map((round) =>
      rolledRound(game, round.id, round.us, Number(round.multiplier), round.segment, round.json, round.facts),
    );
    rounds.sort(byTime);
    const days = new Map<number, DayChange>();
    let start = 0;
    while (start < rounds.length) {
      const hour = hourOf((rounds[start] as RolledRound).us);
      let end = start + 1;
      while (end < rounds.length && hourOf((rounds[end] as RolledRound).us) === hour) end++;
      const change = this.extendHour(game, hour, rounds.slice(start, end));
      const day = dayOf(hour * HOUR_US);
      const dayChange = days.get(day) ?? { rebuild: false, deltas: [] };
      if (change === null) dayChange.rebuild = true;
      else dayChange.deltas.push(...change);
      days.set(day, dayChange);
      start = end;
    }
    for (const [day, change] of days) this.extendDay(game, day, change);
    this.recordEvents(game.id, rounds);
  }

  /**
   * The transaction that recorded rounds rolled back: what the open rollups gained in it was never
   * stored, so they are read from the file again when next needed.
   */
  forgetOpen(): void {
    this.openHours.clear();
    this.openDays.clear();
  }

  /**
   * Another connection (a `roundlog import` beside the app) may have moved this file's rollups.
   * Called inside a transaction that has written, so no other writer can commit until it ends;
   * data_version then tells whether one committed since the open rollups were last in step.
   */
  private forgetIfWrittenElsewhere(): void {
    if (this.foreignWrites.happened()) this.forgetOpen();
  }

  /** Games listed by migration 3 whose rollups must be built from their rounds. */
  pendingRebuilds(): RolledGame[] {
    return this.selectPending.all().map((row) => ({ id: row.game_id, slug: row.slug, kind: row.kind }));
  }

  /**
   * Builds a game's rollups from all its rounds, a day of rows at a time, oldest first, in one
   * transaction (statements cannot write while another still iterates).
   */
  rebuild(game: RolledGame): void {
    this.forgetOpen();
    this.db.transaction(() => {
      for (const statement of this.deleteGame) statement.run(game.id);
      const events = new Map<string, { hits: number; last: RoundRef }>();
      let dayStart = this.selectFirstFrom.get(game.id, Number.MIN_SAFE_INTEGER)?.us ?? null;
      while (dayStart !== null) {
        const day = dayOf(dayStart);
        const dayRollup = new Rollup();
        let hourRollup = new Rollup();
        let hour: number | null = null;
        for (const row of this.selectRows.all(game.id, day * DAY_US, (day + 1) * DAY_US)) {
          const round = rolledRound(game, row.id, row.finalized_us, row.multiplier_value, row.segment, row.row_json);
          if (hourOf(round.us) !== hour) {
            if (hour !== null) this.writeHour(game.id, hour, hourRollup);
            dayRollup.append(hourRollup);
            hour = hourOf(round.us);
            hourRollup = new Rollup();
          }
          hourRollup.add(round);
          countEvents(events, round);
        }
        if (hour !== null) this.writeHour(game.id, hour, hourRollup);
        dayRollup.append(hourRollup);
        this.writeDay(game.id, day, dayRollup);
        dayStart = this.selectFirstFrom.get(game.id, (day + 1) * DAY_US)?.us ?? null;
      }
      for (const [event, { hits, last }] of events) this.upsertEvent.run(game.id, event, hits, last.us, last.id);
      this.deletePending.run(game.id);
    })();
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** Stored hours from `fromHour` through `toHour`, oldest first. */
  hoursBetween(gameId: number, fromHour: number, toHour: number): StoredRollup[] {
    return this.selectHoursBetween.all(gameId, fromHour, toHour).map((row) => storedRollup(row.hour, row));
  }

  /** What stored hours from `fromHour` through `toHour` cover, without their rollups: oldest first. */
  hourStamps(gameId: number, fromHour: number, toHour: number): RollupStamp[] {
    return this.selectHourStamps.all(gameId, fromHour, toHour).map((row) => ({ unit: row.hour, firstUs: row.first_us, lastUs: row.last_us, rounds: row.rounds }));
  }

  /** Stored days from `fromDay` through `toDay`, oldest first. */
  daysBetween(gameId: number, fromDay: number, toDay: number): StoredRollup[] {
    return this.selectDaysBetween.all(gameId, fromDay, toDay).map((row) => storedRollup(row.day, row));
  }

  /** The rollup of a game's rounds with fromUs ≤ finalized_us < toUs, read from the rows. */
  rollupOfRows(game: RolledGame, fromUs: number, toUs: number): Rollup {
    const rollup = new Rollup();
    for (const row of this.selectRows.iterate(game.id, fromUs, toUs)) {
      rollup.add(rolledRound(game, row.id, row.finalized_us, row.multiplier_value, row.segment, row.row_json));
    }
    return rollup;
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Extends an hour by its new rounds (oldest first); returns what the hour gained as runs, oldest
   * first (one before what it held, one after), or null if it was rebuilt from its rows.
   */
  private extendHour(game: RolledGame, hour: number, rounds: readonly RolledRound[]): Rollup[] | null {
    const open = this.openHours.get(game.id, hour);
    const stored = open ?? this.storedRollup(this.selectHour, game.id, hour);
    const held = stored !== null && stored.rounds > 0 ? stored : null;
    const runs = held === null ? [rollupOfRounds(rounds)] : runsAround(held, rounds);
    let rollup: Rollup;
    if (runs === null) rollup = this.rollupOfRows(game, hour * HOUR_US, (hour + 1) * HOUR_US);
    else if (held === null) rollup = copyOf(runs[0]!);
    else rollup = runs.reduce((joined: Rollup, run) => joinIfApart(joined, run)!, held);
    if (open !== null) this.update(this.updateHour, game.id, hour, rollup);
    else this.upsert(this.upsertHour, game.id, hour, rollup);
    this.openHours.offer(game.id, hour, rollup);
    return runs;
  }

  private extendDay(game: RolledGame, day: number, change: DayChange): void {
    const open = this.openDays.get(game.id, day);
    let rollup: Rollup | null = open ?? this.storedRollup(this.selectDay, game.id, day) ?? new Rollup();
    if (!change.rebuild) {
      for (const delta of change.deltas) {
        rollup = rollup === null ? null : rollup.rounds === 0 ? copyOf(delta) : joinIfApart(rollup, delta);
      }
    }
    if (change.rebuild || rollup === null) {
      rollup = new Rollup();
      const firstHour = (day * DAY_US) / HOUR_US;
      for (const hour of this.hoursBetween(game.id, firstHour, firstHour + 23)) rollup.append(hour.rollup());
    }
    if (open !== null) this.update(this.updateDay, game.id, day, rollup);
    else this.upsert(this.upsertDay, game.id, day, rollup);
    this.openDays.offer(game.id, day, rollup);
  }

  private storedRollup(select: Statement<[number, number], RollupRow>, gameId: number, unit: number): Rollup | null {
    const row = select.get(gameId, unit);
    return row === undefined ? null : decodeRollup(row.rollup);
  }

  private writeHour(gameId: number, hour: number, rollup: Rollup): void {
    this.upsert(this.upsertHour, gameId, hour, rollup);
  }

  private writeDay(gameId: number, day: number, rollup: Rollup): void {
    this.upsert(this.upsertDay, gameId, day, rollup);
  }

  private upsert(statement: Statement<[number, number, number, number, number, string]>, gameId: number, unit: number, rollup: Rollup): void {
    statement.run(gameId, unit, rollup.first!.us, rollup.last!.us, rollup.rounds, encodeRollup(rollup));
  }

  /** A row known to exist (its rollup is open): one UPDATE, no conflict check. */
  private update(statement: Statement<[number, number, number, string, number, number]>, gameId: number, unit: number, rollup: Rollup): void {
    const { changes } = statement.run(rollup.first!.us, rollup.last!.us, rollup.rounds, encodeRollup(rollup), gameId, unit);
    if (changes !== 1) throw new Error(`rollup of game ${gameId}, unit ${unit} was open in memory but not in the file`);
  }

  private recordEvents(gameId: number, rounds: readonly RolledRound[]): void {
    const events = new Map<string, { hits: number; last: RoundRef }>();
    for (const round of rounds) countEvents(events, round);
    for (const [event, { hits, last }] of events) this.upsertEvent.run(gameId, event, hits, last.us, last.id);
  }
}

/**
 * What a stored hour or day covers. Rounds are only ever added, so a unit whose stamp is unchanged
 * holds the same rounds, and figures drawn from its rollup still hold.
 */
export interface RollupStamp {
  /** The hour or day number. */
  readonly unit: number;
  readonly firstUs: number;
  readonly lastUs: number;
  readonly rounds: number;
}

/** An hour's or a day's rollup as stored; decoded only when read. */
export interface StoredRollup extends RollupStamp {
  rollup(): Rollup;
}

function storedRollup(unit: number, row: RollupRow): StoredRollup {
  return { unit, firstUs: row.first_us, lastUs: row.last_us, rounds: row.rounds, rollup: () => decodeRollup(row.rollup) };
}

/**
 * The newest hour (or day) of each game with its rollup decoded, as last written in this
 * connection. Older units are left to the file: backfill writes them once or twice, while the
 * live path writes the newest on every commit.
 */
class OpenRollups {
  private readonly byGame = new Map<number, { readonly unit: number; readonly rollup: Rollup }>();

  get(gameId: number, unit: number): Rollup | null {
    const open = this.byGame.get(gameId);
    return open !== undefined && open.unit === unit ? open.rollup : null;
  }

  /** Keeps the rollup just written for `unit` if no newer unit of the game is open. */
  offer(gameId: number, unit: number, rollup: Rollup): void {
    const open = this.byGame.get(gameId);
    if (open === undefined || open.unit <= unit) this.byGame.set(gameId, { unit, rollup });
  }

  clear(): void {
    this.byGame.clear();
  }
}

/** A rollup of its own: the open rollups are extended in place, so none may share one with a delta. */
function copyOf(rollup: Rollup): Rollup {
  const copy = new Rollup();
  copy.append(rollup);
  return copy;
}

interface DayChange {
  rebuild: boolean;
  /** What each touched hour gained, oldest hour first. */
  deltas: Rollup[];
}

function rollupOfRounds(rounds: readonly RolledRound[]): Rollup {
  const rollup = new Rollup();
  for (const round of rounds) rollup.add(round);
  return rollup;
}

/**
 * New rounds (oldest first) of a unit that holds `stored`, as the run before its first round and
 * the run after its last (only those that hold rounds), or null if any falls between.
 */
function runsAround(stored: Rollup, rounds: readonly RolledRound[]): Rollup[] | null {
  let before = 0;
  while (before < rounds.length && isBefore(rounds[before]!, stored.first!)) before++;
  let after = rounds.length;
  while (after > before && isBefore(stored.last!, rounds[after - 1]!)) after--;
  if (after > before) return null;
  return [rounds.slice(0, before), rounds.slice(after)].filter((run) => run.length > 0).map(rollupOfRounds);
}

/**
 * `a` and `b` as one rollup when one lies wholly before the other in time, else null: runs below
 * a threshold can only be joined end to end.
 */
function joinIfApart(a: Rollup, b: Rollup): Rollup | null {
  if (a.rounds === 0) return b;
  if (b.rounds === 0) return a;
  if (isBefore(a.last!, b.first!)) {
    a.append(b);
    return a;
  }
  if (isBefore(b.last!, a.first!)) {
    const joined = new Rollup();
    joined.append(b);
    joined.append(a);
    return joined;
  }
  return null;
}

function isBefore(a: RoundRef, b: RoundRef): boolean {
  return a.us < b.us || (a.us === b.us && a.id < b.id);
}

function byTime(a: RolledRound, b: RolledRound): number {
  return a.us - b.us || a.id - b.id;
}

/** `precomputed`: the row's facts if already read as this game's kind (page-parse worker), else they are read here. */
function rolledRound(
  game: RolledGame,
  id: number,
  us: number,
  multiplier: number,
  segment: string | null,
  json: string,
  precomputed?: PrecomputedFacts,
): RolledRound {
  const units = roundUnits(multiplier);
  const facts = precomputed !== undefined && precomputed.kind === game.kind ? precomputed.facts : roundFacts(game.slug, game.kind, json, segment, units);
  return { id, us, units, facts };
}

/** Adds a round's events (thresholds reached, and its facts' events) to `events`; rounds come oldest first. */
function countEvents(events: Map<string, { hits: number; last: RoundRef }>, round: RolledRound): void {
  const count = (event: string): void => {
    const seen = events.get(event);
    if (seen === undefined) events.set(event, { hits: 1, last: round });
    else {
      seen.hits += 1;
      seen.last = round;
    }
  };
  for (const threshold of THRESHOLD_EVENTS) if (round.units >= threshold.units) count(threshold.event);
  for (const event of round.facts.events) count(event);
}
