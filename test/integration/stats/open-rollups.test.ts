import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Round } from '../../../src/main/core/round';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { catalogKind } from '../../../src/shared/games';
import { seededRandom } from '../../../src/sim/seeded-random';
import { useTempDir } from '../../support/temp-dir';

// The live path keeps each game's newest hour and day rollups in memory and writes them without
// reading them back. Whatever happens around it (a commit that rolls back, another process writing
// the same file), the rollup rows must stay exactly those the rounds themselves give.

const START_US = 1_780_000_000_000_000;

function liveRounds(count: number, seed: number, from = 0): Round[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const hundredths = Math.max(100, Math.floor(99 / (1 - random())));
    const multiplier = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}00`;
    const us = START_US + n * 9_000_000;
    const index = 7_393_228_772_258_146_753n + BigInt(n);
    return {
      game: 'stake-crash',
      roundId: `r${n}`,
      roundIndex: index,
      multiplier,
      finalizedAt: new Date(us / 1000).toISOString(),
      finalizedUs: us,
      segment: null,
      json: `{"round_index":${index},"round_id":"r${n}","multiplier":"${multiplier}","raw":{"totalAmount":${n % 97}.5,"bettorsCount":${n % 300}}}`,
    };
  });
}

/** Every rollup row, as text. */
function rollupRows(db: Database): string[] {
  return db
    .prepare(
      `SELECT 'h' || hour || ':' || rounds || ':' || rollup AS row FROM stats_hours
       UNION ALL SELECT 'd' || day || ':' || rounds || ':' || rollup FROM stats_days
       UNION ALL SELECT 'e' || event || ':' || hits || ':' || last_id FROM stats_events ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
}

/** The rows the rounds give when the rollups are built from them alone. */
function rebuiltRows(db: Database, history: History): string[] {
  history.rollups.rebuild(history.statsGame('stake-crash')!);
  return rollupRows(db);
}

const commitEach = (history: History, rounds: readonly Round[]): void => {
  for (const round of rounds) history.commit({ rounds: [round], coverage: [], quarantine: [] });
};

describe('the rollups the live path keeps open', () => {
  let dir: ReturnType<typeof useTempDir>;
  let file: string;
  beforeEach(() => {
    dir = useTempDir();
    file = join(dir.path, 'history.sqlite');
  });
  afterEach(() => dir.remove());

  it('lose what a rolled-back commit added to them', () => {
    const db = openDatabase(file);
    const history = new History(db, catalogKind);
    let failNext = false;
    history.join({
      inCommit: () => {
        if (failNext) throw new Error('the disk is full');
      },
    });
    const rounds = liveRounds(900, 5);
    commitEach(history, rounds.slice(0, 500));
    failNext = true;
    expect(() => history.commit({ rounds: rounds.slice(500, 510), coverage: [], quarantine: [] })).toThrow('the disk is full');
    failNext = false;
    // Rounds after the lost ones: nothing forces the rollups to be read again from the file.
    commitEach(history, rounds.slice(510));
    const stored = rollupRows(db);
    expect(stored).toEqual(rebuiltRows(db, history));
    expect(stored.filter((row) => row.startsWith('h')).reduce((sum, row) => sum + Number(row.split(':')[1]), 0)).toBe(890);
    db.close();
  });

  it('take in the rounds another connection stored in the same hour and day', () => {
    const app = openDatabase(file);
    const other = openDatabase(file);
    const ours = new History(app, catalogKind);
    const theirs = new History(other, catalogKind);
    const rounds = liveRounds(600, 8);
    commitEach(ours, rounds.slice(0, 200));
    // `roundlog import` beside the app: the same game's same hour, written by another connection.
    commitEach(theirs, rounds.slice(200, 400));
    commitEach(ours, rounds.slice(400, 600));
    const stored = rollupRows(app);
    expect(stored).toEqual(rebuiltRows(app, ours));
    expect(stored.filter((row) => row.startsWith('d')).reduce((sum, row) => sum + Number(row.split(':')[1]), 0)).toBe(600);
    other.close();
    app.close();
  });

  it('take a commit holding rounds before and after what an hour holds at both ends, without reading its rows', () => {
    const db = openDatabase(file);
    const history = new History(db, catalogKind);
    const rounds = liveRounds(200, 11); // one hour and one day: a round every 9 s from 1,600 s into the hour
    commitEach(history, rounds.slice(120, 180));
    // A catch-up page (older rounds) committed together with the stream's newest frames.
    const readsOfRows = vi.spyOn(history.rollups, 'rollupOfRows');
    history.commit({ rounds: [...rounds.slice(180, 200), ...rounds.slice(100, 120)], coverage: [], quarantine: [] });
    expect(readsOfRows).not.toHaveBeenCalled();
    // Rounds between those the hour holds still make it read them back.
    history.commit({ rounds: [rounds[0]!, ...rounds.slice(50, 60)], coverage: [], quarantine: [] });
    history.commit({ rounds: rounds.slice(1, 50), coverage: [], quarantine: [] });
    expect(readsOfRows).toHaveBeenCalledTimes(1);
    const stored = rollupRows(db);
    expect(stored).toEqual(rebuiltRows(db, history));
    expect(stored.filter((row) => row.startsWith('h')).map((row) => Number(row.split(':')[1]))).toEqual([160]);
    db.close();
  });
});
