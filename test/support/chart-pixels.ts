import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// What the history chart's points layer drew, compared with drawing it afresh: the check that a
// chart updated round by round (appended, shifted) shows the discs a full drawing shows.

const KEEP_PIXELS = `(() => {
  const points = document.querySelector('[data-testid="chart-points"]');
  window.keptChartPixels = points.getContext('2d').getImageData(0, 0, points.width, points.height).data;
})()`;

/**
 * Pixels of the points layer that differ from the kept ones as a disc missing, moved by a pixel or
 * in another band's colour makes them differ: by more than half the coverage, or, where both are
 * opaque, by more than 32 levels of colour. Skia shades the shared edges of overlapping discs by
 * up to ~70 levels differently with the path they were drawn in (all the discs, or the few of a
 * box drawn again), which this lets through.
 */
const DISCS_CHANGED = `(() => {
  const points = document.querySelector('[data-testid="chart-points"]');
  const now = points.getContext('2d').getImageData(0, 0, points.width, points.height).data;
  const kept = window.keptChartPixels;
  if (kept.length !== now.length) return -1;
  const apart = (at, levels) => Math.abs(now[at] - kept[at]) > levels;
  let changed = 0;
  for (let at = 0; at < now.length; at += 4) {
    const opaque = now[at + 3] >= 200 && kept[at + 3] >= 200;
    if (apart(at + 3, 128) || (opaque && (apart(at, 32) || apart(at + 1, 32) || apart(at + 2, 32)))) changed++;
  }
  return changed;
})()`;

/**
 * Keeps what the live updates drew, has the chart drawn afresh (a resize there and back, in a
 * 1440×900 page), and expects the same discs. The chart must be holding still (its game paused).
 */
export async function expectSameDiscsAsRedrawn(page: Page): Promise<void> {
  await page.evaluate(KEEP_PIXELS);
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect.poll(() => page.evaluate(DISCS_CHANGED)).not.toBe(0);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect.poll(() => page.evaluate(DISCS_CHANGED)).toBe(0);
}
