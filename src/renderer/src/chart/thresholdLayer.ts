import uPlot from 'uplot';
import type { ChartTheme } from './chartTheme';

// The history chart's reference lines, with their labels, on a canvas of their own over the
// rounds: a span drawn round by round is dense enough to hide a line drawn under it. They move
// only with the y range or the plot's size, so a chart following live leaves them as they are.

/** Reference lines of the history chart: the colour bands' edges and the 100× mark. */
export const HISTORY_THRESHOLDS = [2, 10, 100] as const;

export class ThresholdLayer {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  /** The y range and plot box the lines were drawn for. */
  private drawnFor = '';

  constructor(
    private readonly plot: uPlot,
    private readonly theme: ChartTheme,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'history-chart__thresholds';
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) throw new Error('The chart could not get a 2D canvas context.');
    this.ctx = ctx;
    // Over the points layer (created first), under uPlot's cursor and selection.
    plot.over.before(this.canvas);
  }

  /** After uPlot drew: draws the lines again when the y range or the plot's size moved them. */
  sync(): void {
    const { plot, canvas, ctx, theme } = this;
    const { bbox } = plot;
    const source = plot.ctx.canvas;
    const key = [plot.scales.y?.min, plot.scales.y?.max, bbox.left, bbox.top, bbox.width, bbox.height, source.width, source.height].join();
    if (key === this.drawnFor) return;
    this.drawnFor = key;
    if (canvas.width !== source.width || canvas.height !== source.height) {
      canvas.width = source.width;
      canvas.height = source.height;
    }
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const colours = [theme.mid, theme.high, theme.high];
    ctx.save();
    ctx.lineWidth = uPlot.pxRatio;
    ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
    ctx.font = `${Math.round(theme.fontPx * 0.85 * uPlot.pxRatio)}px ${theme.fontFamily}`;
    ctx.textAlign = 'right';
    HISTORY_THRESHOLDS.forEach((level, index) => {
      const y = Math.round(plot.valToPos(level, 'y', true));
      if (y < bbox.top || y > bbox.top + bbox.height) return;
      const colour = colours[index] ?? theme.axis;
      ctx.strokeStyle = colour;
      ctx.globalAlpha = 0.7;
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillStyle = colour;
      ctx.fillText(`${level}×`, bbox.left + bbox.width - 4 * uPlot.pxRatio, y - 4 * uPlot.pxRatio);
    });
    ctx.restore();
  }
}
