import type { RoundView } from '../../../../shared/round';

// The rows a history table has fetched, by their position in the sorted result. Pages of
// PAGE_ROWS are fetched around the viewport; the least recently used are dropped beyond a few.

export const PAGE_ROWS = 200;
export const KEPT_PAGES = 12;

export class RowCache {
  /** Page number → rows, in least recently used order. */
  private readonly pages = new Map<number, readonly RoundView[]>();

  row(offset: number): RoundView | undefined {
    return this.pages.get(Math.floor(offset / PAGE_ROWS))?.[offset % PAGE_ROWS];
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  put(page: number, rows: readonly RoundView[]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    while (this.pages.size > KEPT_PAGES) this.pages.delete(this.pages.keys().next().value as number);
  }

  /** Marks pages as just used, so scrolling back and forth keeps them. */
  touch(pages: readonly number[]): void {
    for (const page of pages) {
      const rows = this.pages.get(page);
      if (rows === undefined) continue;
      this.pages.delete(page);
      this.pages.set(page, rows);
    }
  }

  /**
   * The same rows after `count` rows were added in front of them (newest first, live rounds):
   * each row moves down by `count`, so pages are re-cut at the new positions. Rows that would
   * fall into a page only partly known are kept with it; the page is refetched anyway.
   */
  shifted(count: number): RowCache {
    const moved = new RowCache();
    const rows = new Map<number, RoundView>();
    for (const [page, list] of this.pages) list.forEach((row, i) => rows.set(page * PAGE_ROWS + i + count, row));
    const byPage = new Map<number, RoundView[]>();
    for (const [offset, row] of rows) {
      const page = Math.floor(offset / PAGE_ROWS);
      const list = byPage.get(page) ?? [];
      list[offset % PAGE_ROWS] = row;
      byPage.set(page, list);
    }
    // Only whole pages are kept: a partial one would show a gap as rows.
    for (const [page, list] of byPage) {
      if (list.length === PAGE_ROWS && !list.includes(undefined as unknown as RoundView)) moved.put(page, list);
    }
    return moved;
  }
}

/** Pages covering rows [from, to), clamped to the result. */
export function pagesCovering(from: number, to: number, total: number): number[] {
  const first = Math.max(0, Math.floor(from / PAGE_ROWS));
  const last = Math.min(Math.ceil(total / PAGE_ROWS) - 1, Math.floor(Math.max(from, to - 1) / PAGE_ROWS));
  const pages: number[] = [];
  for (let page = first; page <= last; page++) pages.push(page);
  return pages;
}
