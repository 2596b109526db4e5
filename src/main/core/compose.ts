import { catalogKind, isCrashLike } from '../../shared/games';
import { demoHistoryFile, liveHistoryFile } from './history-file';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sim/server';
import type { RoundlogConfig } from './config';
import { demoUniverse } from './demo-universe';
import { createService, type CoreService } from './service';
import { AlertCenter } from './alerts/alert-center';
import { ChartSeriesReader } from './browse/chart-series';
import { HistoryBrowser } from './browse/history-browser';
import { historyBytes } from './history-file';
import { openDatabase } from './store/database';
import { History } from './store/history';
import { RoundWriter } from './store/round-writer';
import { resolveEndpoints } from './sources/trackersino/endpoints';
import { inlinePageParser, workerPageParser } from './sources/trackersino/page-parser';
import { TrackerSinoRest } from './sources/trackersino/rest-client';
import { RoundStream } from './sources/trackersino/round-stream';
import { BetWatch, type BetWatchOptions } from './sync/bet-watch';
import { Recorder, type RecorderOptions } from './sync/recorder';
import { ExactStatsRunner } from './stats/exact/exact-stats-runner';
import { resolveWindow, StatsEngine, UnknownGameError } from './stats/stats-engine';

export interface RoundlogCore {
  readonly service: CoreService;
  readonly config: RoundlogConfig;
  readonly mode: 'sandbox' | 'live';
  /** The embedded sandbox, when no key was given. */
  readonly sandbox: Sandbox | null;
  readonly databaseFile: string;
  readonly recorder: Recorder;
  /** Records the crash games' bet snapshots. */
  readonly betWatch: BetWatch;
  /** Tries to commit everything received so far; resolves with how many rounds are still waiting. */
  flush(): Promise<number>;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** better-sqlite3 binary built for Electron's ABI; the default is the Node build. */
  readonly nativeBinding?: string;
  /** Overrides for the embedded sandbox (tests shorten its cadence and pings). */
  readonly sandbox?: SandboxOptions;
  readonly log?: (message: string) => void;
  /**
   * The built `page-parse-worker.js`: backfill pages are then parsed on a worker thread while the
   * main thread stores. Entry points pass it; without it pages are parsed inline.
   */
  readonly pageParseWorker?: URL;
  /** The built `exact-stats-worker.js`: exact statistics then run off the main thread (else inline). */
  readonly exactStatsWorker?: URL;
  /** Recorder tuning; tests shrink pages to exercise paging and drop the overlap to expose gaps. */
  readonly recorder?: Pick<RecorderOptions, 'pageSize' | 'overlapMs' | 'restLagMs' | 'clockWatch'>;
  /** Bet snapshot pacing; tests ask more often. */
  readonly betWatch?: Pick<BetWatchOptions, 'everyMs' | 'idleEveryMs' | 'limit'>;
  /** The alerts' policy clock (cooldowns, quiet hours), ms; tests move it instead of sleeping. */
  readonly alertClock?: () => number;
}

/** The one composition root: the Electron main process, every CLI command and the tests call it. */
export async function startRoundlog(config: RoundlogConfig, options: ComposeOptions = {}): Promise<RoundlogCore> {
  let sandbox: Sandbox | null = null;
  let upstream = config.upstream;
  let databaseFile = liveHistoryFile(config.dataDir);
  if (!upstream) {
    const universe = demoUniverse(config.dataDir);
    sandbox = await startSandbox({ seed: universe.seed, epochMs: universe.epochMs, games: config.games, ...options.sandbox });
    upstream = { baseUrl: sandbox.url, apiKey: sandbox.key };
    // Demo rounds never mix with a real history.
    databaseFile = demoHistoryFile(config.dataDir, universe.seed);
  }

  const db = openDatabase(databaseFile, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const history = new History(db, catalogKind);
  const writer = new RoundWriter(history);
  const endpoints = resolveEndpoints(upstream.baseUrl);
  const stream = new RoundStream({
    url: endpoints.streamUrl(config.games),
    apiKey: upstream.apiKey,
    pingIntervalMs: options.sandbox?.pingIntervalMs ?? config.pingIntervalMs,
  });
  const pages = options.pageParseWorker ? workerPageParser(options.pageParseWorker, options.log) : inlinePageParser;
  const rest = new TrackerSinoRest(endpoints, upstream.apiKey, pages);
  const recorder = new Recorder({
    ...options.recorder,
    games: config.games,
    rest,
    stream,
    history,
    writer,
    historyDepthMs: config.historyDepthMs,
    tier: config.tier,
    ...(config.paused ? { paused: config.paused } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const betWatch = new BetWatch({
    ...options.betWatch,
    games: config.games.filter((slug) => isCrashLike(catalogKind(slug))),
    rest,
    budget: recorder.budget,
    history,
    isPaused: (slug) => recorder.game(slug)?.isPaused ?? false,
    ...(options.log ? { log: options.log } : {}),
  });
  // Alerts join the history's commits before the recorder starts, so no committed round is missed.
  const alerts = new AlertCenter({
    db,
    history,
    ...(options.alertClock ? { clock: options.alertClock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  alerts.listen();
  const stats = new StatsEngine(db, history);
  const exact = new ExactStatsRunner(options.exactStatsWorker ?? null, db);
  const service = createService({
    mode: sandbox ? 'sandbox' : 'live',
    baseUrl: upstream.baseUrl,
    history,
    writer,
    recorder,
    betWatch,
    historyDepthMs: config.historyDepthMs,
    stats,
    exactStats: (name, request) => {
      const game = history.statsGame(request.game);
      if (game === undefined) throw new UnknownGameError(request.game);
      const window = resolveWindow(request.window, Date.now() * 1000);
      return exact
        .run(name, {
          file: databaseFile,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          game,
          fromUs: window.fromUs,
          toUs: window.toUs,
        })
        .then(({ rounds, ...figures }) => ({ game: game.slug, window: { ...window.info, rounds }, ...figures }));
    },
    cancelExactStats: (name) => exact.cancel(name),
    browser: new HistoryBrowser(db, history),
    chart: new ChartSeriesReader(db, history),
    compact: async () => {
      const bytesBefore = historyBytes(databaseFile);
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
      return { bytesBefore, bytesAfter: historyBytes(databaseFile) };
    },
    alerts,
  });
  recorder.start();
  betWatch.start();

  let closed = false;
  return {
    service,
    config,
    mode: sandbox ? 'sandbox' : 'live',
    sandbox,
    databaseFile,
    recorder,
    betWatch,
    flush: async () => {
      writer.flush();
      await writer.idle();
      return writer.backlog;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      recorder.stop();
      betWatch.stop();
      rest.close();
      writer.flush();
      writer.dispose();
      alerts.dispose();
      service.dispose();
      exact.dispose();
      db.close();
      await pages.close();
      await sandbox?.close();
    },
  };
}
