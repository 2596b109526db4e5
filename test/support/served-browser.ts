import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { startServedApp, type ServedApp, type ServedAppOptions } from './serve-app';

export interface ServedBrowser {
  readonly app: ServedApp;
  readonly browser: Browser;
}

/**
 * For a describe block of browser tests: `roundlog serve` started and Chromium launched once
 * before its tests, both closed after. Read `app` and `browser` inside the tests.
 */
export function useServedBrowser(options: ServedAppOptions = {}, timeoutMs = 60_000): ServedBrowser {
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startServedApp(options);
    browser = await launchChromium();
  }, timeoutMs);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      return app!;
    },
    get browser() {
      return browser!;
    },
  };
}
