import type uPlot from 'uplot';
import type { ChartTheme } from './chartTheme';
import { TimeTickLabels } from './timeTicks';

const TIME_TICK_STEPS = [
  1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
  1_209_600, 2_592_000, 7_776_000, 15_552_000, 31_536_000,
];

/**
 * The y range over points whose highest is `max`: from just under 1× to above the 100× line and
 * the highest point. Any `max` under PEAK_MULTIPLIER (historySeries.ts) gives the same range as none.
 */
export function historyYRange(max: number | null): [number, number] {
  return [0.9, Math.max(150, (Number.isFinite(max) ? (max as number) : 0) * 1.3)];
}

/** The bands' colours in series order (index 0 is the time column). */
export function historyPointFills(theme: ChartTheme): string[] {
  return ['', theme.low, theme.mid, theme.high];
}

/** A point's diameter in CSS pixels: grows with the page's type scale. */
export function historyPointSize(theme: ChartTheme): number {
  return Math.max(4, Math.round(theme.fontPx * 0.42));
}

export interface HistoryChartHooks {
  /** The x range (seconds) to show on a plot `plotPixels` canvas pixels wide: the chart's view, not the data's extent. */
  xRange(plotPixels: number): [number, number];
  /** The highest multiplier between two point indices when it is PEAK_MULTIPLIER or more; else null. */
  peakBetween(first: number, last: number): number | null;
  /** A drag across the plot selected [from, through] seconds. */
  onSelect(fromSeconds: number, throughSeconds: number): void;
}

/**
 * The zoomable history chart: log y, time x set by the view, drag to select a range. uPlot draws
 * the axes and grid; the rounds and the reference lines have canvases of their own over it
 * (pointsLayer.ts, thresholdLayer.ts).
 */
export function historyChartOptions(theme: ChartTheme, width: number, height: number, hooks: HistoryChartHooks): uPlot.Options {
  const em = theme.fontPx;
  // The bands' points are drawn by the points layer (pointsLayer.ts), and uPlot does not read
  // their values for the y range (`auto: false`): each move of the x range would scan them all.
  // The range is set from the peaks in view instead (`yRange`).
  const band = (label: string, colour: string): uPlot.Series => ({ label, stroke: colour, paths: () => null, points: { show: false }, auto: false });
  /** The y range over the points in the x range uPlot just set (series 0's index range). */
  const yRange = (plot: uPlot): [number, number] => {
    // Null before uPlot has data to index.
    const [first, last]: readonly (number | null | undefined)[] = plot.series[0]?.idxs ?? [];
    return historyYRange(first == null || last == null ? null : hooks.peakBetween(first, last));
  };
  const timeLabels = new TimeTickLabels();
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
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true, range: (plot) => hooks.xRange(plot.bbox.width) },
      y: { distr: 3, log: 10, range: yRange },
    },
    axes: [
      axis(Math.round(em * 2.2), Math.round(em * 7), (_plot, splits, _axis, _space, step) => timeLabels.of(splits, step), TIME_TICK_STEPS),
      axis(Math.round(em * 4), Math.round(em * 2), (_plot, splits) => splits.map((value) => (value === null ? '' : tick(value)))),
    ],
    series: [{}, band('Below 2×', theme.low), band('2× to 10×', theme.mid), band('10× and above', theme.high)],
    hooks: {
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
