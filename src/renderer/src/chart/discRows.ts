// Rounds that come fast share a pixel by the dozen: the points layer adds each band's discs to one
// path, and a disc added twice fills the same pixels as once, so the copies are left out.

/**
 * The discs already in one band's path, by canvas row. A row remembers only its newest disc's x:
 * enough to catch every copy when discs come in time order, as points do.
 */
export class DiscRows {
  private readonly newestX: Float64Array;

  /** For discs centred in rows `firstRow` through `lastRow`. */
  constructor(
    private readonly firstRow: number,
    lastRow: number,
  ) {
    this.newestX = new Float64Array(Math.max(0, lastRow - firstRow + 1));
    this.clear();
  }

  /** Forgets every disc, for the next band's path. */
  clear(): void {
    this.newestX.fill(Number.NaN);
  }

  /** Whether a disc at (x, y) is new to the path (it is now in it); rows outside the range are always new. */
  add(x: number, y: number): boolean {
    const row = y - this.firstRow;
    if (!(row >= 0 && row < this.newestX.length)) return true;
    if (this.newestX[row] === x) return false;
    this.newestX[row] = x;
    return true;
  }
}
