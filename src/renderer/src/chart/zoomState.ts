// Where the history chart looks: following the newest rounds over a span, or a fixed range the
// user zoomed or panned to. All in microseconds; `bounds` is the local history's extent.

export type ChartView =
  | { readonly mode: 'live'; readonly spanUs: number }
  | { readonly mode: 'fixed'; readonly fromUs: number; readonly throughUs: number };

export interface HistoryBounds {
  readonly firstUs: number;
  readonly lastUs: number;
}

/** The narrowest view: a minute, so a handful of rounds still spread across the chart. */
export const MIN_SPAN_US = 60_000_000;
export const DEFAULT_LIVE_SPAN_US = 30 * 60_000_000;

/** The range a view shows, given the newest round's time. */
export function viewRange(view: ChartView, lastUs: number): { fromUs: number; throughUs: number } {
  return view.mode === 'live' ? { fromUs: lastUs - view.spanUs, throughUs: lastUs } : { fromUs: view.fromUs, throughUs: view.throughUs };
}

/**
 * The range a view shows on a plot `plotPixels` pixels wide. A live view ends at the newest round
 * rounded up to the next whole pixel of time, so following live moves the plot by whole pixels
 * (a drawing can then be shifted rather than drawn again); the newest round stays in the last pixel.
 */
export function viewRangeOnPixels(view: ChartView, lastUs: number, plotPixels: number): { fromUs: number; throughUs: number } {
  if (view.mode !== 'live' || !(plotPixels > 0)) return viewRange(view, lastUs);
  const pixelUs = view.spanUs / plotPixels;
  const throughUs = Math.ceil(lastUs / pixelUs) * pixelUs;
  return { fromUs: throughUs - view.spanUs, throughUs };
}

/**
 * Zooms by `factor` (< 1 in, > 1 out) around `anchorUs`, keeping the anchor under the pointer.
 * A live view zoomed out stays live (it still ends at the newest round); zooming in anywhere but
 * the right edge fixes the view.
 */
export function zoomView(view: ChartView, factor: number, anchorUs: number, bounds: HistoryBounds): ChartView {
  const { fromUs, throughUs } = viewRange(view, bounds.lastUs);
  const span = throughUs - fromUs;
  const fullSpan = Math.max(MIN_SPAN_US, bounds.lastUs - bounds.firstUs);
  const nextSpan = Math.min(Math.max(span * factor, MIN_SPAN_US), fullSpan * 1.02);
  if (view.mode === 'live' && factor > 1) return { mode: 'live', spanUs: nextSpan };
  const anchor = Math.min(Math.max(anchorUs, fromUs), throughUs);
  const share = span > 0 ? (anchor - fromUs) / span : 1;
  const nextFrom = anchor - share * nextSpan;
  return clampView({ mode: 'fixed', fromUs: nextFrom, throughUs: nextFrom + nextSpan }, bounds);
}

/** Moves the view by `deltaUs` (negative: back in time); reaching the newest round resumes following. */
export function panView(view: ChartView, deltaUs: number, bounds: HistoryBounds): ChartView {
  const { fromUs, throughUs } = viewRange(view, bounds.lastUs);
  if (throughUs + deltaUs >= bounds.lastUs) return { mode: 'live', spanUs: throughUs - fromUs };
  return clampView({ mode: 'fixed', fromUs: fromUs + deltaUs, throughUs: throughUs + deltaUs }, bounds);
}

/** A range selected by dragging across the chart. */
export function selectView(fromUs: number, throughUs: number, bounds: HistoryBounds): ChartView {
  const low = Math.min(fromUs, throughUs);
  const span = Math.max(MIN_SPAN_US, Math.abs(throughUs - fromUs));
  return clampView({ mode: 'fixed', fromUs: low, throughUs: low + span }, bounds);
}

/** Keeps a fixed view inside the history, shifting rather than shrinking it. */
export function clampView(view: ChartView, bounds: HistoryBounds): ChartView {
  if (view.mode === 'live') return view;
  const span = view.throughUs - view.fromUs;
  let fromUs = view.fromUs;
  if (fromUs + span > bounds.lastUs) fromUs = bounds.lastUs - span;
  if (fromUs < bounds.firstUs) fromUs = bounds.firstUs;
  return { mode: 'fixed', fromUs: Math.round(fromUs), throughUs: Math.round(fromUs + span) };
}
