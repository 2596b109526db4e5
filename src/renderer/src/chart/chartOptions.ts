import uPlot from 'uplot';
import { multiplierRange, THRESHOLDS } from './multiplierColumns';
import type { ChartTheme } from './chartTheme';
import { formatTimeTick } from './timeTicks';

/** Whole seconds and up: rounds are seconds apart, so sub-second ticks would only repeat labels. */
const TIME_TICK_STEPS = [
  1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
];

/** Everything about the chart that does not change per round, built once at creation. */
export function multiplierChartOptions(theme: ChartTheme, width: number, height: number): uPlot.Options {
  // uPlot sizes axes and points in CSS pixels, not ems: derive them from the text size so labels
  // never clip and points stay visible on large screens.
  const em = theme.fontPx;
  const band = (label: string, colour: string): uPlot.Series => ({
    label,
    stroke: colour,
    // Rounds are independent draws: points, not a line that would suggest a trend between them.
    paths: () => null,
    points: { show: true, size: Math.max(4, Math.round(em * 0.45)), width: 0, fill: colour, stroke: colour },
  });
  const axis = (size: number, space: number, values: uPlot.Axis['values'], incrs?: number[]): uPlot.Axis => ({
    stroke: theme.axis,
    font: `${em}px ${theme.fontFamily}`,
    size,
    space,
    gap: Math.round(em * 0.3),
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1, size: Math.round(em * 0.4) },
    values,
    ...(incrs === undefined ? {} : { incrs }),
  });
  const thresholdColours = [theme.mid, theme.high];

  return {
    width,
    height,
    legend: { show: false },
    // Every update rescales to the data, so a drag-zoom would be undone by the next round anyway.
    cursor: { drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: true },
      y: { distr: 3, log: 10, range: (_plot, _min, max) => multiplierRange(max) },
    },
    axes: [
      axis(Math.round(em * 2.2), Math.round(em * 6), (_plot, splits, _axis, _space, step) =>
        splits.map((seconds) => formatTimeTick(seconds, step)),
        TIME_TICK_STEPS,
      ),
      axis(Math.round(em * 4), Math.round(em * 2), (_plot, splits) =>
        splits.map((value) => (value === null ? '' : multiplierTick(value))),
      ),
    ],
    series: [{}, band('Below 2×', theme.low), band('2× to 10×', theme.mid), band('10× and above', theme.high)],
    hooks: {
      // Drawn after the axes and before the points, so the lines never cover a round.
      drawAxes: [
        (plot) => {
          const { ctx, bbox } = plot;
          ctx.save();
          ctx.lineWidth = uPlot.pxRatio;
          ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
          THRESHOLDS.forEach((level, index) => {
            const y = Math.round(plot.valToPos(level, 'y', true));
            if (y < bbox.top || y > bbox.top + bbox.height) return;
            ctx.strokeStyle = thresholdColours[index] ?? theme.axis;
            ctx.beginPath();
            ctx.moveTo(bbox.left, y);
            ctx.lineTo(bbox.left + bbox.width, y);
            ctx.stroke();
          });
          ctx.restore();
        },
      ],
    },
  };
}

/** Log-scale ticks fall on 1, 10, 100…: from 1,000× up they are shortened to stay inside the axis. */
function multiplierTick(value: number): string {
  if (value >= 1e6) return `${value / 1e6}M×`;
  if (value >= 1e3) return `${value / 1e3}K×`;
  return `${value}×`;
}
