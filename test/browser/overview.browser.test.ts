import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, openPage as openAppPage, SCREENS_DIR } from '../support/chromium';
import { startSandbox } from '../../src/sim/server';
import { useServedBrowser } from '../support/served-browser';

// The overview in real Chromium against `roundlog serve` on the sandbox: tiles fill with live
// rounds, open their game, pause and resume, and the sync strip tells what the engine does.

const SCREENS = SCREENS_DIR;

describe.runIf(hasChromium)('the overview', () => {
  const served = useServedBrowser();

  const openPage = (): Promise<{ page: Page; problems: string[] }> => openAppPage(served.browser, served.app.serve.url, { width: 1440, height: 900 });

  it('shows every tracked game as a tile with live rounds, rounds today and its headline delays', async () => {
    const { page, problems } = await openPage();
    const crash = page.locator('[data-testid="game-tile"][data-game="stake-crash"]');
    const show = page.locator('[data-testid="game-tile"][data-game="crazytime"]');
    await crash.getByTestId('ribbon-round').first().waitFor({ timeout: 20_000 });
    await show.getByTestId('ribbon-round').first().waitFor({ timeout: 20_000 });

    const firstSeen = await crash.getByTestId('ribbon-round').first().getAttribute('data-round-id');
    await expect.poll(() => crash.getByTestId('ribbon-round').first().getAttribute('data-round-id'), { timeout: 20_000 }).not.toBe(firstSeen);

    await expect.poll(async () => Number((await crash.getByTestId('rounds-today').textContent())?.replace(/,/g, '')), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => crash.getByTestId('headline-delay').count(), { timeout: 15_000 }).toBe(4);
    expect(await crash.getByTestId('headline-delay').first().textContent()).toContain('≥2×');
    await expect.poll(() => show.getByTestId('headline-delay').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('sync-strip').textContent()).toMatch(/Tier.*Live rounds.*Request budget/);

    // A fixed ribbon and reserved rows: a tile keeps its size while rounds arrive.
    const before = await crash.boundingBox();
    const newest = await crash.getByTestId('ribbon-round').first().getAttribute('data-round-id');
    await expect.poll(() => crash.getByTestId('ribbon-round').first().getAttribute('data-round-id'), { timeout: 20_000 }).not.toBe(newest);
    expect(await crash.boundingBox()).toEqual(before);

    await page.screenshot({ path: `${SCREENS}/overview-dark.png` });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.screenshot({ path: `${SCREENS}/overview-light.png` });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('opens the game when its tile is clicked, or its title is reached by keyboard', async () => {
    const { page } = await openPage();
    const crash = page.locator('[data-testid="game-tile"][data-game="stake-crash"]');
    await crash.waitFor();
    await crash.click();
    await expect.poll(() => page.url()).toContain('#/game/stake-crash');

    await page.goBack();
    const show = page.locator('[data-testid="game-tile"][data-game="crazytime"]');
    await show.getByRole('link', { name: /Crazy Time.*open the dashboard/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('#/game/crazytime');
    await page.close();
  }, 60_000);

  it('shows a game paused from its tile, and live again once resumed', async () => {
    const { page } = await openPage();
    const crash = page.locator('[data-testid="game-tile"][data-game="stake-crash"]');
    await crash.getByTestId('ribbon-round').first().waitFor({ timeout: 20_000 });
    await crash.getByTestId('pause-toggle').click();
    await expect.poll(() => crash.getAttribute('data-state'), { timeout: 10_000 }).toBe('paused');
    expect(await crash.getByTestId('game-state').textContent()).toBe('Paused');
    expect(await crash.getByTestId('game-status-line').textContent()).toMatch(/paused/i);
    expect(await crash.getByTestId('pause-toggle').textContent()).toBe('Resume');

    await crash.getByTestId('pause-toggle').click();
    await expect.poll(() => crash.getAttribute('data-state'), { timeout: 20_000 }).not.toBe('paused');
    await page.close();
  }, 60_000);

  it('shows a pause made elsewhere (through the service) on the overview', async () => {
    const { page } = await openPage();
    const show = page.locator('[data-testid="game-tile"][data-game="crazytime"]');
    await show.waitFor();
    await served.app.host.service.setGamePaused({ game: 'crazytime', paused: true });
    await expect.poll(() => show.getAttribute('data-state'), { timeout: 10_000 }).toBe('paused');
    await served.app.host.service.setGamePaused({ game: 'crazytime', paused: false });
    await expect.poll(() => show.getAttribute('data-state'), { timeout: 20_000 }).not.toBe('paused');
    await page.close();
  }, 60_000);

  it('shows an error from the sync engine in words: a key the upstream rejects', async () => {
    const upstream = await startSandbox({ key: 'ts_right_key_0123456789', speed: 40, epochMs: Date.now() - 10 * 60_000 });
    try {
      await served.app.host.service.updateSettings({ environment: 'custom', baseUrl: upstream.url, apiKey: 'ts_wrong_key_9876543210' });
      const { page, problems } = await openPage();
      const tile = page.locator('[data-testid="game-tile"][data-game="stake-crash"]');
      await expect.poll(() => tile.getAttribute('data-state'), { timeout: 20_000 }).toBe('error');
      await expect.poll(() => tile.getByTestId('game-status-line').textContent()).toContain('API key was rejected');
      await expect.poll(() => page.getByTestId('connection-state').textContent()).not.toContain('Connected');
      await page.screenshot({ path: `${SCREENS}/overview-error-dark.png` });
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await served.app.host.service.updateSettings({ environment: 'sandbox', apiKey: null });
      await upstream.close();
    }
  }, 60_000);

  it('fits a 1024×700 window, overview and settings alike, without sideways scrolling', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(served.app.serve.url);
    await page.getByTestId('game-tile').first().getByTestId('ribbon-round').first().waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: `${SCREENS}/overview-1024.png` });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByTestId('settings-source').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: `${SCREENS}/settings-1024.png` });
    await page.close();
  }, 60_000);
});
