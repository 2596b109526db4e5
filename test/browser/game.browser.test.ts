import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectSameDiscsAsRedrawn } from '../support/chart-pixels';
import { hasChromium, SCREENS_DIR, watchProblems } from '../support/chromium';
import { startServedApp } from '../support/serve-app';
import { useServedBrowser } from '../support/served-browser';

// The game dashboards in real Chromium against `roundlog serve` on the sandbox: panels fill,
// the window changes what they count, the chart zooms and follows live rounds, in both themes.

const SCREENS = SCREENS_DIR;

async function openGame(page: Page, url: string, game: string): Promise<void> {
  const base = new URL(url);
  await page.goto(`${base.origin}/${base.hash}`);
  await page.waitForFunction(() => !location.hash.includes('token='));
  await page.evaluate((slug) => (location.hash = `#/game/${slug}`), game);
  await page.locator(`[data-testid="game-dashboard"][data-game="${game}"]`).waitFor();
}

const roundsOf = (page: Page, panel: string) =>
  page.locator(`[data-testid="panel"][data-panel="${panel}"] [data-testid="panel-rounds"]`).textContent();

/** What the chart's points layer holds now: how many points show, and how many pixels are drawn at its right edge. */
const CHART_PIXELS = `(() => {
  const points = document.querySelector('[data-testid="chart-points"]');
  const over = points.parentElement.querySelector('.u-over').getBoundingClientRect();
  const box = points.getBoundingClientRect();
  const scale = points.width / box.width;
  const right = Math.round((over.right - box.left) * scale);
  const edge = points.getContext('2d').getImageData(right - Math.round(12 * scale), 0, Math.round(14 * scale), points.height).data;
  let drawnAtEdge = 0;
  for (let at = 3; at < edge.length; at += 4) if (edge[at] > 0) drawnAtEdge++;
  return { points: Number(points.dataset.points), drawnAtEdge };
})()`;

async function shoot(page: Page, name: string, theme: 'dark' | 'light'): Promise<void> {
  await page.evaluate((value) => {
    document.documentElement.dataset.theme = value;
    document.scrollingElement?.scrollTo(0, 0);
  }, theme);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SCREENS}/${name}-${theme}.png`, fullPage: true });
}

describe.runIf(hasChromium)('game dashboards in a browser', () => {
  const served = useServedBrowser();

  it('a crash dashboard fills its panels, counts per window, zooms its chart and follows live rounds', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await openGame(page, served.app.serve.url, 'stake-crash');
    const dashboard = page.getByTestId('game-dashboard');
    expect(await dashboard.getAttribute('data-kind')).toBe('crash');
    for (const panel of ['distribution', 'delays', 'rtp', 'streaks', 'hourly', 'edge', 'biggest-wins']) {
      await expect.poll(() => roundsOf(page, panel), { timeout: 20_000 }).toMatch(/^[\d,]+ rounds?$/);
    }
    await expect.poll(async () => Number((await roundsOf(page, 'distribution'))?.replace(/\D/g, '')), { timeout: 20_000 }).toBeGreaterThan(10);
    // The bets the app recorded from the sandbox's snapshots: target bands beside the law, and currencies.
    const bets = page.locator('[data-testid="panel"][data-panel="bets"]');
    await expect.poll(() => bets.getByTestId('bets-bands').locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    expect(await bets.getByTestId('bets-currencies').locator('tbody tr').count()).toBe(5);
    expect(await bets.getByTestId('bets-bands').textContent()).toMatch(/2×–3×.*%/);

    // A 5-minute window counts fewer rounds than the whole history.
    const all = async () => Number((await roundsOf(page, 'distribution'))?.replace(/\D/g, ''));
    await page.getByTestId('window-selector').locator('[data-window="all"]').click();
    await expect.poll(() => page.getByTestId('window-rounds').textContent()).toContain('All history');
    const inAll = await all();
    await page.getByTestId('window-selector').locator('[data-window="5m"]').click();
    await expect.poll(() => page.getByTestId('window-rounds').textContent()).toContain('5m');
    await expect.poll(all, { timeout: 10_000 }).toBeLessThan(inAll);

    // One panel reads its own window; the others keep the dashboard's; one click returns it.
    await page.getByTestId('window-selector').first().locator('[data-window="all"]').click();
    await expect.poll(() => page.getByTestId('window-rounds').textContent()).toContain('All history');
    const streaks = page.locator('[data-panel="streaks"]');
    await streaks.getByTestId('panel-window-toggle').click();
    await streaks.locator('[data-testid="window-selector"] [data-window="5m"]').click();
    await expect.poll(() => streaks.getByTestId('panel-window-toggle').textContent()).toContain('5m');
    const countOf = async (panel: string) => Number((await roundsOf(page, panel))?.replace(/\D/g, ''));
    const dashboardCount = async () => Number((await page.getByTestId('window-rounds').textContent())?.split('·')[1]?.replace(/\D/g, ''));
    await expect.poll(async () => (await countOf('streaks')) < (await dashboardCount()), { timeout: 10_000 }).toBe(true);
    for (const panel of ['distribution', 'delays', 'rtp', 'edge']) {
      await expect.poll(async () => (await countOf(panel)) === (await dashboardCount())).toBe(true);
    }
    await streaks.getByTestId('panel-window-toggle').click();
    await page.screenshot({ path: `${SCREENS}/game-crash-panel-window.png` });
    await page.keyboard.press('Escape');
    await streaks.getByTestId('panel-window-reset').click();
    await expect.poll(() => streaks.getByTestId('panel-window-toggle').textContent()).toContain('All history');
    await expect.poll(async () => (await countOf('streaks')) === (await countOf('distribution')), { timeout: 10_000 }).toBe(true);

    // The live chart draws, then a drag zooms it into a fixed span; Live returns to following.
    const chart = page.getByTestId('live-chart');
    await expect.poll(() => page.getByTestId('chart-rounds').textContent(), { timeout: 30_000 }).not.toMatch(/^0 rounds/);
    const before = await page.getByTestId('chart-rounds').textContent();
    const liveCount = Number(before?.replace(/\D/g, ''));
    // A round committed after the chart loaded is appended while following.
    await expect.poll(async () => Number((await page.getByTestId('chart-rounds').textContent())?.replace(/\D/g, '')), { timeout: 20_000 }).toBeGreaterThan(liveCount);
    await page.getByTestId('window-selector').first().locator('[data-window="1h"]').click();
    await shoot(page, 'game-crash', 'dark');
    await shoot(page, 'game-crash', 'light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));

    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.locator('.u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => chart.getAttribute('data-mode')).toBe('fixed');
    await chart.hover();
    await page.mouse.wheel(0, 200);
    await page.getByTestId('chart-live').click();
    await expect.poll(() => chart.getAttribute('data-mode')).toBe('live');

    // From a small laptop to 4K: nothing scrolls sideways, and the 4K dashboard is captured.
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SCREENS}/game-crash-3840x2160.png` });
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('the chart draws each live round as a full redraw would, at its right edge, keeping its zoom', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await openGame(page, served.app.serve.url, 'stake-crash');
    const chart = page.getByTestId('live-chart');
    await expect.poll(() => chart.getAttribute('data-loading'), { timeout: 20_000 }).toBe('false');
    // Zoomed out while following live: here that is the whole history, a few minutes of it.
    const span = page.getByTestId('chart-span');
    const spanBefore = await span.textContent();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await expect.poll(() => span.textContent()).not.toBe(spanBefore);
    await expect.poll(() => chart.getAttribute('data-loading'), { timeout: 20_000 }).toBe('false');
    const zoomed = await span.textContent();
    expect(zoomed).toMatch(/^Following live · last /);

    // Rounds landing while it follows live are drawn at the right edge, and the zoom stays.
    const chartRounds = async () => Number((await page.getByTestId('chart-rounds').textContent())?.replace(/\D/g, ''));
    const before = await chartRounds();
    await expect.poll(chartRounds, { timeout: 20_000 }).toBeGreaterThan(before + 3);
    const drawn = (await page.evaluate(CHART_PIXELS)) as { points: number; drawnAtEdge: number };
    expect(drawn.points).toBeGreaterThan(0);
    expect(drawn.drawnAtEdge).toBeGreaterThan(0);
    expect(await span.textContent()).toBe(zoomed);
    expect(await chart.getAttribute('data-mode')).toBe('live');

    // Paused, the chart holds still: what it drew round by round is what drawing it afresh (a resize there and back) gives.
    const game = { game: 'stake-crash', paused: true };
    await served.app.host.service.setGamePaused(game);
    try {
      let held = -1;
      await expect
        .poll(
          async () => {
            const rounds = await chartRounds();
            const still = rounds === held;
            held = rounds;
            return still;
          },
          { timeout: 10_000, interval: 1500 },
        )
        .toBe(true);
      await expectSameDiscsAsRedrawn(page);
      expect(await span.textContent()).toBe(zoomed);
    } finally {
      await served.app.host.service.setGamePaused({ ...game, paused: false });
    }
    expect(problems).toEqual([]);
  }, 90_000);

  it('a wheel show fills its segments, Top Slot and bonus panels', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await openGame(page, served.app.serve.url, 'crazytime');
    expect(await page.getByTestId('game-dashboard').getAttribute('data-kind')).toBe('wheel');
    await expect.poll(() => roundsOf(page, 'segments'), { timeout: 20_000 }).toMatch(/^[\d,]+ rounds?$/);
    await expect.poll(() => page.locator('[data-panel="segments"] tbody tr').count()).toBeGreaterThan(4);
    await expect.poll(() => page.locator('[data-panel="results"] li').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByTestId('window-selector').locator('[data-window="all"]').click();
    await expect.poll(() => page.getByTestId('window-rounds').textContent()).toContain('All history');
    await expect.poll(() => page.locator('[data-panel="bonuses"] tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const bonusBody = page.locator('[data-panel="bonuses"] .panel__body');
    expect(await bonusBody.evaluate((body) => body.scrollWidth - body.clientWidth)).toBeLessThanOrEqual(0);
    await shoot(page, 'game-wheel', 'dark');
    await shoot(page, 'game-wheel', 'light');
    expect(problems).toEqual([]);
  }, 90_000);

  it('dice and roulette show totals and pockets against theory', async () => {
    const shows = await startServedApp({ settings: { games: ['lightningdice', 'lightningroulette'] } });
    try {
      const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const problems = watchProblems(page);
      await openGame(page, shows.serve.url, 'lightningdice');
      await expect.poll(() => roundsOf(page, 'totals'), { timeout: 30_000 }).toMatch(/^[\d,]+ rounds?$/);
      await page.getByTestId('window-selector').locator('[data-window="all"]').click();
      await expect.poll(() => page.locator('[data-panel="totals"] tbody tr').count()).toBe(16);
      await expect.poll(async () => Number((await roundsOf(page, 'totals'))?.replace(/\D/g, '')), { timeout: 30_000 }).toBeGreaterThan(100);
      await shoot(page, 'game-dice', 'dark');
      await page.evaluate(() => (location.hash = '#/game/lightningroulette'));
      await page.locator('[data-testid="game-dashboard"][data-game="lightningroulette"]').waitFor();
      await expect.poll(() => roundsOf(page, 'pockets'), { timeout: 30_000 }).toMatch(/^[\d,]+ rounds?$/);
      await page.getByTestId('window-selector').locator('[data-window="all"]').click();
      await expect.poll(() => page.locator('[data-panel="pockets"] .pocket').count()).toBe(37);
      await expect.poll(async () => Number((await roundsOf(page, 'pockets'))?.replace(/\D/g, '')), { timeout: 30_000 }).toBeGreaterThan(100);
      await shoot(page, 'game-roulette', 'dark');
      expect(problems).toEqual([]);
    } finally {
      await shows.close();
    }
  }, 120_000);

  it('a chart opened before the history holds a round shows the first live rounds as they come', async () => {
    // The sandbox begins now at a real game's pace: the dashboard opens on an empty history.
    const quiet = await startServedApp({ settings: { games: ['stake-crash'] }, sandbox: { speed: 2, epochMs: Date.now() } });
    try {
      // Paused while the page opens, so no round can land before the chart has read its empty span.
      await quiet.host.service.setGamePaused({ game: 'stake-crash', paused: true });
      const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const problems = watchProblems(page);
      await openGame(page, quiet.serve.url, 'stake-crash');
      expect(await page.getByTestId('chart-rounds').textContent()).toMatch(/^0 rounds/);
      // Said in words, not left loading.
      await expect.poll(() => page.getByTestId('chart-empty').textContent()).toMatch(/^No rounds of .+ in the local history yet\./);
      expect(await page.getByTestId('live-chart').getAttribute('data-loading')).toBe('false');
      await page.getByTestId('live-chart').screenshot({ path: `${SCREENS}/game-crash-empty-chart-dark.png` });
      await quiet.host.service.setGamePaused({ game: 'stake-crash', paused: false });
      await expect.poll(() => page.getByTestId('chart-rounds').textContent(), { timeout: 60_000 }).toMatch(/^[1-9][\d,]* rounds?/);
      expect(await page.getByTestId('chart-empty').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await quiet.close();
    }
  }, 120_000);
});
