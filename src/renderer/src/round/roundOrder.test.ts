import { describe, expect, it } from 'vitest';
import { round } from '../testing/roundFixture';
import { compareRounds, groupRoundsByGame, mergeRounds, newestFirst } from './roundOrder';

const ids = (rounds: readonly { roundId: string }[]): string[] => rounds.map((r) => r.roundId);

describe('merging rounds', () => {
  it('appends live rounds after the ones already shown', () => {
    const shown = [round('a', 1), round('b', 2)];
    expect(ids(mergeRounds(shown, [round('c', 3)]))).toEqual(['a', 'b', 'c']);
  });

  it('a round seen on the stream and in a reload is shown once', () => {
    const shown = [round('a', 1), round('b', 2)];
    expect(ids(mergeRounds(shown, [round('b', 2), round('c', 3), round('c', 3)]))).toEqual(['a', 'b', 'c']);
  });

  it('returns the same list when nothing new arrived, so nothing re-renders', () => {
    const shown = [round('a', 1)];
    expect(mergeRounds(shown, [round('a', 1)])).toBe(shown);
  });

  it('puts rounds from a backfill that reaches back in time order', () => {
    const shown = [round('a', 1), round('d', 4)];
    expect(ids(mergeRounds(shown, [round('c', 3), round('b', 2)]))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps only the newest rounds beyond the limit', () => {
    const shown = [round('a', 1), round('b', 2)];
    expect(ids(mergeRounds(shown, [round('c', 3)], 2))).toEqual(['b', 'c']);
  });

  it('orders rounds finalised in the same microsecond by their exact 64-bit index', () => {
    const later = round('x', 5, { roundIndex: '7393228772258146753' });
    const earlier = round('y', 5, { roundIndex: '7393228772258146752' });
    expect(compareRounds(earlier, later)).toBeLessThan(0);
    expect(ids(mergeRounds([], [later, earlier]))).toEqual(['y', 'x']);
  });
});

describe('feed helpers', () => {
  it('groups a mixed batch by game', () => {
    const byGame = groupRoundsByGame([round('a', 1), round('b', 2, { game: 'crazytime' }), round('c', 3)]);
    expect(ids(byGame.get('stake-crash') ?? [])).toEqual(['a', 'c']);
    expect(ids(byGame.get('crazytime') ?? [])).toEqual(['b']);
  });

  it('lists the newest rounds first', () => {
    const rounds = [round('a', 1), round('b', 2), round('c', 3)];
    expect(ids(newestFirst(rounds, 2))).toEqual(['c', 'b']);
    expect(ids(rounds)).toEqual(['a', 'b', 'c']);
  });
});
