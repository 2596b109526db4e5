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

  /** Rows starting at any position: pages they only partly fill keep their other rows. */
  putAt(offset: number, rows: readonly RoundView[]): void {
    const changed = new Map<number, RoundView[]>();
    rows.forEach((row, i) => {
      const page = Math.floor((offset + i) / PAGE_ROWS);
      let list = changed.get(page);
      if (list === undefined) {
        list = [...(this.pages.get(page) ?? [])];
        changed.set(page, list);
      }
      list[(offset + i) % PAGE_ROWS] = row;
    });
    for (const [page, list] of changed) this.put(page, list);
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
   * each row moves down by `count`, so pages are re-cut at the new positions; the rows not yet
   * known in front of them are placeholders until fetched.
   */
  shifted(count: number): RowCache {
    const moved = new RowCache();
    for (const [page, list] of this.pages) {
      list.forEach((row, i) => {
        if (row !== undefined) moved.putAt(page * PAGE_ROWS + i + count, [row]);
      });
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
