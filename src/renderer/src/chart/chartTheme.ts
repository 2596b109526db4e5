// The chart draws on a canvas, which cannot read CSS: its colours are taken from the theme's
// custom properties once, when the chart is created, so the stylesheet stays the one source.

export interface ChartTheme {
  readonly axis: string;
  readonly grid: string;
  readonly low: string;
  readonly mid: string;
  readonly high: string;
  /** Axis text size in CSS pixels: the page's type scale, so the axes grow with it on large screens. */
  readonly fontPx: number;
  readonly fontFamily: string;
}

const FALLBACK: ChartTheme = {
  axis: '#9aa7b6',
  grid: 'rgba(154, 167, 182, 0.15)',
  low: '#ff7b72',
  mid: '#56d364',
  high: '#f2cc60',
  fontPx: 12,
  fontFamily: 'system-ui, sans-serif',
};

export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (property: string, fallback: string): string => {
    const value = style.getPropertyValue(property).trim();
    return value === '' ? fallback : value;
  };
  return {
    axis: read('--chart-axis', FALLBACK.axis),
    grid: read('--chart-grid', FALLBACK.grid),
    low: read('--band-low', FALLBACK.low),
    mid: read('--band-mid', FALLBACK.mid),
    high: read('--band-high', FALLBACK.high),
    fontPx: Math.round((Number.parseFloat(style.fontSize) || FALLBACK.fontPx / 0.8) * 0.8),
    fontFamily: style.fontFamily || FALLBACK.fontFamily,
  };
}
