import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RoundView } from '../../../shared/round';
import { multiplierChartOptions } from './chartOptions';
import { readChartTheme } from './chartTheme';
import { CHART_POINTS_KEPT, MultiplierColumns } from './multiplierColumns';
import { useThemeName } from './useThemeVersion';

interface MultiplierChartProps {
  readonly rounds: readonly RoundView[];
  readonly gameName: string;
}

interface LiveChart {
  readonly plot: uPlot;
  readonly columns: MultiplierColumns;
}

/**
 * One uPlot per card: rounds reach it through `setData`, resizes through `setSize`. It is rebuilt
 * only when the page's text size changes (the window moved to a screen of another size), since
 * axis room and fonts are fixed at creation.
 */
export function MultiplierChart({ rounds, gameName }: MultiplierChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<LiveChart | null>(null);
  const roundsRef = useRef(rounds);
  const [textScale, setTextScale] = useState(0);
  // Colours are read at creation: a theme switch rebuilds the plot.
  const themeName = useThemeName();

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const theme = readChartTheme(container);
    const columns = new MultiplierColumns();
    columns.sync(roundsRef.current);
    const plot = new uPlot(
      multiplierChartOptions(theme, container.clientWidth, container.clientHeight),
      columns.data(),
      container,
    );
    chartRef.current = { plot, columns };
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      if (readChartTheme(container).fontPx !== theme.fontPx) {
        setTextScale((scale) => scale + 1);
        return;
      }
      const { width, height } = entry.contentRect;
      if (width > 0 && height > 0) plot.setSize({ width: Math.floor(width), height: Math.floor(height) });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chartRef.current = null;
      plot.destroy();
    };
  }, [textScale, themeName]);

  useEffect(() => {
    roundsRef.current = rounds;
    const chart = chartRef.current;
    if (chart !== null && chart.columns.sync(rounds)) chart.plot.setData(chart.columns.data());
  }, [rounds]);

  const shown = Math.min(rounds.length, CHART_POINTS_KEPT);
  return (
    <div
      ref={containerRef}
      className="multiplier-chart"
      data-testid="multiplier-chart"
      role="img"
      aria-label={`${gameName}: multipliers of the last ${shown} rounds over time, on a log scale, with reference lines at 2× and 10×.`}
    />
  );
}
