import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServedApp, type ServedApp } from '../support/serve-app';

// Real Chromium against `roundlog serve`: what a person sees. Debian's chromium is installed by
// .ci/run; on a machine without it these tests say so and the rest of the suite still runs.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}; .ci/run must install it (apt-get install -y chromium).`);
  console.warn(`Browser tests not run: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
}

describe.runIf(hasChromium)('the app in a browser', () => {
  let app: ServedApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startServedApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows demo data clearly labelled and live rounds arriving, without page errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('favicon')) problems.push(message.text());
    });
    await page.goto(app.serve.url);

    await expect.poll(() => page.getByTestId('mode-badge').textContent()).toContain('DEMO DATA');
    const crash = page.locator('[data-testid="game-card"][data-game="stake-crash"]');
    await crash.getByTestId('round').first().waitFor();
    const firstSeen = await crash.getByTestId('round').first().getAttribute('data-round-id');
    // A round that was committed after the page loaded must appear at the top.
    await expect.poll(() => crash.getByTestId('round').first().getAttribute('data-round-id'), { timeout: 20_000 }).not.toBe(firstSeen);
    await expect.poll(() => page.locator('[data-testid="game-card"][data-game="crazytime"] [data-testid="round"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('multiplier-chart').locator('canvas').count()).toBeGreaterThan(0);
    expect(page.url()).not.toContain('token=');

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/serve-live.png' });
    expect(problems).toEqual([]);
  }, 60_000);
});
