import { describe, expect, it } from 'vitest';
import { contentHeight, MAX_SCROLL_HEIGHT_PX, maxTopRow, scrollTopFor, topRowAt, topRowShowing } from '../../../src/renderer/src/screens/history/scaledScroll';

describe('scaled scrolling', () => {
  const short = { rows: 1_000, rowHeight: 32, viewportHeight: 640 };
  const long = { rows: 5_000_000, rowHeight: 32, viewportHeight: 640 };

  it('below the cap, a pixel of scroll is a pixel of rows', () => {
    expect(contentHeight(short)).toBe(32_000);
    expect(topRowAt(short, 3_200)).toBe(100);
    expect(scrollTopFor(short, 100)).toBe(3_200);
  });

  it('above the cap, the scroll range spans every row and maps back exactly', () => {
    expect(contentHeight(long)).toBe(MAX_SCROLL_HEIGHT_PX);
    expect(topRowAt(long, 0)).toBe(0);
    expect(topRowAt(long, MAX_SCROLL_HEIGHT_PX - 640)).toBeCloseTo(maxTopRow(long), 6);
    expect(maxTopRow(long)).toBe(5_000_000 - 20);
    for (const row of [1, 1_000_000, 3_333_333, 4_999_980]) expect(topRowAt(long, scrollTopFor(long, row))).toBeCloseTo(row, 4);
  });

  it('keeps a selected row in view by moving as little as possible', () => {
    expect(topRowShowing(short, 100, 110)).toBe(100);
    expect(topRowShowing(short, 100, 99)).toBe(99);
    expect(topRowShowing(short, 100, 125)).toBe(106);
    expect(topRowShowing(short, 100, 5_000)).toBe(980);
  });
});
