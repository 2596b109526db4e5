import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectSameDiscsAsRedrawn } from '../support/chart-pixels';
import { hasChromium, watchProblems } from '../support/chromium';
import { startServedApp, type ServedApp } from '../support/serve-app';
import { useServedBrowser } from '../support/served-browser';

// The history chart following live in real Chromium: each live update shifts what the points layer
// drew by whole pixels and draws only the strip that came in and the new rounds' discs, which must
// leave the same discs on the canvas as drawing the chart afresh.

const GAME = 'stake-crash';

async function openChart(page: Page, app: ServedApp): Promise<void> {
  const base = new URL(app.serve.url);
  await page.goto(`${base.origin}/${base.hash}`);
  await page.waitForFunction(() => !location.hash.includes('token='));
  await page.evaluate((slug) => (location.hash = `#/game/${slug}`), GAME);
  await expect.poll(() => page.getByTestId('live-chart').getAttribute('data-loading'), { timeout: 30_000 }).toBe('false');
}

/** Live updates the chart drew by shifting what it had drawn (User Timing, as the bench reads them). */
const SHIFTED_UPDATES = `performance.getEntriesByName('roundlog:chart-update').filter((entry) => entry.detail?.drawing === 'shifted').length`;

const chartRounds = async (page: Page): Promise<number> => Number((await page.getByTestId('chart-rounds').textContent())?.replace(/\D/g, ''));

/** Pauses the game and waits until no more of its rounds reach the chart. */
async function pauseGame(page: Page, app: ServedApp): Promise<void> {
  await app.host.service.setGamePaused({ game: GAME, paused: true });
  let held = -1;
  await expect
    .poll(
      async () => {
        const rounds = await chartRounds(page);
        const still = rounds === held;
        held = rounds;
        return still;
      },
      { timeout: 15_000, interval: 1500 },
    )
    .toBe(true);
}

describe.runIf(hasChromium)('the history chart following live in a browser', () => {
  const served = useServedBrowser({ settings: { games: [GAME] } });

  it('a chart shifted round by round as it follows live shows the discs a fresh drawing shows', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await openChart(page, served.app);
    // Rounds come about every half second here: a 30-minute view moves a pixel or more with most
    // of them. Their whole-second times put many exactly halfway between two pixel columns.
    await expect.poll(() => page.evaluate(SHIFTED_UPDATES), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await pauseGame(page, served.app);
    try {
      await expectSameDiscsAsRedrawn(page);
    } finally {
      await served.app.host.service.setGamePaused({ game: GAME, paused: false });
    }
    expect(problems).toEqual([]);
  }, 90_000);

  it('a chart crowded by 50 rounds a second at its right edge keeps every disc in place and in its band colour', async () => {
    // Sped up as the bench streams: 50 rounds a second, their times whole seconds, dozens to a pixel.
    const crowded = await startServedApp({ settings: { games: [GAME] }, sandbox: { speed: 1200, epochMs: Date.now() - 60_000 } });
    try {
      const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const problems = watchProblems(page);
      await openChart(page, crowded);
      await expect.poll(() => page.evaluate(SHIFTED_UPDATES), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
      await pauseGame(page, crowded);
      await expectSameDiscsAsRedrawn(page);
      expect(problems).toEqual([]);
    } finally {
      await crowded.close();
    }
  }, 120_000);
});
