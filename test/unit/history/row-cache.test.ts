import { describe, expect, it } from 'vitest';
import { KEPT_PAGES, PAGE_ROWS, pagesCovering, RowCache } from '../../../src/renderer/src/screens/history/rowCache';
import type { RoundView } from '../../../src/shared/round';

const round = (n: number): RoundView => ({ game: 'stake-crash', roundId: `r${n}`, roundIndex: String(n), multiplier: '1.0000', finalizedAt: '', finalizedUs: n, segment: null });
const page = (p: number) => Array.from({ length: PAGE_ROWS }, (_, i) => round(p * PAGE_ROWS + i));

describe('the history table’s row cache', () => {
  it('answers rows by position and forgets the least recently used pages', () => {
    const cache = new RowCache();
    for (let p = 0; p <= KEPT_PAGES; p++) cache.put(p, page(p));
    expect(cache.has(0)).toBe(false);
    expect(cache.row(PAGE_ROWS + 5)?.roundId).toBe(`r${PAGE_ROWS + 5}`);
  });

  it('moves rows down when rounds are added in front, leaving the new positions to be fetched', () => {
    const cache = new RowCache();
    cache.put(3, page(3));
    cache.put(4, page(4));
    const moved = cache.shifted(PAGE_ROWS);
    expect(moved.row(4 * PAGE_ROWS)?.roundId).toBe(`r${3 * PAGE_ROWS}`);
    expect(moved.row(5 * PAGE_ROWS + 7)?.roundId).toBe(`r${4 * PAGE_ROWS + 7}`);
    const partly = cache.shifted(3);
    expect(partly.row(3 * PAGE_ROWS + 3)?.roundId).toBe(`r${3 * PAGE_ROWS}`);
    expect(partly.row(5 * PAGE_ROWS + 2)?.roundId).toBe(`r${5 * PAGE_ROWS - 1}`);
    expect(partly.row(3 * PAGE_ROWS + 2)).toBeUndefined();
  });

  it('takes rows at any position, keeping the rest of the pages they touch', () => {
    const cache = new RowCache();
    cache.put(0, page(0));
    cache.putAt(PAGE_ROWS - 2, [round(9_001), round(9_002), round(9_003)]);
    expect(cache.row(0)?.roundId).toBe('r0');
    expect(cache.row(PAGE_ROWS - 2)?.roundId).toBe('r9001');
    expect(cache.row(PAGE_ROWS)?.roundId).toBe('r9003');
    expect(cache.row(PAGE_ROWS + 1)).toBeUndefined();
  });

  it('lists the pages that cover a range of rows', () => {
    expect(pagesCovering(150, 450, 10_000)).toEqual([0, 1, 2]);
    expect(pagesCovering(-100, 50, 10_000)).toEqual([0]);
    expect(pagesCovering(9_950, 10_200, 10_000)).toEqual([49]);
  });
});
