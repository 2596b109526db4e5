import uPlot from 'uplot';

// The history chart's rounds are drawn on a canvas of their own, laid over uPlot's (which keeps
// the axes and grid), because a chart following live moves by whole pixels: the layer then shifts
// what it drew and draws again only the strip that changed, where uPlot would draw every point
// again (~10 ms for 10,000 points). A point looks as uPlot draws one: a disc per round in its
// band's colour, bands in series order, clipped to the plot widened by a point's diameter (a
// round just outside the span shows the part of its disc inside that edge).

/** What one drawing was made from; the next is a shift when only the x range moved by whole pixels. */
export interface Drawing {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly pxRatio: number;
  /** Points in the columns when it was drawn: later ones are new. */
  readonly length: number;
}

/** How a drawing was brought up to date: new points alone, a whole-pixel shift, or all drawn again. */
export type PointsDrawing = 'appended' | 'shifted' | 'redrawn';

export class PointsLayer {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private drawn: Drawing | null = null;

  /** `fills[i]` colours series i's points (index 0, the x column, is unused). */
  constructor(
    private readonly plot: uPlot,
    private readonly fills: readonly string[],
    private readonly pointSizeCss: number,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'history-chart__points';
    this.canvas.dataset.testid = 'chart-points';
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) throw new Error('The chart could not get a 2D canvas context.');
    this.ctx = ctx;
    // Over uPlot's canvas, under its cursor and selection.
    plot.over.before(this.canvas);
  }

  /** After uPlot drew: brings the points to its scales, size and data, shifting when it can. */
  sync(): PointsDrawing {
    const now = this.current();
    const before = this.drawn;
    const source = this.plot.ctx.canvas;
    const sized = this.canvas.width === source.width && this.canvas.height === source.height;
    const shift = before === null || !sized ? null : wholePixelShift(before, now);
    if (before === null || shift === null) {
      this.drawAll(now);
      return 'redrawn';
    }
    this.shiftLeft(shift);
    this.drawFrom(Math.min(this.clipRight(now) - shift, this.newPointsLeft(now, before.length)), now);
    return 'shifted';
  }

  /** The columns were replaced, not appended to: the next sync draws everything. */
  forget(): void {
    this.drawn = null;
  }

  /**
   * Draws the points appended since the last drawing when the plot's scales did not move (the
   * caller knows they did not); false when there is no drawing to add to.
   */
  drawAppended(): boolean {
    const before = this.drawn;
    if (before === null) return false;
    const now = this.current();
    if (wholePixelShift(before, now) !== 0) return false;
    this.drawFrom(this.newPointsLeft(now, before.length), now);
    return true;
  }

  /** Points whose disc shows on the plot now. */
  get pointsInView(): number {
    const now = this.drawn;
    if (now === null) return 0;
    const [first, last] = this.indexRange(this.clipLeft(now) - this.radius(now), this.clipRight(now) + this.radius(now));
    return Math.max(0, last - first + 1);
  }

  private current(): Drawing {
    const { scales, bbox, data } = this.plot;
    return {
      xMin: scales.x?.min ?? 0,
      xMax: scales.x?.max ?? 0,
      yMin: scales.y?.min ?? 0,
      yMax: scales.y?.max ?? 0,
      left: bbox.left,
      top: bbox.top,
      width: bbox.width,
      height: bbox.height,
      pxRatio: uPlot.pxRatio,
      length: data[0].length,
    };
  }

  private drawAll(now: Drawing): void {
    const source = this.plot.ctx.canvas;
    if (this.canvas.width !== source.width || this.canvas.height !== source.height) {
      this.canvas.width = source.width;
      this.canvas.height = source.height;
    }
    this.drawFrom(this.clipLeft(now), now);
  }

  /** Clears the plot from `fromX` (canvas pixels) rightwards and draws every point reaching into it. */
  private drawFrom(fromX: number, now: Drawing): void {
    const { ctx } = this;
    const clipLeft = this.clipLeft(now);
    const left = Math.max(clipLeft, Math.floor(fromX));
    const right = this.clipRight(now);
    const [top, bottom] = this.clipRows(now);
    const height = bottom - top;
    if (left < right) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, right - left, height);
      ctx.clip();
      ctx.clearRect(left, top, right - left, height);
      this.drawPoints(left, right, now);
      ctx.restore();
    }
    this.drawn = now;
    this.canvas.dataset.points = String(this.pointsInView);
  }

  private drawPoints(fromX: number, toX: number, now: Drawing): void {
    const { plot, ctx } = this;
    const radius = this.radius(now);
    // A disc's pixels reach one past its radius through anti-aliasing.
    const [first, last] = this.indexRange(fromX - radius - 1, toX + radius + 1);
    const times = plot.data[0];
    for (let series = 1; series < plot.data.length; series++) {
      const values = plot.data[series] as ArrayLike<number | null | undefined>;
      const fill = new Path2D();
      for (let index = first; index <= last; index++) {
        const value = values[index];
        if (value === null || value === undefined) continue;
        const x = Math.round(plot.valToPos(times[index] as number, 'x', true));
        const y = Math.round(plot.valToPos(value, 'y', true));
        fill.moveTo(x + radius, y);
        fill.arc(x, y, radius, 0, Math.PI * 2);
      }
      ctx.fillStyle = this.fills[series] ?? '#888';
      ctx.fill(fill);
    }
  }

  /** Moves the drawn plot `pixels` to the left; what comes in on the right is left clear. */
  private shiftLeft(pixels: number): void {
    const now = this.drawn;
    if (now === null || pixels === 0) return;
    const { ctx } = this;
    const [top, bottom] = this.clipRows(now);
    ctx.save();
    ctx.beginPath();
    ctx.rect(this.clipLeft(now), top, this.clipRight(now) - this.clipLeft(now), bottom - top);
    ctx.clip();
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(this.canvas, -pixels, 0);
    ctx.restore();
  }

  /** Left edge (canvas pixels) of the points appended after the first `length`; the plot's right edge if none. */
  private newPointsLeft(now: Drawing, length: number): number {
    const times = this.plot.data[0];
    if (length >= times.length) return this.clipRight(now);
    return Math.round(this.plot.valToPos(times[length] as number, 'x', true)) - this.radius(now) - 1;
  }

  /** First and last index whose time falls between two canvas x positions. */
  private indexRange(fromX: number, toX: number): [number, number] {
    const times = this.plot.data[0];
    const from = this.plot.posToVal(fromX, 'x', true);
    const to = this.plot.posToVal(toX, 'x', true);
    return [firstAtOrAfter(times, from), firstAtOrAfter(times, to, true) - 1];
  }

  private radius(now: Drawing): number {
    return (this.pointSizeCss / 2) * now.pxRatio;
  }

  // uPlot clips points to the plot widened by a point's diameter; these are the same edges, on
  // whole pixels.
  private clipLeft(now: Drawing): number {
    return Math.floor(now.left - this.radius(now) * 2);
  }

  private clipRight(now: Drawing): number {
    return Math.ceil(now.left + now.width + this.radius(now) * 2);
  }

  /** The clip's top and bottom: whole pixels, so a shifted drawing has no half-covered edge. */
  private clipRows(now: Drawing): [number, number] {
    const dia = this.radius(now) * 2;
    return [Math.floor(now.top - dia), Math.ceil(now.top + now.height + dia)];
  }
}

/**
 * How many whole canvas pixels the plot moved left between two drawings, when that is all that
 * changed (same size, same y range, same span); null when it must be drawn again.
 */
export function wholePixelShift(before: Drawing, now: Drawing): number | null {
  const same =
    before.left === now.left &&
    before.top === now.top &&
    before.width === now.width &&
    before.height === now.height &&
    before.pxRatio === now.pxRatio &&
    before.yMin === now.yMin &&
    before.yMax === now.yMax &&
    now.length >= before.length;
  const span = now.xMax - now.xMin;
  // Times are epoch seconds (~1.8e9): their differences carry ~1e-7 s of rounding.
  if (!same || !(span > 0) || Math.abs(before.xMax - before.xMin - span) > span * 1e-6) return null;
  const pixels = ((now.xMin - before.xMin) / span) * now.width;
  const whole = Math.round(pixels);
  if (Math.abs(pixels - whole) > 1e-3 || whole < 0 || whole >= now.width) return null;
  return whole;
}

/** The first index whose time is at or after `time` (after it, with `after`), in sorted times. */
function firstAtOrAfter(times: ArrayLike<number>, time: number, after = false): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = times[middle] as number;
    if (after ? value <= time : value < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
