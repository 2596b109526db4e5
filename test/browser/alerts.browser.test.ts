import { describe, expect, it } from 'vitest';
import { hasChromium, openPage, SCREENS_DIR, watchProblems } from '../support/chromium';
import { useServedBrowser } from '../support/served-browser';
import { waitFor } from '../support/wait';

// The Alerts screen in real Chromium against `roundlog serve`: a rule made in the form fires into
// the feed when the sandbox plays the round it waits for, and a rule that cannot work is refused
// in words.

describe.runIf(hasChromium)('alerts in a browser', () => {
  const served = useServedBrowser({ sandbox: { speed: 100, outcomes: [{ game: 'stake-crash', fromRound: 0, outcomes: Array.from({ length: 20_000 }, () => ({ below: 500 })) }] } });

  /** Has the embedded sandbox play a Stake round at or above `atLeast` next; resolves with its round id once played. */
  async function playBigRound(atLeast: number): Promise<string> {
    const sandbox = served.app.core.sandbox!;
    const at = sandbox.scriptOutcomes('stake-crash', [{ atLeast }]);
    await waitFor(() => sandbox.rounds('stake-crash').length > at, () => 'the scripted round played', 20_000);
    return sandbox.rounds('stake-crash')[at]!.roundId;
  }

  it('creates a rule in the form, sees it fire into the feed, and links to the round', async () => {
    const { page, problems } = await openPage(served.browser, served.app.serve.url, { width: 1440, height: 900 });
    await page.getByTestId('overview').waitFor();
    await page.keyboard.press('a');
    await page.getByTestId('alerts').waitFor();
    expect(page.url()).toContain('#/alerts');
    await page.getByTestId('allow-notifications').waitFor();

    await page.getByTestId('new-rule').click();
    await page.getByTestId('rule-name').fill('Stake 500×');
    await page.getByTestId('rule-atLeast').fill('lots');
    await page.getByTestId('save-rule').click();
    await expect.poll(() => page.getByTestId('rule-editor').getByTestId('field-problem').textContent()).toBe('Give a multiplier, e.g. 100 for 100×.');
    await page.getByTestId('rule-atLeast').fill('500');
    await page.getByTestId('rule-sound').check();
    await page.getByTestId('save-rule').click();
    await page.getByTestId('rule-item').first().waitFor();
    expect(await page.getByTestId('rule-item').first().textContent()).toContain('Stake Crash: a round ≥ 500×; sound');

    const roundId = await playBigRound(500);
    const entry = page.locator(`[data-testid="alert-entry"][data-round="${roundId}"]`);
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.textContent()).toMatch(/Stake 500×.*Stake Crash hit [\d,]+\.\d{2,4}× \(round /);
    expect(await entry.getByTestId('alert-round-link').getAttribute('href')).toBe(`#/history/stake-crash/${roundId}`);

    await page.screenshot({ path: `${SCREENS_DIR}/alerts-dark.png`, fullPage: true });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.screenshot({ path: `${SCREENS_DIR}/alerts-light.png`, fullPage: true });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));

    await entry.getByTestId('alert-round-link').click();
    await expect.poll(() => page.url()).toContain(`#/history/stake-crash/${roundId}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('counts unread alerts in the nav while elsewhere, and refuses a rule that cannot work in words', async () => {
    const { page, problems } = await openPage(served.browser, served.app.serve.url, { width: 1280, height: 800 });
    await page.getByTestId('overview').waitFor();
    const roundId = await playBigRound(500);
    await expect.poll(() => page.getByTestId('unread-alerts').textContent({ timeout: 20_000 }).catch(() => null), { timeout: 20_000 }).toBe('1');

    await page.getByRole('link', { name: /^Alerts/ }).click();
    await page.locator(`[data-testid="alert-entry"][data-round="${roundId}"]`).waitFor();
    expect(await page.getByTestId('unread-alerts').count()).toBe(0);

    await page.getByTestId('new-rule').click();
    await page.getByTestId('rule-name').fill('Cash Hunt on Stake');
    await page.getByTestId('rule-kind').selectOption('segment');
    await page.getByTestId('save-rule').click();
    await expect
      .poll(() => page.getByTestId('rule-result').textContent())
      .toBe('Stake Crash has no segments: segment alerts are for game shows such as Crazy Time or MONOPOLY Live.');
    await page.screenshot({ path: `${SCREENS_DIR}/alerts-editor-dark.png`, fullPage: true });

    await page.getByTestId('rule-game-stake-crash').uncheck();
    await page.getByTestId('rule-game-crazytime').check();
    await page.getByTestId('rule-segment-bonus').uncheck();
    await page.getByTestId('rule-segment-cashhunt').check();
    await page.getByTestId('save-rule').click();
    await expect.poll(() => page.getByTestId('rule-item').count()).toBe(2);
    expect(await page.getByTestId('rule-item').nth(1).textContent()).toContain('Evolution Crazy Time: lands Cash Hunt');

    await page.getByTestId('rule-item').nth(1).getByTestId('rule-toggle').uncheck();
    await expect.poll(() => page.locator('.rule-item--off').count()).toBe(1);
    await page.getByTestId('rule-item').nth(1).getByTestId('delete-rule').click();
    await expect.poll(() => page.getByTestId('rule-item').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('in a browser tab, once notifications are allowed, each alert becomes a browser notification', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['notifications'], { origin: served.app.origin });
    // Records each notification the page makes; the real constructor still runs.
    await context.addInitScript(() => {
      const Real = window.Notification;
      const shown: { title: string; body: string | undefined; silent: boolean | null | undefined }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body, silent: options?.silent });
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true });
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(served.app.serve.url);
    await page.getByTestId('overview').waitFor();
    const roundId = await playBigRound(500);
    const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body?: string; silent?: boolean }[] }).shownNotifications);
    await expect.poll(async () => (await shown()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const [notice] = await shown();
    expect(notice).toMatchObject({ title: 'Stake 500×', body: expect.stringMatching(/^Stake Crash hit [\d,]+\.\d{2,4}× \(round /), silent: false });
    expect(roundId).not.toBe('');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
