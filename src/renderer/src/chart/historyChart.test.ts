import { describe, expect, it } from 'vitest';
import { round } from '../testing/roundFixture';
import { HistoryColumns } from './historySeries';
import { MIN_SPAN_US, panView, selectView, zoomView, type ChartView } from './zoomState';

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
