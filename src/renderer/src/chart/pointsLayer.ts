import uPlot from 'uplot';
import { DiscRows } from './discRows';

// The history chart's rounds are drawn on a canvas of their own, laid over uPlot's (which keeps
// the axes and grid), because a chart following live moves by whole pixels: the layer then shifts
// what it drew and draws again only what changed (the strip the shift brought in, and a box
// around the new rounds' discs), where uPlot would draw every point again (~10 ms for 10,000
// points). A point looks as uPlot draws one: a disc per round in its band's colour, bands in
// series order, clipped to the plot widened by a point's diameter (a round just outside the span
// shows the part of its disc inside that edge).

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

/** A rectangle of whole canvas pixels, right and bottom edges excluded. */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** How a drawing was brought up to date: new points alone, a whole-pixel shift, or all drawn again. */
export type PointsDrawing = 'appended' | 'shifted' | 'redrawn';

/** Canvas pixels added to a point's x before rounding (see `columnOf`): far above its float noise, far below sight. */
const HALFWAY_NUDGE = 1e-4;

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
    // Points reaching into the strip brought in on the right were clipped away before.
    if (shift > 0) this.redrawIn({ ...this.clipBox(now), left: this.clipRight(now) - shift }, now);
    this.drawNewPoints(before.length, now);
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
    this.drawNewPoints(before.length, now);
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
    this.redrawIn(this.clipBox(now), now);
    this.finish(now);
  }

  /**
   * Draws the points from index `from` on, with the older points their discs overlap: the box
   * around the new discs is cleared and drawn again, so the bands keep their order there.
   */
  private drawNewPoints(from: number, now: Drawing): void {
    const box = this.discsBox(from, now);
    if (box !== null) this.redrawIn(box, now);
    this.finish(now);
  }

  private finish(now: Drawing): void {
    this.drawn = now;
    this.canvas.dataset.points = String(this.pointsInView);
  }

  /** Clears `box` (canvas pixels, within the clip) and draws every point reaching into it. */
  private redrawIn(box: Box, now: Drawing): void {
    const clip = this.clipBox(now);
    const left = Math.max(clip.left, box.left);
    const right = Math.min(clip.right, box.right);
    const top = Math.max(clip.top, box.top);
    const bottom = Math.min(clip.bottom, box.bottom);
    if (left >= right || top >= bottom) return;
    const { ctx } = this;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, right - left, bottom - top);
    ctx.clip();
    ctx.clearRect(left, top, right - left, bottom - top);
    this.drawPoints({ left, top, right, bottom }, now);
    ctx.restore();
  }

  /** Draws every point whose disc reaches into `box`, each band in one path, in series order. */
  private drawPoints(box: Box, now: Drawing): void {
    const { plot, ctx } = this;
    const radius = this.radius(now);
    // A disc's pixels reach one past its radius through anti-aliasing.
    const reach = radius + 1;
    const [first, last] = this.indexRange(box.left - reach, box.right + reach);
    const columns = this.pixelColumns(first, last);
    // Values plainly above or below the box (a pixel to spare for rounding) are passed over
    // before their y is reckoned: a box around a new point is a few rows of a crowded column.
    const highest = plot.posToVal(box.top - reach - 1, 'y', true);
    const lowest = plot.posToVal(box.bottom + reach + 1, 'y', true);
    const discs = new DiscRows(Math.floor(box.top - reach), Math.ceil(box.bottom + reach));
    for (let series = 1; series < plot.data.length; series++) {
      const values = plot.data[series] as ArrayLike<number | null | undefined>;
      const fill = new Path2D();
      discs.clear();
      for (let index = first; index <= last; index++) {
        const value = values[index];
        if (value === null || value === undefined || value > highest || value < lowest) continue;
        const y = Math.round(plot.valToPos(value, 'y', true));
        if (y + reach < box.top || y - reach > box.bottom) continue;
        const x = columns[index - first] as number;
        if (!discs.add(x, y)) continue;
        fill.moveTo(x + radius, y);
        fill.arc(x, y, radius, 0, Math.PI * 2);
      }
      ctx.fillStyle = this.fills[series] ?? '#888';
      ctx.fill(fill);
    }
  }

  /** The canvas x of the points from `first` through `last`; rounds of the same second share one, reckoned once. */
  private pixelColumns(first: number, last: number): Float64Array {
    const times = this.plot.data[0];
    const columns = new Float64Array(Math.max(0, last - first + 1));
    let time = Number.NaN;
    let x = 0;
    for (let index = first; index <= last; index++) {
      if (times[index] !== time) {
        time = times[index] as number;
        x = this.columnOf(time);
      }
      columns[index - first] = x;
    }
    return columns;
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

  /** The whole pixels the discs of the points from index `from` on cover; null when there are none. */
  private discsBox(from: number, now: Drawing): Box | null {
    const { plot } = this;
    const times = plot.data[0];
    let top = Number.POSITIVE_INFINITY;
    let bottom = Number.NEGATIVE_INFINITY;
    for (let series = 1; series < plot.data.length; series++) {
      const values = plot.data[series] as ArrayLike<number | null | undefined>;
      for (let index = from; index < times.length; index++) {
        const value = values[index];
        if (value === null || value === undefined) continue;
        const y = Math.round(plot.valToPos(value, 'y', true));
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
    if (top > bottom) return null;
    const reach = this.radius(now) + 1;
    return {
      left: Math.floor(this.columnOf(times[from] as number) - reach),
      top: Math.floor(top - reach),
      right: Math.ceil(this.columnOf(times[times.length - 1] as number) + reach),
      bottom: Math.ceil(bottom + reach),
    };
  }

  /**
   * The canvas column of a point at `time`. Whole-second times over a plot's pixels land many a
   * point exactly halfway between two columns, where rounding would follow the float noise of
   * each drawing's x range: nudged a hair right, such a point takes the same column whether it
   * is drawn now or was drawn earlier and shifted since.
   */
  private columnOf(time: number): number {
    return Math.round(this.plot.valToPos(time, 'x', true) + HALFWAY_NUDGE);
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

  private clipBox(now: Drawing): Box {
    const [top, bottom] = this.clipRows(now);
    return { left: this.clipLeft(now), top, right: this.clipRight(now), bottom };
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
