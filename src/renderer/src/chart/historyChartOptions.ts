import uPlot from 'uplot';
import type { ChartTheme } from './chartTheme';
import { formatTimeTick } from './timeTicks';

const TIME_TICK_STEPS = [
  1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
  1_209_600, 2_592_000, 7_776_000, 15_552_000, 31_536_000,
];

/** Reference lines of the history chart: the colour bands' edges and the 100× mark. */
export const HISTORY_THRESHOLDS = [2, 10, 100] as const;

export interface HistoryChartHooks {
  /** The x range (seconds) to show: the chart's view, not the data's extent. */
  xRange(): [number, number];
  /** A drag across the plot selected [from, through] seconds. */
  onSelect(fromSeconds: number, throughSeconds: number): void;
}

/** The zoomable history chart: log y, time x set by the view, drag to select a range. */
export function historyChartOptions(theme: ChartTheme, width: number, height: number, hooks: HistoryChartHooks): uPlot.Options {
  const em = theme.fontPx;
  const band = (label: string, colour: string): uPlot.Series => ({
    label,
    stroke: colour,
    paths: () => null,
    points: { show: true, size: Math.max(4, Math.round(em * 0.42)), width: 0, fill: colour, stroke: colour },
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
  const lineColours = [theme.mid, theme.high, theme.high];
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true, range: () => hooks.xRange() },
      y: { distr: 3, log: 10, range: (_plot, _min, max) => [0.9, Math.max(150, (Number.isFinite(max) ? max : 0) * 1.3)] },
    },
    axes: [
      axis(Math.round(em * 2.2), Math.round(em * 7), (_plot, splits, _axis, _space, step) => splits.map((seconds) => formatTimeTick(seconds, step)), TIME_TICK_STEPS),
      axis(Math.round(em * 4), Math.round(em * 2), (_plot, splits) => splits.map((value) => (value === null ? '' : tick(value)))),
    ],
    series: [{}, band('Below 2×', theme.low), band('2× to 10×', theme.mid), band('10× and above', theme.high)],
    hooks: {
      drawAxes: [
        (plot) => {
          const { ctx, bbox } = plot;
          ctx.save();
          ctx.lineWidth = uPlot.pxRatio;
          ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
          ctx.font = `${Math.round(em * 0.85 * uPlot.pxRatio)}px ${theme.fontFamily}`;
          ctx.textAlign = 'right';
          HISTORY_THRESHOLDS.forEach((level, index) => {
            const y = Math.round(plot.valToPos(level, 'y', true));
            if (y < bbox.top || y > bbox.top + bbox.height) return;
            const colour = lineColours[index] ?? theme.axis;
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
        },
      ],
      setSelect: [
        (plot) => {
          const { left, width } = plot.select;
          if (width < 6) return;
          const from = plot.posToVal(left, 'x');
          const through = plot.posToVal(left + width, 'x');
          plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          hooks.onSelect(from, through);
        },
      ],
    },
  };
}

function tick(value: number): string {
  if (value >= 1e6) return `${value / 1e6}M×`;
  if (value >= 1e3) return `${value / 1e3}K×`;
  return `${value}×`;
}
