import type { Page } from 'playwright-core';
import { hasChromium, SCREENS_DIR, watchProblems } from '../support/chromium';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoHistoryFile } from '../../src/main/core/history-file';
import { queryHistory } from '../support/history';
import { useServedBrowser } from '../support/served-browser';

// The history browser in real Chromium against `roundlog serve`, over a demo history that already
// holds a million Stake Crash rounds before the sandbox's own: scrolling and jumping to row
// 1,000,000 must show exactly the round SQLite has there, and its detail must open and close.

const SEED = '5eed0000b10c4e57';
const SYNTHETIC_ROUNDS = 1_000_001;
const ROW = 1_000_000;
const SCREENS = SCREENS_DIR;

describe.runIf(hasChromium)('the history browser in a browser', () => {
  const served = useServedBrowser({ syntheticHistory: { seed: SEED, count: SYNTHETIC_ROUNDS } }, 120_000);
  // The demo history is the one written before the start: same seed, same file.
  beforeAll(() => expect(served.app.core.databaseFile).toBe(demoHistoryFile(served.app.dataDir, SEED)));

  /** The round SQLite has at `offset` of the game's history in a time order. */
  const roundAt = (offset: number, order: 'ASC' | 'DESC'): { round_id: string; round_index: string; multiplier: string; finalized_at: string } =>
    queryHistory<{ round_id: string; round_index: string; multiplier: string; finalized_at: string }>(
      served.app.core.databaseFile,
      `SELECT round_id, CAST(round_index AS TEXT) AS round_index, multiplier, finalized_at FROM rounds
       WHERE game_id = (SELECT id FROM games WHERE slug = 'stake-crash')
       ORDER BY finalized_us ${order}, round_index ${order}, id ${order} LIMIT 1 OFFSET ?`,
      offset,
    )[0]!;

  /** Scrolls the table as a person dragging its scrollbar would, so that `row` is in view. */
  async function scrollTo(page: Page, row: number): Promise<void> {
    await page.getByTestId('history-table').locator('[role="grid"]').evaluate((scroller, target) => {
      const rowHeight = (scroller.querySelector('[role="row"]') as HTMLElement).offsetHeight;
      const rows = Number(scroller.getAttribute('aria-rowcount'));
      const view = scroller.clientHeight;
      const ratio = (rows * rowHeight - view) / (scroller.scrollHeight - view);
      scroller.scrollTop = (Math.max(0, target - 3) * rowHeight) / ratio;
    }, row);
  }

  it('scrolls and jumps to row 1,000,000, shows the round SQLite has there, and opens its detail', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(served.app.serve.url);
    await page.evaluate(() => {
      window.location.hash = '#/history/stake-crash';
    });
    const total = page.getByTestId('history-total');
    await expect.poll(() => total.textContent(), { timeout: 30_000 }).toMatch(/^1,00\d,\d{3} rounds$/);
    await page.getByTestId('history-row').first().waitFor();
    await page.screenshot({ path: `${SCREENS}/history-dark.png` });

    // Oldest first, row 1,000,000 is the newest synthetic round, and live rounds land after it.
    await page.getByLabel('Order').selectOption('oldest');
    await expect.poll(() => page.getByTestId('history-row').first().getAttribute('data-round-id')).toBe(roundAt(0, 'ASC').round_id);
    const scrolled = page.locator(`[data-testid="history-row"][data-offset="${ROW}"]`);
    // Scrolled again while it is not in view: live rounds landing meanwhile change the row count
    // the scroll position was worked out from.
    await expect
      .poll(async () => {
        if ((await scrolled.count()) === 0) await scrollTo(page, ROW);
        return scrolled.count();
      }, { timeout: 40_000, interval: 1_000 })
      .toBe(1);
    const expected = roundAt(ROW, 'ASC');
    expect(await scrolled.getAttribute('data-round-id')).toBe(expected.round_id);
    await expect.poll(() => scrolled.textContent()).toContain(expected.round_index);
    expect(await scrolled.textContent()).toContain(`${expected.multiplier}×`);

    // Newest first, jump to the moment of the round at row 1,000,000 of that order.
    await page.getByLabel('Order').selectOption('newest');
    await expect.poll(() => page.getByTestId('history-row').first().getAttribute('data-offset')).toBe('0');
    const target = roundAt(ROW, 'DESC');
    const local = await page.evaluate((iso) => {
      const date = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    }, target.finalized_at);
    await page.getByTestId('history-jump-input').fill(local);
    await page.getByTestId('history-jump').click();
    const selected = page.locator('[data-testid="history-row"][aria-selected="true"]');
    await expect.poll(() => selected.getAttribute('data-round-id'), { timeout: 20_000 }).toBe(target.round_id);
    // Live rounds may have arrived since: the table keeps the round in place and counts them.
    expect(Number(await selected.getAttribute('data-offset'))).toBeGreaterThanOrEqual(ROW);

    await selected.click();
    const detail = page.getByTestId('round-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('role')).toBe('dialog');
    expect(await detail.getAttribute('aria-modal')).toBe('true');
    expect(page.url()).toContain(`#/history/stake-crash/${target.round_id}`);
    const field = (path: string) => detail.locator(`[data-path="${path}"] dd`).textContent();
    await expect.poll(() => field('round_index')).toBe(target.round_index);
    expect(await field('round_id')).toBe(target.round_id);
    expect(await field('multiplier')).toBe(target.multiplier);
    expect(await detail.getByTestId('round-detail-raw').textContent()).toContain(`"round_index": ${target.round_index}`);
    await page.screenshot({ path: `${SCREENS}/history-detail-dark.png` });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(page.url()).not.toContain(target.round_id);
    expect(page.url()).toContain('#/history/stake-crash');

    // The light theme, and the detail opened from the keyboard.
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'light';
    });
    await page.getByTestId('history-table').locator('[role="grid"]').focus();
    await page.screenshot({ path: `${SCREENS}/history-light.png` });
    await page.keyboard.press('Enter');
    await detail.waitFor();
    await expect.poll(() => field('round_id')).not.toBeNull();
    await page.screenshot({ path: `${SCREENS}/history-detail-light.png` });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  }, 150_000);
});
