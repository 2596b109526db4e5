import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../src/main/core/settings/secret-store';
import { hasChromium, launchChromium, SCREENS_DIR } from '../support/chromium';
import { startServedApp, type ServedApp } from '../support/serve-app';

// Settings and the first-run screen in real Chromium against `roundlog serve`: choices persist in
// the data folder across a restart, the key never comes back to the page, and bad input is told
// in words next to its field.

const SCREENS = SCREENS_DIR;
const API_KEY = 'ts_live_SECRET0key9XYZ4242';

describe.runIf(hasChromium)('settings and first run', () => {
  let browser: Browser;
  const apps: ServedApp[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.close();
  });

  async function start(options: Parameters<typeof startServedApp>[0] = {}): Promise<ServedApp> {
    const app = await startServedApp(options);
    apps.push(app);
    return app;
  }

  async function openSettings(app: ServedApp): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.serve.url);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByTestId('settings-source').waitFor();
    return page;
  }

  it('greets a fresh data folder with the first-run screen, and not once it is dismissed', async () => {
    const app = await start({ settings: { firstRunDone: false } });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.serve.url);
    const firstRun = page.getByTestId('first-run');
    await firstRun.waitFor();
    expect(await firstRun.textContent()).toMatch(/demo data/i);
    expect(await firstRun.textContent()).toMatch(/Settings → API key/);
    await page.screenshot({ path: `${SCREENS}/first-run-dark.png` });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.screenshot({ path: `${SCREENS}/first-run-light.png` });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));

    await page.getByTestId('explore-demo').click();
    await page.getByTestId('overview').waitFor();
    expect(await firstRun.count()).toBe(0);

    await app.restart();
    await page.goto(app.serve.url);
    await page.getByTestId('game-tile').first().waitFor();
    expect(await page.getByTestId('first-run').count()).toBe(0);
    await page.close();
  }, 90_000);

  it('"Connect a key" dismisses the first run and opens the settings', async () => {
    const app = await start({ settings: { firstRunDone: false } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.serve.url);
    await page.getByTestId('connect-key').click();
    await page.getByTestId('settings-api-key').waitFor();
    expect(page.url()).toContain('#/settings');
    await page.close();
  }, 60_000);

  it('keeps the theme and the tracked games across a restart of the app', async () => {
    const app = await start();
    const page = await openSettings(app);
    await page.getByTestId('settings-connection').getByTestId('game-connection').first().waitFor();
    // The screenshot shows games recording, not the first seconds of their backfill.
    await page.locator('[data-testid="game-connection"] [data-state="live"]').nth(1).waitFor({ timeout: 20_000 }).catch(() => {});
    // A crash game says what its bet snapshots recorded; a game show has none to ask for.
    const crash = page.locator('[data-testid="game-connection"][data-game="stake-crash"]');
    await expect.poll(() => crash.getByTestId('bet-snapshots').textContent(), { timeout: 20_000 }).toMatch(/^[\d,]+ bets of [\d,]+ rounds? recorded since start/);
    expect(await page.locator('[data-testid="game-connection"][data-game="crazytime"] [data-testid="bet-snapshots"]').count()).toBe(0);
    await page.screenshot({ path: `${SCREENS}/settings-dark.png`, fullPage: true });

    await page.getByTestId('theme-light').check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENS}/settings-light.png`, fullPage: true });

    await page.getByTestId('track-duel-crash').check();
    await page.getByTestId('save-recording').click();
    const recording = page.getByTestId('settings-recording').getByTestId('save-result');
    await expect.poll(() => recording.textContent(), { timeout: 20_000 }).toBe('Saved. Recording restarts with the new settings.');
    await page.close();

    await app.restart();
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { theme: string; games: string[] };
    expect(saved.theme).toBe('light');
    expect(saved.games).toContain('duel-crash');

    const again = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await again.goto(app.serve.url);
    await again.locator('[data-testid="game-tile"][data-game="duel-crash"]').waitFor({ timeout: 20_000 });
    expect(await again.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await again.getByRole('link', { name: 'Settings', exact: true }).click();
    expect(await again.getByTestId('track-duel-crash').isChecked()).toBe(true);
    expect(await again.getByTestId('theme-light').isChecked()).toBe(true);
    await again.close();
  }, 120_000);

  it('shows a saved API key only by its hint, never the key itself', async () => {
    const app = await start();
    const page = await openSettings(app);
    await page.getByTestId('api-key-input').fill(API_KEY);
    await page.getByTestId('save-api-key').click();
    await expect.poll(() => page.getByTestId('api-key-hint').textContent({ timeout: 15_000 })).toBe('…4242');
    expect(await page.getByTestId('api-key-input').inputValue()).toBe('');
    expect(await page.content()).not.toContain(API_KEY);

    await page.reload();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.getByTestId('api-key-hint').textContent()).toBe('…4242');
    expect(await page.content()).not.toContain(API_KEY);

    await page.getByTestId('forget-api-key').click();
    await expect.poll(() => page.getByTestId('api-key-state').textContent()).toMatch(/No key stored/);
    await page.close();
  }, 60_000);

  it('warns before a key is typed when it would be kept in plain text, and says how it is kept otherwise', async () => {
    const plain = await start({
      secrets: (dataDir) => ({
        ...fileSecretStore(join(dataDir, 'api-key')),
        protection: { kind: 'plain-text', text: 'No keyring was found (libsecret or kwallet), so a key saved here is only obfuscated on disk, not encrypted.' },
      }),
    });
    const page = await openSettings(plain);
    const protection = page.getByTestId('settings-api-key').getByTestId('api-key-protection');
    await expect.poll(() => protection.textContent()).toBe('Warning: No keyring was found (libsecret or kwallet), so a key saved here is only obfuscated on disk, not encrypted.');
    expect(await protection.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('api-key-state').textContent()).toMatch(/No key stored/);
    await page.close();

    const owner = await start();
    const ownerPage = await openSettings(owner);
    const kept = ownerPage.getByTestId('api-key-protection');
    await expect.poll(() => kept.textContent()).toBe('Kept in a file only your user can read (0600), not encrypted.');
    expect(await kept.getAttribute('role')).toBeNull();
    await ownerPage.close();
  }, 60_000);

  it('says what is wrong with a bad custom base URL, next to the field', async () => {
    const app = await start();
    const page = await openSettings(app);
    const source = page.getByTestId('settings-source');
    await source.getByLabel(/Custom address/).check();
    await page.getByTestId('base-url').fill('not a url');
    await page.getByTestId('save-source').click();
    const problem = source.getByTestId('field-problem');
    await expect.poll(() => problem.textContent()).toMatch(/https:\/\//);
    expect(await page.getByTestId('base-url').getAttribute('aria-invalid')).toBe('true');

    // Roundlog's own refusal comes back in words too: no key for a live source.
    await page.getByTestId('base-url').fill('https://api.example.com');
    await page.getByTestId('save-source').click();
    await expect.poll(() => problem.textContent(), { timeout: 15_000 }).toMatch(/API key/);
    await page.close();
  }, 60_000);
});
