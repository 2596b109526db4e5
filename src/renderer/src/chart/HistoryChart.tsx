import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RoundlogService } from '../../../shared/contract';
import type { RoundView } from '../../../shared/round';
import { MAX_CHART_POINTS } from '../../../shared/chart-series';
import { readChartTheme } from './chartTheme';
import { historyChartOptions, historyPointFills, historyPointSize, historyYRange } from './historyChartOptions';
import { HistoryColumns, landedBehind } from './historySeries';
import { PointsLayer, type PointsDrawing } from './pointsLayer';
import { ThresholdLayer } from './thresholdLayer';
import { useThemeName } from './useThemeVersion';
import { DEFAULT_LIVE_SPAN_US, panView, selectView, viewRange, viewRangeOnPixels, zoomView, type ChartView, type HistoryBounds } from './zoomState';
import './historyChart.css';

interface HistoryChartProps {
  readonly service: RoundlogService;
  readonly game: string;
  readonly gameName: string;
  /** The game's live rounds, oldest first: appended while the chart follows the newest round. */
  readonly rounds: readonly RoundView[];
  /** Told how many rounds the chart now stands for. */
  onShown?(rounds: number): void;
}

const count = new Intl.NumberFormat('en-US');
const rangeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Rounds landing behind the newest (a backfill) are gathered this long before the span is read again. */
const REFETCH_BACKFILL_MS = 2_000;
/** A span read empty is read again this soon after live rounds come. */
const REFETCH_EMPTY_MS = 250;

/** The User Timing measure of one live update, from the append to the end of its drawing. */
export const CHART_UPDATE_MEASURE = 'roundlog:chart-update';

/**
 * The game's multipliers over any span of its local history: follows the newest rounds (live
 * rounds are appended without asking the core), and zooms (drag a range, wheel) and pans (shift
 * + wheel, arrow keys, buttons) anywhere. Each new span is fetched with as many points as a series
 * may hold: every round of a span of up to MAX_CHART_POINTS, else the low and high of each of
 * half as many time slices, so the body of the spread shows, not only its edges.
 */
export function HistoryChart({ service, game, gameName, rounds, onShown }: HistoryChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const layerRef = useRef<PointsLayer | null>(null);
  const columnsRef = useRef(new HistoryColumns());
  const roundsRef = useRef(rounds);
  const [view, setView] = useState<ChartView>({ mode: 'live', spanUs: DEFAULT_LIVE_SPAN_US });
  const viewRef = useRef(view);
  const [bounds, setBounds] = useState<HistoryBounds | null>(null);
  const boundsRef = useRef(bounds);
  const [shown, setShown] = useState({ rounds: 0, points: 0, decimated: false, loading: true });
  /** The history holds no round of this game yet (until one is recorded). */
  const [empty, setEmpty] = useState(false);
  /** When the pending live update began (performance.now()), measured up to the end of its drawing. */
  const updateStarted = useRef<number | null>(null);
  const theme = useThemeName();
  // Bumped when rounds older than the chart's newest land (a backfill): the span is read again.
  const [staleness, setStaleness] = useState(0);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (refetchTimer.current !== null) clearTimeout(refetchTimer.current);
  }, []);
  /** Reads the span again after `delayMs`, unless a read is already coming. */
  const scheduleRefetch = (delayMs: number): void => {
    if (refetchTimer.current !== null) return;
    refetchTimer.current = setTimeout(() => {
      refetchTimer.current = null;
      setStaleness((n) => n + 1);
    }, delayMs);
  };
  useEffect(() => onShown?.(shown.rounds), [shown.rounds, onShown]);

  viewRef.current = view;
  boundsRef.current = bounds;
  // Before the history holds a round, the live view ends now (not at the epoch).
  const newestUs = (): number => Math.max(boundsRef.current?.lastUs ?? 0, roundsRef.current.at(-1)?.finalizedUs ?? 0) || Date.now() * 1000;
  /** The x range (seconds) uPlot shows on a plot this many canvas pixels wide. */
  const xRangeSeconds = (plotPixels: number): [number, number] => {
    const { fromUs, throughUs } = viewRangeOnPixels(viewRef.current, newestUs(), plotPixels);
    return [fromUs / 1e6, throughUs / 1e6];
  };
  /** Ends the pending live update's measure once its drawing is done, saying how it was drawn. */
  const measureUpdate = (drawing: PointsDrawing): void => {
    if (updateStarted.current === null) return;
    performance.measure(CHART_UPDATE_MEASURE, { start: updateStarted.current, detail: { drawing } });
    updateStarted.current = null;
  };

  const changeView = useCallback((next: (current: ChartView, bounds: HistoryBounds) => ChartView) => {
    const known = boundsRef.current;
    if (known === null) return;
    const live = { firstUs: known.firstUs, lastUs: Math.max(known.lastUs, roundsRef.current.at(-1)?.finalizedUs ?? 0) };
    setView((current) => next(current, live));
  }, []);

  // The plot: built once per theme (colours are fixed at creation), resized by an observer.
  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const chartTheme = readChartTheme(container);
    const plot = new uPlot(
      historyChartOptions(chartTheme, container.clientWidth, container.clientHeight, {
        xRange: xRangeSeconds,
        peakBetween: (first, last) => columnsRef.current.peakBetween(first, last),
        onSelect: (from, through) => changeView((_view, known) => selectView(from * 1e6, through * 1e6, known)),
      }),
      columnsRef.current.data(),
      container,
    );
    const layer = new PointsLayer(plot, historyPointFills(chartTheme), historyPointSize(chartTheme));
    const thresholds = new ThresholdLayer(plot, chartTheme);
    plotRef.current = plot;
    layerRef.current = layer;
    // Each live update is measured from the append to the end of the drawing it causes, as
    // `roundlog:chart-update` (User Timing): the bench reads it, and so can DevTools.
    const drawLayers = (): PointsDrawing => {
      thresholds.sync();
      return layer.sync();
    };
    (plot.hooks.draw ??= []).push(() => measureUpdate(drawLayers()));
    drawLayers();
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const bbox = plot.over.getBoundingClientRect();
      const along = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
      if (along) {
        const { fromUs, throughUs } = viewRange(viewRef.current, newestUs());
        const delta = (event.shiftKey ? event.deltaY : event.deltaX) / Math.max(1, bbox.width);
        changeView((current, known) => panView(current, delta * (throughUs - fromUs), known));
        return;
      }
      const anchorUs = plot.posToVal(event.clientX - bbox.left, 'x') * 1e6;
      changeView((current, known) => zoomView(current, event.deltaY > 0 ? 1.25 : 0.8, anchorUs, known));
    };
    plot.over.addEventListener('wheel', onWheel, { passive: false });
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      const { width, height } = entry.contentRect;
      if (width > 0 && height > 0) {
        plot.setSize({ width: Math.floor(width), height: Math.floor(height) });
        // Live rounds drawn by the points layer alone are news to uPlot: it reads the columns again.
        plot.setData(columnsRef.current.data());
      }
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      plot.over.removeEventListener('wheel', onWheel);
      plotRef.current = null;
      layerRef.current = null;
      plot.destroy();
    };
  }, [theme, changeView]);

  // The history's extent: where panning and zooming out stop. Read once, and again when the first
  // live round comes to a chart opened on a history that held none yet (it would stay empty).
  const hasRounds = rounds.length > 0;
  useEffect(() => {
    let cancelled = false;
    /** A history with no round of the game: said in words, not left loading. */
    const noRounds = (): void => {
      setEmpty(true);
      setShown((current) => ({ ...current, loading: false }));
    };
    service
      .getChartSeries({ game, fromUs: null, throughUs: null, maxPoints: 10 })
      .then((series) => {
        if (cancelled) return;
        if (series.fromUs === null || series.throughUs === null) return noRounds();
        setEmpty(false);
        setBounds({ firstUs: series.fromUs, lastUs: series.throughUs });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setBounds(null);
        // By code, as both bridges (socket and preload) carry it.
        if ((error as { code?: unknown } | null)?.code === 'unknown_game') noRounds();
      });
    return () => {
      cancelled = true;
    };
  }, [service, game, hasRounds]);

  // Each view is fetched, a moment after the last wheel step, decimated to the plot's width.
  useEffect(() => {
    if (bounds === null) return;
    let cancelled = false;
    setShown((current) => ({ ...current, loading: true }));
    const timer = setTimeout(() => {
      const { fromUs, throughUs } = viewRange(view, newestUs());
      service
        .getChartSeries({
          game,
          fromUs: Math.round(fromUs),
          throughUs: view.mode === 'live' ? null : Math.round(throughUs),
          maxPoints: MAX_CHART_POINTS,
        })
        .then((series) => {
          if (cancelled) return;
          const columns = columnsRef.current;
          columns.load(series, viewRef.current.mode === 'live' ? roundsRef.current : []);
          layerRef.current?.forget();
          plotRef.current?.setData(columns.data());
          setShown({ rounds: columns.rounds, points: columns.length, decimated: columns.decimated, loading: false });
        })
        .catch(() => {
          if (!cancelled) setShown((current) => ({ ...current, loading: false }));
        });
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // bounds: only its arrival matters here, not each newer last round.
  }, [service, game, view, bounds === null, theme, staleness]); // eslint-disable-line react-hooks/exhaustive-deps

  const previousRounds = useRef(rounds);
  // Live rounds: appended in place while following; a fixed view only learns the history grew.
  useEffect(() => {
    roundsRef.current = rounds;
    const newest = rounds.at(-1);
    if (newest !== undefined && boundsRef.current !== null && newest.finalizedUs > boundsRef.current.lastUs) {
      boundsRef.current = { ...boundsRef.current, lastUs: newest.finalizedUs };
    }
    if (viewRef.current.mode !== 'live') return;
    const columns = columnsRef.current;
    if (columns.newestUs === null) {
      // The span was read before it held a round (a quiet game, a history just begun): live rounds
      // have nothing to extend, so the span is read again.
      if (hasRounds && !shown.loading) scheduleRefetch(REFETCH_EMPTY_MS);
      return;
    }
    const previous = previousRounds.current;
    previousRounds.current = rounds;
    const started = performance.now();
    const from = columns.length;
    const appended = columns.appendLive(rounds);
    if (landedBehind(previous, rounds)) scheduleRefetch(REFETCH_BACKFILL_MS);
    if (appended > 0) {
      updateStarted.current = started;
      drawAppended(from);
      setShown((current) => ({ ...current, rounds: columns.rounds, points: columns.length }));
    }
  }, [rounds]);

  /**
   * Draws the rounds appended from `from` on: on the points layer alone while the plot stays put
   * (the newest round still in the last pixel, none above the y range), else through uPlot.
   */
  const drawAppended = (from: number): void => {
    const plot = plotRef.current;
    if (plot === null) return;
    const [xMin, xMax] = xRangeSeconds(plot.bbox.width);
    const [, yMax] = historyYRange(columnsRef.current.maxSince(from));
    const moved = xMin !== plot.scales.x?.min || xMax !== plot.scales.x?.max || yMax > (plot.scales.y?.max ?? 0);
    if (!moved && layerRef.current?.drawAppended()) measureUpdate('appended');
    // In one batch, so the update is drawn (and measured) now rather than in a later microtask.
    else plot.batch(() => plot.setData(columnsRef.current.data()));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const { fromUs, throughUs } = viewRange(viewRef.current, newestUs());
    const step = (throughUs - fromUs) / 4;
    const centre = (fromUs + throughUs) / 2;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => changeView((current, known) => panView(current, -step, known)),
      ArrowRight: () => changeView((current, known) => panView(current, step, known)),
      '+': () => changeView((current, known) => zoomView(current, 0.5, centre, known)),
      '=': () => changeView((current, known) => zoomView(current, 0.5, centre, known)),
      '-': () => changeView((current, known) => zoomView(current, 2, centre, known)),
    };
    const action = actions[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action();
  };

  const live = view.mode === 'live';
  const range = viewRange(view, bounds?.lastUs ?? 0);
  const spanWords = live ? `Following live · last ${spanText(view.spanUs)}` : `${rangeFormat.format(range.fromUs / 1000)} – ${rangeFormat.format(range.throughUs / 1000)}`;
  return (
    <div className="history-chart" data-mode={view.mode}>
      <div className="history-chart__toolbar" role="toolbar" aria-label="Chart zoom and pan">
        <button type="button" className="history-chart__live" aria-pressed={live} onClick={() => setView({ mode: 'live', spanUs: live ? view.spanUs : DEFAULT_LIVE_SPAN_US })} data-testid="chart-live">
          <span className="history-chart__live-dot" aria-hidden="true" /> Live
        </button>
        <button type="button" aria-label="Back in time" onClick={() => changeView((current, known) => panView(current, -(range.throughUs - range.fromUs) / 2, known))}>
          ◀
        </button>
        <button type="button" aria-label="Forward in time" onClick={() => changeView((current, known) => panView(current, (range.throughUs - range.fromUs) / 2, known))}>
          ▶
        </button>
        <button type="button" aria-label="Zoom in" onClick={() => changeView((current, known) => zoomView(current, 0.5, (range.fromUs + range.throughUs) / 2, known))}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => changeView((current, known) => zoomView(current, 2, (range.fromUs + range.throughUs) / 2, known))}>
          −
        </button>
        <button type="button" onClick={() => bounds !== null && setView({ mode: 'fixed', fromUs: bounds.firstUs, throughUs: Math.max(bounds.lastUs, newestUs()) })}>
          All history
        </button>
        <span className="history-chart__span" data-testid="chart-span" aria-live="polite">
          {spanWords}
        </span>
        <span className="history-chart__count" data-testid="chart-rounds">
          {count.format(shown.rounds)} rounds{shown.decimated ? ' · low and high per time slice' : ''}
        </span>
      </div>
      <div className="history-chart__stage">
        <div
          ref={containerRef}
          className="history-chart__plot"
          data-testid="live-chart"
          data-mode={view.mode}
          data-loading={shown.loading}
          data-points={shown.points}
          tabIndex={0}
          onKeyDown={onKeyDown}
          role="img"
          aria-label={`${gameName}: multipliers over ${live ? 'the newest rounds' : 'the chosen span'}, on a log scale with lines at 2×, 10× and 100×. Drag to zoom into a span, wheel to zoom, shift and wheel or the arrow keys to pan.`}
        />
        {empty && (
          <p className="history-chart__empty" data-testid="chart-empty" role="status">
            No rounds of {gameName} in the local history yet. They appear here as they are recorded.
          </p>
        )}
      </div>
      <p className="history-chart__hint">Drag to zoom into a span · wheel to zoom · shift + wheel or ← → to pan</p>
    </div>
  );
}

function spanText(spanUs: number): string {
  const minutes = spanUs / 60_000_000;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 72) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}
