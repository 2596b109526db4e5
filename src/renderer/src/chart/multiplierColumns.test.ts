import { describe, expect, it } from 'vitest';
import { round } from '../testing/roundFixture';
import { MultiplierColumns, multiplierRange } from './multiplierColumns';

describe('chart columns', () => {
  it('puts each round in the column of its colour band, seconds on x', () => {
    const columns = new MultiplierColumns();
    columns.sync([
      round('a', 10, { multiplier: '1.5' }),
      round('b', 20, { multiplier: '3.25' }),
      round('c', 30.5, { multiplier: '12' }),
    ]);
    expect(columns.data()).toEqual([
      [10, 20, 30.5],
      [1.5, null, null],
      [null, 3.25, null],
      [null, null, 12],
    ]);
  });

  it('appends a new round in place, keeping the same arrays for setData', () => {
    const columns = new MultiplierColumns();
    const first = [round('a', 1), round('b', 2)];
    columns.sync(first);
    const [xBefore] = columns.data();
    expect(columns.sync([...first, round('c', 3)])).toBe(true);
    const [xAfter] = columns.data();
    expect(xAfter).toBe(xBefore);
    expect(xAfter).toEqual([1, 2, 3]);
  });

  it('reports no change when the rounds are the ones already drawn', () => {
    const columns = new MultiplierColumns();
    const rounds = [round('a', 1)];
    columns.sync(rounds);
    expect(columns.sync(rounds)).toBe(false);
  });

  it('rebuilds in time order when a backfilled round lands before the last point', () => {
    const columns = new MultiplierColumns();
    columns.sync([round('a', 1), round('c', 3)]);
    columns.sync([round('a', 1), round('b', 2), round('c', 3)]);
    expect(columns.data()[0]).toEqual([1, 2, 3]);
  });

  it('keeps only the newest points and forgets the dropped ones', () => {
    const columns = new MultiplierColumns(2);
    columns.sync([round('a', 1), round('b', 2), round('c', 3)]);
    expect(columns.data()[0]).toEqual([2, 3]);
    columns.sync([round('b', 2), round('c', 3), round('d', 4)]);
    expect(columns.data()[0]).toEqual([3, 4]);
    expect(columns.length).toBe(2);
  });

  it('keeps a round the log scale cannot place without drawing a point for it', () => {
    const columns = new MultiplierColumns();
    columns.sync([round('a', 1, { multiplier: '0' }), round('b', 2, { multiplier: 'n/a' })]);
    expect(columns.data()).toEqual([[1, 2], [null, null], [null, null], [null, null]]);
  });
});

describe('chart y range', () => {
  it('always shows both thresholds and leaves room above the highest round', () => {
    expect(multiplierRange(3)).toEqual([0.9, 20]);
    expect(multiplierRange(100)).toEqual([0.9, 125]);
    expect(multiplierRange(null)).toEqual([0.9, 20]);
  });
});
