import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, openPage } from '../support/chromium';
import { useServedBrowser } from '../support/served-browser';

// Real Chromium against `roundlog serve`: the app shell as a person meets it. Debian's chromium is
// installed by .ci/run; on a machine without it these tests say so and the rest of the suite runs.


describe.runIf(hasChromium)('the app in a browser', () => {
  const served = useServedBrowser();

  const open = (width: number, height: number): Promise<{ page: Page; problems: string[] }> => openPage(served.browser, served.app.serve.url, { width, height });

  it('labels demo data, shows rounds arriving live, and keeps the token out of the address', async () => {
    const { page, problems } = await open(1280, 800);
    await expect.poll(() => page.getByTestId('mode-badge').textContent()).toContain('DEMO DATA');
    const crash = page.locator('[data-testid="game-tile"][data-game="stake-crash"]');
    await crash.getByTestId('ribbon-round').first().waitFor();
    const firstSeen = await crash.getByTestId('ribbon-round').first().getAttribute('data-round-id');
    // A round committed after the page loaded must appear at the head of the ribbon.
    await expect.poll(() => crash.getByTestId('ribbon-round').first().getAttribute('data-round-id'), { timeout: 20_000 }).not.toBe(firstSeen);
    await expect.poll(() => page.locator('[data-testid="game-tile"][data-game="crazytime"] [data-testid="ribbon-round"]').count()).toBeGreaterThan(0);
    expect(page.url()).not.toContain('token=');
    expect(problems).toEqual([]);
  }, 60_000);

  it('moves between screens with the keyboard and survives a reload on any of them', async () => {
    const { page, problems } = await open(1280, 800);
    await page.getByTestId('overview').waitFor();
    await page.keyboard.press('s');
    await expect.poll(() => page.url()).toContain('#/settings');
    await page.keyboard.press('o');
    await expect.poll(() => page.url()).toMatch(/#\/$/);
    await page.evaluate(() => (window.location.hash = '#/game/stake-crash'));
    await page.getByTestId('game-dashboard').waitFor();
    await page.keyboard.press('h');
    await expect.poll(() => page.url()).toContain('#/history/stake-crash');
    await page.keyboard.press('d');
    await expect.poll(() => page.url()).toContain('#/game/stake-crash');
    await page.reload();
    await page.getByTestId('game-dashboard').waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts').waitFor({ state: 'detached' });
    expect(page.url()).toContain('#/game/stake-crash');
    await page.keyboard.press('Escape');
    await page.getByTestId('overview').waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it('fits a 1024×700 window and a 4K screen without horizontal scrolling', async () => {
    for (const [width, height] of [
      [1024, 700],
      [3840, 2160],
    ] as const) {
      const { page, problems } = await open(width, height);
      await page.locator('[data-testid="game-tile"] [data-testid="ribbon-round"]').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screens/overview-${width}x${height}.png` });
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 60_000);
});
