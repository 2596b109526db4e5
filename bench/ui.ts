import { closeSync, cpSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startHost, type RoundlogHost } from '../src/main/core/app-host';
import { demoUniverse } from '../src/main/core/demo-universe';
import { demoHistoryFile } from '../src/main/core/history-file';
import { fileSecretStore } from '../src/main/core/settings/secret-store';
import { openDatabase } from '../src/main/core/store/database';
import { History } from '../src/main/core/store/history';
import { startServe, type ServeHandle } from '../src/main/serve/serve-server';
import { catalogKind } from '../src/shared/games';
import type { SandboxOptions } from '../src/sim/server';
import { DEFAULT_SETTINGS, type Settings } from '../src/shared/settings';
import { writeRounds } from '../test/support/synthetic-history';
import { percentile, type Figure } from './report';

// The renderer's targets in real Chromium against `roundlog serve`: the first paint of a game
// dashboard over a million local rounds, the cost of each live update of a 10,000-point chart,
// and the longest task the page runs while rounds stream in at 50 a second. Both pages are a
// 1440×900 window, so the chart is as wide as its panel there (~1,360 px).

const RENDERER_DIR = fileURLToPath(new URL('../renderer', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GAME = 'stake-crash';
const HISTORY_ROUNDS = 1_000_000;
const FIRST_PAINT_RUNS = 5;
/** Stake's crash sped up 1,200×: ~50 rounds a second (750× gave 32 a second). */
const STREAM_SPEED = 1200;
/** Long enough for ~30 updates that shift the plot (about one a second), so their p95 is not just their maximum. */
const STREAM_SECONDS = 40;
/** The stream began this long ago: ~12,000 rounds at 50 a second, in the dashboard's 30-minute live view. */
const STREAM_HISTORY_MS = 4 * 60_000;
const VIEWPORT = { width: 1440, height: 900 };

interface Served {
  readonly host: RoundlogHost;
  readonly serve: ServeHandle;
}

/** A data folder whose demo history already holds a million rounds of Stake's crash, rolled up. */
function prepareFolder(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const settings: Settings = { ...DEFAULT_SETTINGS, games: [GAME], historyDepth: '1h', firstRunDone: true };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  const universe = demoUniverse(dir);
  const file = demoHistoryFile(dir, universe.seed);
  if (existsSync(file)) return;
  const db = openDatabase(file);
  writeRounds(db, { game: GAME, count: HISTORY_ROUNDS, endUs: (universe.epochMs - 60_000) * 1000, firstIndex: 7_393_228_772_258_146_753n, rebuildRollups: true });
  new History(db, catalogKind); // rolls the written rounds up once, as opening an old history does
  db.close();
}

/** Copies a data folder and waits for the copy to reach the disk, so writing it back does not slow what is measured next. */
function copyToDisk(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  for (const name of readdirSync(to)) {
    const fd = openSync(join(to, name), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

async function serveFolder(dir: string, sandbox: SandboxOptions): Promise<Served> {
  const host = await startHost({
    dataDir: dir,
    secrets: fileSecretStore(join(dir, 'api-key')),
    exportWorker: new URL('./export-worker.js', import.meta.url),
    composeOptions: {
      sandbox,
      pageParseWorker: new URL('./page-parse-worker.js', import.meta.url),
      exactStatsWorker: new URL('./exact-stats-worker.js', import.meta.url),
    },
    log: () => {},
  });
  const serve = await startServe({ service: host.service, rendererDir: RENDERER_DIR, log: () => {} });
  return { host, serve };
}

// Scripts run in the page. Strings, so this Node module needs no DOM types: the bench is built
// into the same bundle as the Node entries. Playwright polls a string predicate through `eval`, which
// the app's CSP forbids, so the bench's pages bypass the CSP; nothing else about them changes.

/** The dashboard has painted when its chart has a canvas and every panel names its round count. */
const DASHBOARD_PAINTED = `(() => {
  const dashboard = document.querySelector('[data-testid="game-dashboard"][data-game="${GAME}"]');
  if (dashboard === null || dashboard.querySelector('[data-testid="live-chart"] canvas') === null) return false;
  const counts = [...dashboard.querySelectorAll('[data-testid="panel-rounds"]')];
  return counts.length > 0 && counts.every((count) => /[1-9]/.test(count.textContent ?? ''));
})()`;

/** Records every long task (> 50 ms) from now on, and forgets earlier chart-update measures. */
const WATCH_LONG_TASKS = `(() => {
  window.roundlogLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.roundlogLongTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  performance.clearMeasures('roundlog:chart-update');
})()`;

/** Points the chart draws now: those whose disc shows on the plot (the points layer counts them). */
const CHART_POINTS_SHOWN = `Number(document.querySelector('[data-testid="chart-points"]')?.getAttribute('data-points') ?? 0)`;

/**
 * What the page saw while rounds streamed: long tasks, each chart update's cost and how it was
 * drawn (new points alone, the plot shifted by whole pixels, or all drawn again), the chart's points.
 */
const STREAMING_FIGURES = `(() => ({
  longTasks: window.roundlogLongTasks,
  updates: performance.getEntriesByName('roundlog:chart-update').map((entry) => ({ ms: entry.duration, drawing: entry.detail?.drawing ?? 'unknown' })),
  points: ${CHART_POINTS_SHOWN},
}))()`;

const OPEN_DASHBOARD = `window.location.hash = '#/game/${GAME}'`;

/** The chart the live updates are measured on draws at least this many points, fetched and settled. */
const CHART_POINTS = 10_000;
const CHART_FILLED = `(() => {
  const chart = document.querySelector('[data-testid="live-chart"]');
  return chart !== null && chart.getAttribute('data-loading') === 'false' && ${CHART_POINTS_SHOWN} >= ${CHART_POINTS};
})()`;

async function waitForDashboard(page: Page): Promise<void> {
  try {
    await page.waitForFunction(DASHBOARD_PAINTED, undefined, { polling: 'raf', timeout: 30_000 });
  } catch (error) {
    // Say what the page showed instead: which panels had no round count yet.
    const chart = await page.evaluate(`[document.querySelector('[data-testid="live-chart"]')?.outerHTML.slice(0, 300)]`);
    console.error('bench ui: chart element', chart);
    const counts = await page.evaluate(`[...document.querySelectorAll('[data-testid="panel"]')].map((panel) => panel.getAttribute('data-panel') + ': ' + (panel.querySelector('[data-testid="panel-rounds"]')?.textContent ?? 'no count'))`);
    await page.screenshot({ path: 'test-results/bench-ui-timeout.png' });
    throw new Error(`bench ui: the dashboard did not paint in 30 s (panels: ${JSON.stringify(counts)}; screenshot test-results/bench-ui-timeout.png)`, { cause: error });
  }
}

/** Waits until the game streams live, its backfill done, so the stream is the only traffic measured. */
async function waitForLive(host: RoundlogHost): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const game = (await host.service.getStatus({})).games.find((entry) => entry.game === GAME);
    if (game?.state === 'live' && game.backfill === null) return;
    if (Date.now() > deadline) throw new Error(`bench ui: ${GAME} was not live with its backfill done in 120 s (state ${game?.state ?? 'unknown'})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function uiFigures(dir: string): Promise<{ figures: Figure[]; context: Record<string, number> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`bench ui: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const folder = join(dir, 'ui');
  prepareFolder(folder);
  // The stream runs on a copy made before the first paints store their hour of rounds at the
  // real cadence: there the sandbox, sped up, begins STREAM_HISTORY_MS ago, so the live view
  // holds the rounds of a stream at 50 a second (their times whole seconds, as the API gives them).
  const streamFolder = join(dir, 'ui-stream');
  copyToDisk(folder, streamFolder);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    // First paint, cold each time: a new page loads the app straight onto the dashboard.
    const quiet = await serveFolder(folder, { speed: 1 });
    const paints: number[] = [];
    for (let run = 0; run < FIRST_PAINT_RUNS; run++) {
      const page = await browser.newPage({ viewport: VIEWPORT, bypassCSP: true });
      // The token is taken from the first address into this tab's session; the reload then opens
      // the app straight onto the dashboard, as reopening it does.
      page.on('console', (message) => message.type() === 'error' && console.error(`bench ui: page says ${message.text()}`));
      await page.goto(quiet.serve.url);
      await page.evaluate(OPEN_DASHBOARD);
      const started = performance.now();
      await page.reload();
      await waitForDashboard(page);
      paints.push(performance.now() - started);
      await page.close();
    }
    await quiet.serve.close();
    await quiet.host.close();

    // Streaming: rounds at ~50/s while the dashboard follows them live.
    const fast = await serveFolder(streamFolder, { speed: STREAM_SPEED, epochMs: Date.now() - STREAM_HISTORY_MS });
    await waitForLive(fast.host);
    const page = await browser.newPage({ viewport: VIEWPORT, bypassCSP: true });
    await page.goto(fast.serve.url);
    await page.evaluate(OPEN_DASHBOARD);
    await waitForDashboard(page);
    // The dashboard's own view: following live over the last 30 minutes, every round a point.
    await page.waitForFunction(CHART_FILLED, undefined, { polling: 100, timeout: 30_000 }).catch(() => undefined);
    const shownAtStart = (await page.evaluate(CHART_POINTS_SHOWN)) as number;
    let streamed = 0;
    const off = fast.host.service.onRounds((rounds) => (streamed += rounds.length));
    await page.evaluate(WATCH_LONG_TASKS);
    await new Promise((resolve) => setTimeout(resolve, STREAM_SECONDS * 1000));
    off();
    const measured = (await page.evaluate(STREAMING_FIGURES)) as { longTasks: number[]; updates: { ms: number; drawing: string }[]; points: number };
    await page.close();
    await fast.serve.close();
    await fast.host.close();

    const paint = percentile(paints, 0.5);
    const longest = Math.max(0, ...measured.longTasks);
    const costs = measured.updates.map((update) => update.ms);
    const updateP95 = percentile(costs, 0.95);
    // Updates that moved the plot: each one when rounds are seconds apart rather than 50 a second.
    const moved = measured.updates.filter((update) => update.drawing === 'shifted').map((update) => update.ms);
    const counted = (drawing: string): number => measured.updates.filter((update) => update.drawing === drawing).length;
    const rich = Math.min(shownAtStart, measured.points) >= CHART_POINTS;
    return {
      figures: [
        { name: 'ui_dashboard_first_paint_1m_p50_ms', value: paint, unit: 'ms', target: '<= 1000', ok: paint <= 1000 },
        { name: 'ui_dashboard_first_paint_1m_max_ms', value: Math.max(...paints), unit: 'ms', target: 'reference', ok: true },
        { name: 'ui_chart_update_p50_ms', value: percentile(costs, 0.5), unit: 'ms', target: 'reference', ok: true },
        { name: 'ui_chart_update_p95_ms', value: updateP95, unit: 'ms', target: '<= 4', ok: updateP95 <= 4 && rich },
        { name: 'ui_chart_update_shifted_p50_ms', value: percentile(moved, 0.5), unit: 'ms', target: 'reference', ok: true },
        { name: 'ui_chart_update_shifted_p95_ms', value: percentile(moved, 0.95), unit: 'ms', target: 'reference', ok: true },
        { name: 'ui_chart_update_max_ms', value: Math.max(0, ...costs), unit: 'ms', target: 'reference', ok: true },
        { name: 'ui_longest_task_streaming_ms', value: longest, unit: 'ms', target: '<= 50', ok: longest <= 50 },
      ],
      context: {
        ui_history_rounds: HISTORY_ROUNDS,
        ui_stream_rounds_per_s: Math.round(streamed / STREAM_SECONDS),
        ui_chart_points_start: shownAtStart,
        ui_chart_points_end: measured.points,
        ui_chart_updates: measured.updates.length,
        ui_chart_updates_appended: counted('appended'),
        ui_chart_updates_shifted: counted('shifted'),
        ui_chart_updates_redrawn: counted('redrawn'),
        ui_long_tasks: measured.longTasks.length,
      },
    };
  } finally {
    await browser.close();
  }
}
