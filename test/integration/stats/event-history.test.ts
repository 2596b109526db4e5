import { describe, expect, it } from 'vitest';
import { EARLIER_IN_INSTANT_SQL, GameHistoryQueries } from '../../../src/main/core/stats/event-history';
import { crashRound, useFreshHistory } from '../../support/fresh-history';

// "Rounds since" a round counts the rounds of its own second that came after it by round_index,
// and finds them among that second's rows alone, however long the history.

const GAME = 'stake-crash';
const START_US = 1_780_000_000_000_000;
const SECOND_US = 1_000_000;
const FIRST_INDEX = 7_393_228_772_258_146_753n;

describe('rounds since a round', () => {
  const opened = useFreshHistory();

  it('leaves out the rounds of the same second with a lower round_index', () => {
    const { db, history } = opened();
    // Three rounds share second 10; the middle one is the round counted from.
    const seconds = [1, 5, 10, 10, 10, 12, 20];
    history.commit({ rounds: seconds.map((second, n) => crashRound(n, START_US + second * SECOND_US, '2.0000')), coverage: [], quarantine: [] });
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
    const plan = opened().db.prepare(`EXPLAIN QUERY PLAN ${EARLIER_IN_INSTANT_SQL}`).all(1, START_US, FIRST_INDEX) as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX rounds_by_time \(game_id=\? AND finalized_us=\?\)/);
  });
});
