import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, SCREENS_DIR, watchProblems } from '../support/chromium';
import { queryHistory } from '../support/history';
import { useServedBrowser } from '../support/served-browser';

// The export dialog of the history browser in real Chromium against `roundlog serve`: choose a
// format, watch the progress, see where the file went (the app chose the path), and cancel a long
// export without leaving a file behind. The demo history holds 600,000 synthetic Stake Crash
// rounds before the sandbox's own, so that an export of all of it runs long enough to cancel.

const SEED = '5eed0000e4b0f7ed';
const SYNTHETIC_ROUNDS = 600_000;

describe.runIf(hasChromium)('the export dialog in a browser', () => {
  const served = useServedBrowser({ syntheticHistory: { seed: SEED, count: SYNTHETIC_ROUNDS } }, 120_000);

  const exportsDir = (): string => join(served.app.dataDir, 'exports');

  it('exports the last 24 hours to Parquet and shows the file the app wrote', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchProblems(page);
    await page.goto(served.app.serve.url);
    await page.evaluate(() => {
      window.location.hash = '#/history/stake-crash';
    });
    await page.getByTestId('history-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('history-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await page.getByTestId('export-import-hint').textContent()).toMatch(/roundlog import FILE/);
    await page.getByTestId('export-range').selectOption('24h');
    await dialog.getByText('Parquet', { exact: true }).click();
    await page.screenshot({ path: `${SCREENS_DIR}/export-dialog-dark.png` });

    const stakeSince = (sinceMs: number): number =>
      queryHistory<{ n: number }>(
        served.app.core.databaseFile,
        "SELECT count(*) AS n FROM rounds WHERE game_id = (SELECT id FROM games WHERE slug = 'stake-crash') AND finalized_us >= ?",
        sinceMs * 1000,
      )[0]!.n;
    // Rounds surely inside the range as the export begins (a minute inside its start).
    const before = stakeSince(Date.now() - 24 * 3_600_000 + 60_000);
    await page.getByTestId('export-start').click();
    const path = page.getByTestId('export-path');
    await path.waitFor({ timeout: 60_000 });
    const file = (await path.textContent())!;
    expect(dirname(file)).toBe(exportsDir());
    expect(file).toMatch(/stake-crash_last-24h-to-\d{8}T\d{6}Z\.parquet$/);
    expect(readFileSync(file).subarray(0, 4).toString()).toBe('PAR1');
    const written = Number((await page.getByTestId('export-status').textContent())!.match(/([\d,]+) rounds? exported/)![1]!.replaceAll(',', ''));
    // The export is a snapshot taken when it began: everything there then, nothing recorded after.
    expect(written).toBeGreaterThanOrEqual(before);
    expect(written).toBeLessThanOrEqual(stakeSince(Date.now() - 24 * 3_600_000 - 60_000));
    await page.screenshot({ path: `${SCREENS_DIR}/export-done-dark.png` });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('cancels a long export, which then leaves no file', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1024, height: 700 } });
    const problems = watchProblems(page);
    await page.goto(served.app.serve.url);
    await page.evaluate(() => {
      window.location.hash = '#/history/stake-crash';
      document.documentElement.dataset.theme = 'light';
    });
    await page.getByTestId('history-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('history-export').click();
    await page.getByTestId('export-dialog').waitFor();
    const before = new Set(existsSync(exportsDir()) ? readdirSync(exportsDir()) : []);
    await page.getByTestId('export-start').click();
    const cancel = page.getByTestId('export-cancel');
    await cancel.waitFor();
    await expect.poll(async () => Number(await page.getByTestId('export-progress').getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENS_DIR}/export-running-light.png` });
    await cancel.click();
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('cancelled');
    expect(await status.textContent()).toContain('The export was cancelled; no file was written.');
    expect(readdirSync(exportsDir()).filter((name) => !before.has(name))).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
