import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { startHost, type RoundlogHost } from '../../src/main/core/app-host';
import type { RoundlogCore } from '../../src/main/core/compose';
import { fileSecretStore, type SecretStore } from '../../src/main/core/settings/secret-store';
import type { SandboxOptions } from '../../src/sim/server';
import { startServe, type ServeHandle } from '../../src/main/serve/serve-server';
import { demoHistoryFile } from '../../src/main/core/history-file';
import { openDatabase } from '../../src/main/core/store/database';
import { writeRounds } from './synthetic-history';
import { stakeCrash } from '../../src/sim/games/stake-crash';
import { useTempDir } from './temp-dir';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface ServedApp {
  host: RoundlogHost;
  /** The core running now (a settings change replaces it). */
  readonly core: RoundlogCore;
  serve: ServeHandle;
  token: string;
  origin: string;
  dataDir: string;
  /** Stops the app and starts it again on the same data folder, as quitting and reopening does. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface ServedAppOptions {
  /** Settings written to a fresh data folder before the first start (default: the two default games, 1 h of history, first run done). */
  readonly settings?: Partial<Settings>;
  /** Start on this folder instead of a new temporary one (kept after close). */
  readonly dataDir?: string;
  readonly sandbox?: SandboxOptions;
  /** Receives what serve logs (refusals); default: nothing. */
  readonly serveLog?: (message: string) => void;
  /**
   * A demo history that already holds `count` synthetic Stake Crash rounds just before the
   * sandbox's own (seeded `seed`), for screens over a long history.
   */
  readonly syntheticHistory?: { readonly seed: string; readonly count: number };
  /** Where the key is kept (default: the CLI's 0600 file), e.g. to show a weaker store's warning. */
  readonly secrets?: (dataDir: string) => SecretStore;
}

/** Stake Crash's round 0 in the sandbox: synthetic rounds end just below it. */
const SANDBOX_FIRST_INDEX = stakeCrash.info.indexBase;

/** `roundlog serve` as the CLI runs it: the host over the embedded sandbox (sped up), a real history file, loopback. */
export async function startServedApp(options: ServedAppOptions = {}): Promise<ServedApp> {
  const temp = options.dataDir === undefined ? useTempDir() : null;
  const dataDir = options.dataDir ?? temp!.path;
  const settingsFile = join(dataDir, 'settings.json');
  if (!existsSync(settingsFile)) {
    mkdirSync(dataDir, { recursive: true });
    const settings: Settings = { ...DEFAULT_SETTINGS, historyDepth: '1h', firstRunDone: true, ...options.settings };
    writeFileSync(settingsFile, JSON.stringify(settings));
  }
  const sandbox: SandboxOptions = { speed: 40, epochMs: Date.now() - 5 * 60_000, ...options.sandbox };
  if (options.syntheticHistory !== undefined) {
    const { seed, count } = options.syntheticHistory;
    // The sandbox reads its seed and epoch from the data folder, so the demo history is this file.
    writeFileSync(join(dataDir, 'sandbox.json'), JSON.stringify({ seed, epochMs: sandbox.epochMs }));
    const db = openDatabase(demoHistoryFile(dataDir, seed));
    writeRounds(db, { count, endUs: (sandbox.epochMs! - 60_000) * 1000, firstIndex: SANDBOX_FIRST_INDEX - BigInt(count) });
    db.close();
  }
  const start = async (): Promise<{ host: RoundlogHost; serve: ServeHandle }> => {
    const secrets = options.secrets?.(dataDir) ?? fileSecretStore(join(dataDir, 'api-key'));
    const host = await startHost({ dataDir, secrets, composeOptions: { sandbox }, log: () => {} });
    const serve = await startServe({ service: host.service, rendererDir: RENDERER_DIR, log: options.serveLog ?? (() => {}) });
    return { host, serve };
  };
  let running = await start();
  const app: ServedApp = {
    get host() {
      return running.host;
    },
    get core() {
      return running.host.core;
    },
    get serve() {
      return running.serve;
    },
    get token() {
      return new URL(running.serve.url).hash.replace('#token=', '');
    },
    get origin() {
      return new URL(running.serve.url).origin;
    },
    dataDir,
    restart: async () => {
      await running.serve.close();
      await running.host.close();
      running = await start();
    },
    close: async () => {
      await running.serve.close();
      await running.host.close();
      temp?.remove();
    },
  };
  return app;
}
