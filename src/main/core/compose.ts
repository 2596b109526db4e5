import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoundlogService } from '../../shared/contract';
import { findGame } from '../../shared/games';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sim/server';
import type { RoundlogConfig } from './config';
import { createService } from './service';
import { openDatabase } from './store/database';
import { RoundStore } from './store/round-store';
import { RoundWriter } from './store/round-writer';
import { resolveEndpoints } from './sources/trackersino/endpoints';
import { inlinePageParser, workerPageParser } from './sources/trackersino/page-parser';
import { TrackerSinoRest } from './sources/trackersino/rest-client';
import { RoundStream } from './sources/trackersino/round-stream';
import { Recorder } from './sync/recorder';

export interface RoundlogCore {
  readonly service: RoundlogService;
  readonly config: RoundlogConfig;
  readonly mode: 'sandbox' | 'live';
  /** The embedded sandbox, when no key was given. */
  readonly sandbox: Sandbox | null;
  readonly databaseFile: string;
  readonly recorder: Recorder;
  /** Resolves once every round received so far is committed. */
  flush(): Promise<void>;
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
}

/** The one composition root: the Electron main process, every CLI command and the tests call it. */
export async function startRoundlog(config: RoundlogConfig, options: ComposeOptions = {}): Promise<RoundlogCore> {
  let sandbox: Sandbox | null = null;
  let upstream = config.upstream;
  let databaseFile = join(config.dataDir, 'history.sqlite');
  if (!upstream) {
    const universe = demoUniverse(config.dataDir);
    sandbox = await startSandbox({ seed: universe.seed, epochMs: universe.epochMs, games: config.games, ...options.sandbox });
    upstream = { baseUrl: sandbox.url, apiKey: sandbox.key };
    // Demo rounds never mix with a real history.
    databaseFile = join(config.dataDir, `demo-${universe.seed}.sqlite`);
  }

  const db = openDatabase(databaseFile, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const store = new RoundStore(db, (slug) => findGame(slug)?.kind ?? 'unknown');
  const writer = new RoundWriter(store);
  const endpoints = resolveEndpoints(upstream.baseUrl);
  const stream = new RoundStream({
    url: endpoints.streamUrl(config.games),
    apiKey: upstream.apiKey,
    pingIntervalMs: options.sandbox?.pingIntervalMs ?? config.pingIntervalMs,
  });
  const pages = options.pageParseWorker ? workerPageParser(options.pageParseWorker, options.log) : inlinePageParser;
  const recorder = new Recorder({
    games: config.games,
    rest: new TrackerSinoRest(endpoints, upstream.apiKey, pages),
    stream,
    store,
    writer,
    historyDepthMs: config.historyDepthMs,
    ...(options.log ? { log: options.log } : {}),
  });
  const service = createService({
    games: config.games,
    mode: sandbox ? 'sandbox' : 'live',
    baseUrl: upstream.baseUrl,
    store,
    writer,
    recorder,
  });
  recorder.start();

  let closed = false;
  return {
    service,
    config,
    mode: sandbox ? 'sandbox' : 'live',
    sandbox,
    databaseFile,
    recorder,
    flush: () => writer.idle(),
    close: async () => {
      if (closed) return;
      closed = true;
      recorder.stop();
      writer.flush();
      service.dispose();
      db.close();
      await pages.close();
      await sandbox?.close();
    },
  };
}

const DEMO_UNIVERSE_MAX_AGE_MS = 7 * 86_400_000;

/**
 * The embedded sandbox's seed and epoch persist in the data folder, so a restarted app sees the
 * same simulated casino (and resumes its history) instead of a new one each launch.
 */
function demoUniverse(dataDir: string): { seed: string; epochMs: number } {
  const file = join(dataDir, 'sandbox.json');
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { seed?: unknown; epochMs?: unknown };
    if (typeof saved.seed === 'string' && /^[0-9a-f]{16}$/.test(saved.seed) && typeof saved.epochMs === 'number' && Date.now() - saved.epochMs < DEMO_UNIVERSE_MAX_AGE_MS) {
      return { seed: saved.seed, epochMs: saved.epochMs };
    }
  } catch {
    // First run, or an unreadable file: start a new universe.
  }
  const universe = { seed: randomBytes(8).toString('hex'), epochMs: Date.now() - 6 * 3_600_000 };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'sandbox.json'), JSON.stringify(universe));
  return universe;
}
