import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AlertCenter } from '../../../src/main/core/alerts/alert-center';
import { LIVE_WINDOW_MS } from '../../../src/main/core/alerts/evaluator';
import type { Round } from '../../../src/main/core/round';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { RoundWriter } from '../../../src/main/core/store/round-writer';
import type { Alert, AlertRuleInput } from '../../../src/shared/alerts';
import { catalogKind } from '../../../src/shared/games';
import { useTempDir } from '../../support/temp-dir';

// Alerts are stored in the transaction of the rounds that fire them, on a real SQLite file: a
// commit that rolls back leaves neither, a retry fires once; rounds another process wrote are
// counted; a round that came by the live path is live whatever the local clock says.

let nextIndex = 5_000_000_000_000_000_000n;
/** Rounds are made in the order they were played, a second apart, ending about now. */
let nextMs = Date.now() - 60_000;

/** The next Stake Crash round, finalised at `atMs` (default: a second after the previous one). */
function round(multiplier: string, atMs = (nextMs += 1_000)): Round {
  const index = nextIndex++;
  const finalizedUs = atMs * 1000;
  const finalizedAt = new Date(atMs).toISOString();
  return { game: 'stake-crash', roundId: `r${index}`, roundIndex: index, multiplier, finalizedAt, finalizedUs, segment: null, json: `{"round_index":${index}}` };
}

const run = (values: readonly string[]): Round[] => values.map((value) => round(value));
const misses = (count: number): string[] => Array<string>(count).fill('1.50');

const RULE = { id: null, enabled: true, games: ['stake-crash'], cooldownSeconds: 0, quietHours: null, sound: false, includeBackfill: false } satisfies Omit<AlertRuleInput, 'name' | 'condition'>;
const highRule = (atLeast: number): AlertRuleInput => ({ ...RULE, name: `≥ ${atLeast}×`, condition: { kind: 'multiplier', atLeast } });
const droughtRule = (longerThan: number): AlertRuleInput => ({
  ...RULE,
  name: `no 10× for ${longerThan}`,
  condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: longerThan } },
});

interface Core {
  readonly db: Database;
  readonly history: History;
  readonly center: AlertCenter;
  readonly told: Alert[];
  close(): void;
}

function openCore(file: string): Core {
  const db = openDatabase(file);
  const history = new History(db, catalogKind);
  const center = new AlertCenter({ db, history, log: () => {} });
  center.listen();
  const told: Alert[] = [];
  center.onAlert((alert) => told.push(alert));
  return { db, history, center, told, close: () => (center.dispose(), db.close()) };
}

const storedAlerts = (db: Database): number => (db.prepare('SELECT count(*) AS n FROM alert_events').get() as { n: number }).n;
const storedRounds = (db: Database): number => (db.prepare('SELECT count(*) AS n FROM rounds').get() as { n: number }).n;
const commit = (core: Core, rounds: readonly Round[], live?: ReadonlySet<Round>): Round[] =>
  core.history.commit({ rounds, coverage: [], quarantine: [], ...(live ? { live } : {}) });

describe('alerts commit with their rounds', () => {
  let dir: ReturnType<typeof useTempDir>;
  let file: string;
  const opened: Core[] = [];
  const open = (): Core => {
    const core = openCore(file);
    opened.push(core);
    return core;
  };

  beforeEach(() => {
    dir = useTempDir();
    file = join(dir.path, 'history.sqlite');
  });
  afterEach(() => {
    for (const core of opened.splice(0)) core.close();
    dir.remove();
  });

  it('a commit that rolls back stores neither the rounds nor their alerts and tells nothing; the retry fires once', () => {
    const core = open();
    core.center.saveRule(highRule(2));
    core.center.saveRule(droughtRule(3));
    commit(core, run(['12.00']));
    core.told.length = 0;
    // Something later in the same transaction fails (a full disk, say) after the alerts were written.
    let failNext = true;
    core.history.join({
      inCommit: () => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
      },
    });
    const batch = run(['1.10', '1.20', '1.30', '5.00', '1.40']);
    expect(() => commit(core, batch)).toThrow('disk full');
    expect(storedRounds(core.db)).toBe(1);
    expect(storedAlerts(core.db)).toBe(1);
    expect(core.told).toEqual([]);

    // The writer commits the same batch again: the drought is counted from the history, not from
    // the counters the failed attempt had moved.
    expect(commit(core, batch)).toHaveLength(5);
    expect(core.told.map((alert) => [alert.kind, alert.multiplier, alert.run?.rounds ?? null])).toEqual([
      ['multiplier', '5.00', null],
      ['drought', '5.00', 4],
    ]);
    expect(storedAlerts(core.db)).toBe(3);
  });

  it('alerts that cannot be written leave the rounds stored (a savepoint of their own)', () => {
    const core = open();
    core.center.saveRule(highRule(2));
    // The alert table refuses writes; the rounds table does not.
    core.db.exec("CREATE TRIGGER refuse_alerts BEFORE INSERT ON alert_events BEGIN SELECT RAISE(ABORT, 'alerts refused'); END");
    expect(commit(core, run(['3.00', '1.00']))).toHaveLength(2);
    expect(storedRounds(core.db)).toBe(2);
    expect(storedAlerts(core.db)).toBe(0);
    expect(core.told).toEqual([]);
    core.db.exec('DROP TRIGGER refuse_alerts');
    commit(core, run(['4.00']));
    expect(core.told.map((alert) => alert.multiplier)).toEqual(['4.00']);
  });

  it('rounds another process wrote meanwhile count in a drought (a `roundlog import` beside the app)', () => {
    const app = open();
    app.center.saveRule(droughtRule(6));
    commit(app, run(['20.00', ...misses(3)]));
    expect(app.told).toEqual([]);

    // A second connection, as `roundlog import` has (a History without alerts), stores four more misses.
    const otherDb = openDatabase(file);
    try {
      new History(otherDb, catalogKind).commit({ rounds: run(misses(4)), coverage: [], quarantine: [] });
    } finally {
      otherDb.close();
    }

    // The app's next round makes eight rounds since the last 10×: beyond six, so it fires, told
    // with the count the history holds.
    commit(app, run(misses(1)));
    expect(app.told.map((alert) => alert.run?.rounds)).toEqual([8]);
  });

  it('a round that came by the live path is live whatever its age on this clock; one from a page of history is not', async () => {
    const core = open();
    core.center.saveRule(highRule(100));
    const writer = new RoundWriter(core.history);
    // This computer's clock runs ten minutes ahead: every round looks old.
    const skewedMs = LIVE_WINDOW_MS + 10 * 60_000;
    const streamed = round('250.00', Date.now() - skewedMs);
    const paged = round('300.00', Date.now() - skewedMs + 1);
    writer.enqueue([streamed]);
    writer.enqueue([paged], { bulk: true });
    writer.flush();
    await writer.idle();
    writer.dispose();
    expect(core.told.map((alert) => [alert.multiplier, alert.live])).toEqual([['250.00', true]]);
  });

  it('a poll is the live path too (bulk pages marked live)', async () => {
    const core = open();
    core.center.saveRule(highRule(100));
    const writer = new RoundWriter(core.history);
    writer.enqueue([round('150.00', Date.now() - LIVE_WINDOW_MS * 3)], { bulk: true, live: true });
    writer.flush();
    await writer.idle();
    writer.dispose();
    expect(core.told.map((alert) => alert.live)).toEqual([true]);
  });
});
