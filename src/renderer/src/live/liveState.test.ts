import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/contract';
import { emptyStatus } from '../testing/statusFixture';
import { round } from '../testing/roundFixture';
import { ROUNDS_KEPT_PER_GAME } from '../round/roundOrder';
import { initialLiveState, liveReducer } from './liveState';

const status: Status = emptyStatus;

describe('live state', () => {
  it('a pushed status replaces the previous one and clears a reported problem', () => {
    const withProblem = liveReducer(initialLiveState, { type: 'problem', message: 'Roundlog did not answer.' });
    const next = liveReducer(withProblem, { type: 'status', status });
    expect(next.status).toBe(status);
    expect(next.problem).toBeNull();
  });

  it('files a mixed batch of rounds under each game', () => {
    const next = liveReducer(initialLiveState, {
      type: 'rounds',
      rounds: [round('a', 1), round('b', 2, { game: 'crazytime', segment: 'n2' })],
    });
    expect(next.roundsByGame.get('stake-crash')?.map((r) => r.roundId)).toEqual(['a']);
    expect(next.roundsByGame.get('crazytime')?.map((r) => r.roundId)).toEqual(['b']);
  });

  it('leaves other games untouched so their cards do not re-render', () => {
    const first = liveReducer(initialLiveState, {
      type: 'rounds',
      rounds: [round('a', 1), round('b', 2, { game: 'crazytime' })],
    });
    const second = liveReducer(first, { type: 'rounds', rounds: [round('c', 3)] });
    expect(second.roundsByGame.get('crazytime')).toBe(first.roundsByGame.get('crazytime'));
    expect(second.roundsByGame.get('stake-crash')?.map((r) => r.roundId)).toEqual(['a', 'c']);
  });

  it('returns the same state for rounds it already has', () => {
    const first = liveReducer(initialLiveState, { type: 'rounds', rounds: [round('a', 1)] });
    expect(liveReducer(first, { type: 'rounds', rounds: [round('a', 1)] })).toBe(first);
  });

  it('counts arrivals per game past the number of rounds it keeps, so screens go on refreshing', () => {
    let state = initialLiveState;
    for (let n = 1; n <= ROUNDS_KEPT_PER_GAME + 3; n++) state = liveReducer(state, { type: 'rounds', rounds: [round(`r${n}`, n)] });
    expect(state.roundsByGame.get('stake-crash')).toHaveLength(ROUNDS_KEPT_PER_GAME);
    expect(state.arrivalsByGame.get('stake-crash')).toBe(ROUNDS_KEPT_PER_GAME + 3);
    // A round it already has is no arrival.
    expect(liveReducer(state, { type: 'rounds', rounds: [round(`r${ROUNDS_KEPT_PER_GAME + 3}`, ROUNDS_KEPT_PER_GAME + 3)] })).toBe(state);
  });
});
