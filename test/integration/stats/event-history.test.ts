import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { EARLIER_IN_INSTANT_SQL, GameHistoryQueries } from '../../../src/main/core/stats/event-history';
import { catalogKind } from '../../../src/shared/games';
import { microsToIso } from '../../../src/shared/time';
import { useTempDir } from '../../support/temp-dir';

// "Rounds since" a round counts the rounds of its own second that came after it by round_index,
// and finds them among that second's rows alone, however long the history.

const GAME = 'stake-crash';
const START_US = 1_780_000_000_000_000;
const SECOND_US = 1_000_000;
const FIRST_INDEX = 7_393_228_772_258_146_753n;

describe('rounds since a round', () => {
  let dir: ReturnType<typeof useTempDir>;
  let db: Database;
  let history: History;
  beforeEach(() => {
    dir = useTempDir();
    db = openDatabase(join(dir.path, 'history.sqlite'));
    history = new History(db, catalogKind);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  /** Rounds at the given whole seconds after START_US, round_index counting up. */
  function record(seconds: readonly number[]): void {
    const rounds = seconds.map((second, n) => {
      const us = START_US + second * SECOND_US;
      const index = FIRST_INDEX + BigInt(n);
      return {
        game: GAME,
        roundId: `r${n}`,
        roundIndex: index,
        multiplier: '2.0000',
        finalizedAt: microsToIso(us),
        finalizedUs: us,
        segment: null,
        json: `{"round_index":${index},"round_id":"r${n}","multiplier":"2.0000"}`,
      };
    });
    history.commit({ rounds, coverage: [], quarantine: [] });
  }

  it('leaves out the rounds of the same second with a lower round_index', () => {
    // Three rounds share second 10; the middle one is the round counted from.
    record([1, 5, 10, 10, 10, 12, 20]);
    const queries = new GameHistoryQueries(db);
    const gameId = history.statsGame(GAME)!.id;
    const middleUs = START_US + 10 * SECOND_US;
    expect(queries.earlierInInstant(gameId, middleUs, FIRST_INDEX + 3n)).toBe(1);
    expect(queries.roundsFromRound(gameId, middleUs, FIRST_INDEX + 3n)).toBe(4);
    expect(queries.roundsFromRound(gameId, middleUs, FIRST_INDEX + 2n)).toBe(5);
    // Without an index every round of the instant counts.
    expect(queries.roundsFromRound(gameId, middleUs, null)).toBe(5);
  });

  it('reads only the instant’s rows, on rounds_by_time, not every earlier round by index', () => {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${EARLIER_IN_INSTANT_SQL}`).all(1, START_US, FIRST_INDEX) as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX rounds_by_time \(game_id=\? AND finalized_us=\?\)/);
  });
});
