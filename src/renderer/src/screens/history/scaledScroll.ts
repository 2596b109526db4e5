// Browsers stop growing an element at ~33 million px, so a million 30 px rows cannot all have
// their own pixels. Below the cap, one pixel of scroll is one pixel of rows; above it, the
// scroll range maps linearly onto the row range, so the thumb still spans the whole history and
// its ends are the first and last rows. Rows themselves are always drawn at their real height.

/** Well under every browser's limit, with room for zoom. */
export const MAX_SCROLL_HEIGHT_PX = 8_000_000;

export interface ScrollGeometry {
  readonly rows: number;
  readonly rowHeight: number;
  readonly viewportHeight: number;
}

/** Height of the scrolled content. */
export function contentHeight({ rows, rowHeight }: ScrollGeometry): number {
  return Math.min(rows * rowHeight, MAX_SCROLL_HEIGHT_PX);
}

/** How far the rows themselves move (px) when the scrollbar moves one pixel. */
function rowsPerScrollPixel(geometry: ScrollGeometry): number {
  const scrollRange = contentHeight(geometry) - geometry.viewportHeight;
  const rowRange = geometry.rows * geometry.rowHeight - geometry.viewportHeight;
  return scrollRange <= 0 || rowRange <= 0 ? 1 : rowRange / scrollRange;
}

/** The row position (fractional: 12.5 = half-way through row 12) at the top of the viewport. */
export function topRowAt(geometry: ScrollGeometry, scrollTop: number): number {
  const top = (Math.max(0, scrollTop) * rowsPerScrollPixel(geometry)) / geometry.rowHeight;
  return clampTop(geometry, top);
}

/** The scrollTop that shows `topRow` at the top of the viewport. */
export function scrollTopFor(geometry: ScrollGeometry, topRow: number): number {
  return (clampTop(geometry, topRow) * geometry.rowHeight) / rowsPerScrollPixel(geometry);
}

/** The largest top row: the last row sits at the bottom of the viewport. */
export function maxTopRow({ rows, rowHeight, viewportHeight }: ScrollGeometry): number {
  return Math.max(0, rows - viewportHeight / rowHeight);
}

export function clampTop(geometry: ScrollGeometry, topRow: number): number {
  return Math.min(maxTopRow(geometry), Math.max(0, topRow));
}

/** The top row that keeps `row` in view, moving as little as possible. */
export function topRowShowing(geometry: ScrollGeometry, topRow: number, row: number): number {
  const visible = geometry.viewportHeight / geometry.rowHeight;
  if (row < topRow) return clampTop(geometry, row);
  if (row + 1 > topRow + visible) return clampTop(geometry, row + 1 - visible);
  return topRow;
}
