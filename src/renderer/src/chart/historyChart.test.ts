import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { round } from '../testing/roundFixture';
import { DiscRows } from './discRows';
import { historyChartOptions, historyYRange } from './historyChartOptions';
import { HistoryColumns, landedBehind, PEAK_MULTIPLIER } from './historySeries';
import { wholePixelShift, type Drawing } from './pointsLayer';
import { MIN_SPAN_US, panView, selectView, viewRangeOnPixels, zoomView, type ChartView } from './zoomState';

const bounds = { firstUs: 0, lastUs: 100 * 3_600_000_000 };
const HOUR = 3_600_000_000;

describe('history chart columns', () => {
  it('appends only live rounds newer than the fetched series, in their colour bands', () => {
    const columns = new HistoryColumns();
    columns.load({ fromUs: 1e6, throughUs: 3e6, decimated: true, rounds: 500, times: [1e6, 3e6], values: [1, 250] });
    const added = columns.appendLive([round('a', 2, { multiplier: '5' }), round('b', 3, { multiplier: '1.5' }), round('c', 4, { multiplier: '3' }), round('d', 5, { multiplier: '12' })]);
    expect(added).toBe(2);
    expect(columns.rounds).toBe(502);
    expect(columns.data()).toEqual([
      [1, 3, 4, 5],
      [1, null, null, null],
      [null, null, 3, null],
      [null, 250, null, 12],
    ]);
    expect(columns.appendLive([round('d', 5, { multiplier: '12' })])).toBe(0);
  });

  it('appends every live round of the same second, each once', () => {
    const columns = new HistoryColumns();
    columns.load({ fromUs: 1e6, throughUs: 3e6, decimated: false, rounds: 2, times: [1e6, 3e6], values: [1, 2] });
    const second = [round('a', 4), round('b', 4), round('c', 4)];
    expect(columns.appendLive(second.slice(0, 1))).toBe(1);
    expect(columns.appendLive(second)).toBe(2);
    expect(columns.appendLive([...second, round('d', 4), round('e', 5)])).toBe(2);
    expect(columns.rounds).toBe(7);
    expect(columns.data()[0]).toEqual([1, 3, 4, 4, 4, 4, 5]);
  });

  it('takes the newest second from the live rounds, which may hold more of it than the series read', () => {
    const columns = new HistoryColumns();
    const series = { fromUs: 1e6, throughUs: 3e6, decimated: false, rounds: 3, times: [1e6, 3e6, 3e6], values: [1, 2, 3] };
    columns.load(series, [round('a', 1), round('b', 3), round('c', 3), round('d', 3)]);
    expect(columns.data()[0]).toEqual([1, 3, 3, 3]);
    expect(columns.rounds).toBe(4);
    // Live rounds that begin within that second may not hold all of it: the series' points stay.
    columns.load(series, [round('c', 3), round('d', 3), round('e', 4)]);
    expect(columns.data()[0]).toEqual([1, 3, 3, 4]);
  });

  it('tells rounds landing behind the newest (a backfill) from rounds landing after it', () => {
    const earlier = [round('a', 1), round('b', 3)];
    expect(landedBehind(earlier, [...earlier, round('c', 3), round('d', 4)])).toBe(false);
    expect(landedBehind(earlier, [earlier[0]!, round('x', 2), earlier[1]!, round('d', 4)])).toBe(true);
    expect(landedBehind([], earlier)).toBe(false);
  });

  it('knows the highest multiplier appended since a point', () => {
    const columns = new HistoryColumns();
    columns.load({ fromUs: 1e6, throughUs: 2e6, decimated: false, rounds: 2, times: [1e6, 2e6], values: [500, 2] });
    columns.appendLive([round('a', 3, { multiplier: '1.5' }), round('b', 4, { multiplier: '30' })]);
    expect(columns.maxSince(2)).toBe(30);
    expect(columns.maxSince(4)).toBeNull();
  });
});

describe('history chart y range', () => {
  const theme = { axis: '#999', grid: '#333', low: '#f00', mid: '#0f0', high: '#ff0', fontPx: 12, fontFamily: 'sans-serif' };
  /** The chart's y range over the points `first` through `last`, as uPlot asks for it once it has set the x range. */
  const yRangeOver = (columns: HistoryColumns, first: number | null, last: number | null): uPlot.Range.MinMax => {
    const options = historyChartOptions(theme, 800, 300, { xRange: () => [0, 1], peakBetween: (from, to) => columns.peakBetween(from, to), onSelect: () => {} });
    const range = options.scales?.y?.range as uPlot.Range.Function;
    return range({ series: [{ idxs: [first, last] }] } as unknown as uPlot, 0, 0, 'y');
  };

  it('is set by the highest multiplier in view, as a scan of every point in view would set it', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = Array.from({ length: 2000 }, () => Math.max(1, Math.floor((0.99 / (1 - random())) * 100) / 100));
    const columns = new HistoryColumns();
    columns.load({ fromUs: 1e6, throughUs: 2000e6, decimated: false, rounds: values.length, times: values.map((_, at) => (at + 1) * 1e6), values });
    for (let trial = 0; trial < 200; trial++) {
      const first = Math.floor(random() * values.length);
      const last = Math.min(values.length - 1, first + Math.floor(random() * 600));
      expect(yRangeOver(columns, first, last)).toEqual(historyYRange(Math.max(...values.slice(first, last + 1))));
    }
  });

  it('holds still below the peaks, and before there are points to index', () => {
    expect(historyYRange(PEAK_MULTIPLIER - 0.01)).toEqual(historyYRange(null));
    expect(yRangeOver(new HistoryColumns(), null, null)).toEqual(historyYRange(null));
  });

  it('forgets a peak the newest second gave back to the live rounds', () => {
    const columns = new HistoryColumns();
    const series = { fromUs: 1e6, throughUs: 3e6, decimated: false, rounds: 3, times: [1e6, 3e6, 3e6], values: [120, 2, 500] };
    const live = [round('a', 1), round('b', 3, { multiplier: '1.5' }), round('c', 4, { multiplier: '50' })];
    columns.load(series, live);
    expect(columns.data()[3]).toEqual([120, null, 50]);
    expect(columns.peakBetween(0, 2)).toBe(120);
    expect(columns.peakBetween(1, 2)).toBeNull();
    columns.appendLive([...live, round('d', 5, { multiplier: '250' })]);
    expect(columns.peakBetween(0, 3)).toBe(250);
  });
});

describe('history chart points', () => {
  it("adds a disc to a band's path once however many rounds share its pixel", () => {
    const discs = new DiscRows(10, 20);
    expect(discs.add(5, 12)).toBe(true);
    expect(discs.add(5, 12)).toBe(false);
    expect(discs.add(5, 13)).toBe(true);
    expect(discs.add(6, 12)).toBe(true);
    expect(discs.add(6, 40)).toBe(true);
    expect(discs.add(6, 40)).toBe(true);
    discs.clear();
    expect(discs.add(6, 12)).toBe(true);
  });
});

describe('history chart following live on whole pixels', () => {
  const span = 1000 * 1e6;

  it('ends a live view at the newest round rounded up to the next pixel of time', () => {
    // 1,000 pixels over 1,000 s: a pixel is a second.
    expect(viewRangeOnPixels({ mode: 'live', spanUs: span }, 5_000_200_000, 1000)).toEqual({ fromUs: 4_001_000_000, throughUs: 5_001_000_000 });
    expect(viewRangeOnPixels({ mode: 'live', spanUs: span }, 5_001_000_000, 1000)).toEqual({ fromUs: 4_001_000_000, throughUs: 5_001_000_000 });
  });

  it('leaves a fixed view where it is', () => {
    expect(viewRangeOnPixels({ mode: 'fixed', fromUs: 10, throughUs: 20 }, 5e9, 1000)).toEqual({ fromUs: 10, throughUs: 20 });
  });

  const drawing: Drawing = { xMin: 4000, xMax: 5000, yMin: 0.9, yMax: 150, left: 40, top: 10, width: 1000, height: 300, pxRatio: 1, length: 500 };

  it('shifts a drawing when the plot only moved left by whole pixels', () => {
    expect(wholePixelShift(drawing, { ...drawing, length: 510 })).toBe(0);
    expect(wholePixelShift(drawing, { ...drawing, xMin: 4003, xMax: 5003, length: 501 })).toBe(3);
  });

  it('draws again when the y range, the size, the span or the columns changed, or the move is not whole pixels', () => {
    expect(wholePixelShift(drawing, { ...drawing, yMax: 2000 })).toBeNull();
    expect(wholePixelShift(drawing, { ...drawing, width: 900 })).toBeNull();
    expect(wholePixelShift(drawing, { ...drawing, xMin: 3000 })).toBeNull();
    expect(wholePixelShift(drawing, { ...drawing, xMin: 4000.5, xMax: 5000.5 })).toBeNull();
    expect(wholePixelShift(drawing, { ...drawing, xMin: 3990, xMax: 4990 })).toBeNull();
    expect(wholePixelShift(drawing, { ...drawing, length: 20 })).toBeNull();
  });
});

describe('history chart zoom', () => {
  const live: ChartView = { mode: 'live', spanUs: 10 * HOUR };

  it('zooms in around the pointer, keeping the point under it', () => {
    const anchor = bounds.lastUs - 5 * HOUR;
    const view = zoomView(live, 0.5, anchor, bounds);
    expect(view).toEqual({ mode: 'fixed', fromUs: anchor - 2.5 * HOUR, throughUs: anchor + 2.5 * HOUR });
  });

  it('keeps following the newest round when zooming out of the live view', () => {
    expect(zoomView(live, 2, bounds.lastUs - HOUR, bounds)).toEqual({ mode: 'live', spanUs: 20 * HOUR });
  });

  it('never zooms past a minute or beyond the whole history', () => {
    const tiny = zoomView(live, 1e-9, bounds.lastUs - HOUR, bounds);
    expect(tiny.mode === 'fixed' && tiny.throughUs - tiny.fromUs).toBe(MIN_SPAN_US);
    const wide = zoomView({ mode: 'fixed', fromUs: 0, throughUs: 50 * HOUR }, 100, 0, bounds);
    expect(wide.mode === 'fixed' && wide.fromUs).toBe(0);
  });

  it('pans back in time and resumes following on reaching the newest round', () => {
    const back = panView(live, -20 * HOUR, bounds);
    expect(back).toEqual({ mode: 'fixed', fromUs: 70 * HOUR, throughUs: 80 * HOUR });
    expect(panView(back, 30 * HOUR, bounds)).toEqual({ mode: 'live', spanUs: 10 * HOUR });
    expect(panView(back, -1000 * HOUR, bounds)).toEqual({ mode: 'fixed', fromUs: 0, throughUs: 10 * HOUR });
  });

  it('turns a drag across the chart into a fixed range', () => {
    expect(selectView(30 * HOUR, 20 * HOUR, bounds)).toEqual({ mode: 'fixed', fromUs: 20 * HOUR, throughUs: 30 * HOUR });
  });
});
