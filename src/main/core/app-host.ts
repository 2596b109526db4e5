import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestInput, RequestName, RequestOutput, RoundlogService, Status } from '../../shared/contract';
import type { Alert } from '../../shared/alerts';
import type { RoundView } from '../../shared/round';
import { settingsSchema, type Settings, type SettingsPatch, type SettingsView } from '../../shared/settings';
import { startRoundlog, type ComposeOptions, type RoundlogCore } from './compose';
import { ConfigError, type RoundlogConfig } from './config';
import { Emitter } from './emitter';
import type { HostMethod } from './service';
import type { SecretStore } from './settings/secret-store';
import { overriddenFields, runConfig, type RunOverrides } from './settings/run-config';
import { SettingsFile } from './settings/settings-file';
import { createTransferService } from './transfer/transfer-service';
import { UserFacingError } from './user-facing-error';

// The app above its core: the Electron main process and `roundlog serve` hold one host for their
// lifetime. It keeps the user's settings and key, composes a core from them, and answers the
// contract through whichever core is running, so a settings change that moves the upstream, the
// games, the tier or the depth restarts recording without any window noticing more than a status.

export interface HostOptions {
  readonly dataDir: string;
  /** The run's flags and environment: each given value wins over the settings file. */
  readonly overrides?: RunOverrides;
  readonly secrets: SecretStore;
  /** How a core is started (the CLI retries a history on a full disk); default startRoundlog. */
  readonly compose?: (config: RoundlogConfig) => Promise<RoundlogCore>;
  readonly composeOptions?: ComposeOptions;
  /** The built `export-worker.js`: the app's exports then run off the main thread (else inline). */
  readonly exportWorker?: URL;
  readonly log?: (message: string) => void;
}

export interface RoundlogHost {
  readonly service: RoundlogService;
  /** The core running now (replaced on a restart). */
  readonly core: RoundlogCore;
  close(): Promise<void>;
}

/** Settings whose change composes a new core; the rest (theme, house edges…) apply at once. */
const RESTARTING: readonly (keyof Settings)[] = ['environment', 'baseUrl', 'tier', 'games', 'historyDepth'];

/** The running configuration without what applies in place (paused games). */
const restartKey = (config: RoundlogConfig): string => JSON.stringify({ ...config, paused: undefined });

export async function startHost(options: HostOptions): Promise<RoundlogHost> {
  const log = options.log ?? ((message: string) => console.warn(`roundlog: ${message}`));
  const overrides = options.overrides ?? {};
  const compose = options.compose ?? ((config: RoundlogConfig) => startRoundlog(config, options.composeOptions ?? {}));
  const file = new SettingsFile(join(options.dataDir, 'settings.json'), log);
  let settings = file.read();
  let storedKey = await options.secrets.read();
  let config = configOrDemo();
  let core = await compose(config);

  const rounds = new Emitter<RoundView[]>();
  const status = new Emitter<Status>();
  const settingsPushed = new Emitter<SettingsView>();
  // Alerts are the running core's; subscribers stay attached across a restart of the core.
  const alerts = new Emitter<Alert>();
  let detach = attach(core);
  /** Set while one core is replaced by the next; requests wait for it. */
  let switching: Promise<void> | null = null;
  let updates: Promise<unknown> = Promise.resolve();
  let closed = false;

  function attach(running: RoundlogCore): () => void {
    const offRounds = running.service.onRounds((batch) => rounds.emit(batch));
    const offStatus = running.service.onStatus((next) => status.emit(next));
    const offAlert = running.service.onAlert((alert) => alerts.emit(alert));
    return () => {
      offRounds();
      offStatus();
      offAlert();
    };
  }

  /** The settings' configuration; one that cannot start (a key lost from the keychain) runs the demo, said in the log. */
  function configOrDemo(): RoundlogConfig {
    try {
      if (settings.environment !== 'sandbox' && storedKey === null && overrides.apiKey === undefined) {
        log('no API key is stored for the chosen environment; recording the demo sandbox until one is saved');
        return runConfig(options.dataDir, { ...settings, environment: 'sandbox' }, null, overrides);
      }
      return runConfig(options.dataDir, settings, storedKey, overrides);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      log(`settings cannot run (${error.message}); recording the demo sandbox`);
      return runConfig(options.dataDir, { ...settings, environment: 'sandbox' }, null, overrides);
    }
  }

  /** The core to answer a request: after any settings change asked before it, never a closed one. */
  async function running(): Promise<RoundlogCore> {
    await updates;
    while (switching !== null) await switching;
    if (closed) throw new UserFacingError('closing', 'Roundlog is closing.');
    return core;
  }

  function view(): SettingsView {
    const key = overrides.apiKey ?? storedKey;
    return {
      settings,
      apiKey: {
        stored: key !== null && key !== undefined,
        hint: key === null || key === undefined ? null : `…${key.slice(-4)}`,
        source: overrides.apiKey !== undefined ? 'environment' : storedKey !== null ? 'settings' : null,
        // Always the store's, key or not: Settings warns about a weak store before a key is typed.
        protection:
          overrides.apiKey !== undefined
            ? { kind: 'environment', text: 'Given on the command line or in TRACKERSINO_API_KEY for this run; Roundlog does not store it.' }
            : options.secrets.protection,
      },
      overridden: overriddenFields(overrides),
      running: { mode: core.mode, baseUrl: core.mode === 'sandbox' ? `embedded sandbox (${core.sandbox?.url ?? ''})` : (core.config.upstream?.baseUrl ?? '') },
      data: { folder: options.dataDir, bytes: folderBytes(options.dataDir), historyFile: core.databaseFile },
    };
  }

  async function update(patch: SettingsPatch): Promise<SettingsView> {
    const { apiKey, ...fields } = patch;
    const next = settingsSchema.parse({ ...settings, ...fields });
    if (next.environment === 'custom' && next.baseUrl === null) {
      throw new UserFacingError('base_url_required', 'A custom environment needs its base URL, e.g. https://trackersino.example.com.');
    }
    const nextKey = apiKey === undefined ? storedKey : apiKey;
    if (next.environment !== 'sandbox' && nextKey === null && overrides.apiKey === undefined) {
      throw new UserFacingError('api_key_required', 'Save your TrackerSino API key before switching away from the demo sandbox.');
    }
    let nextConfig: RoundlogConfig;
    try {
      nextConfig = runConfig(options.dataDir, next, nextKey, overrides);
    } catch (error) {
      if (error instanceof ConfigError) throw new UserFacingError('invalid_settings', error.message);
      throw error;
    }
    const previous = { settings, storedKey, config };
    if (apiKey !== undefined) await options.secrets.write(apiKey);
    try {
      file.write(next);
    } catch (error) {
      if (apiKey !== undefined) await options.secrets.write(previous.storedKey);
      throw error;
    }
    settings = next;
    storedKey = nextKey;
    const restart = RESTARTING.some((field) => JSON.stringify(previous.settings[field]) !== JSON.stringify(next[field])) || restartKey(nextConfig) !== restartKey(config);
    if (restart) await replaceCore(nextConfig, previous);
    else {
      config = nextConfig;
      for (const game of core.config.games) core.recorder.setPaused(game, next.paused.includes(game));
    }
    const pushed = view();
    settingsPushed.emit(pushed);
    return pushed;
  }

  /** Closes the running core and starts one on `next`; if that fails, the previous comes back. */
  async function replaceCore(next: RoundlogConfig, previous: { settings: Settings; storedKey: string | null; config: RoundlogConfig }): Promise<void> {
    let done!: () => void;
    switching = new Promise((resolve) => (done = resolve));
    try {
      detach();
      await core.close();
      try {
        core = await compose(next);
        config = next;
      } catch (error) {
        log(`recording could not restart with the new settings: ${(error as Error).message}`);
        core = await compose(previous.config);
        settings = previous.settings;
        storedKey = previous.storedKey;
        file.write(settings);
        throw error instanceof UserFacingError ? error : new UserFacingError('restart_failed', `The new settings could not start recording (${(error as Error).message}); the previous settings are back.`);
      }
    } finally {
      detach = attach(core);
      switching = null;
      done();
    }
    status.emit(await core.service.getStatus({}));
  }

  /** A core request, answered by the core running when it arrives. */
  const forward =
    <K extends Exclude<RequestName, HostMethod>>(name: K) =>
    async (input: RequestInput<K>): Promise<RequestOutput<K>> => {
      const requests: CoreRequests = (await running()).service;
      return requests[name](input);
    };
  // Exports go through the running core's history file, with whatever it has received committed first.
  const transfer = createTransferService({
    dataDir: options.dataDir,
    historyFile: async () => {
      const current = await running();
      await current.flush();
      return current.databaseFile;
    },
    ...(options.composeOptions?.nativeBinding ? { nativeBinding: options.composeOptions.nativeBinding } : {}),
    ...(options.exportWorker ? { exportWorker: options.exportWorker } : {}),
    log,
  });
  const service: RoundlogService = {
    getStatus: forward('getStatus'),
    getRecentRounds: forward('getRecentRounds'),
    // Remembered in settings, so a paused game stays paused after a restart.
    setGamePaused: async ({ game, paused }) => {
      const others = settings.paused.filter((slug) => slug !== game);
      await service.updateSettings({ paused: paused ? [...others, game] : others });
      return null;
    },
    getStatsSummary: forward('getStatsSummary'),
    getGameStats: forward('getGameStats'),
    getExactStats: forward('getExactStats'),
    cancelExactStats: forward('cancelExactStats'),
    countRounds: forward('countRounds'),
    getChartSeries: forward('getChartSeries'),
    getHistoryPage: forward('getHistoryPage'),
    locateInHistory: forward('locateInHistory'),
    getRoundDetail: forward('getRoundDetail'),
    compactHistory: forward('compactHistory'),
    getSettings: async () => view(),
    // One change at a time, in the order they were asked.
    updateSettings: (patch) => {
      const result = updates.then(() => update(patch));
      updates = result.catch(() => undefined);
      return result;
    },
    onRounds: (listener) => rounds.on(listener),
    onStatus: (listener) => status.on(listener),
    onSettings: (listener) => settingsPushed.on(listener),
    listAlertRules: forward('listAlertRules'),
    saveAlertRule: forward('saveAlertRule'),
    deleteAlertRule: forward('deleteAlertRule'),
    getAlertFeed: forward('getAlertFeed'),
    markAlertsRead: forward('markAlertsRead'),
    onAlert: (listener) => alerts.on(listener),
    startExport: transfer.startExport,
    cancelExport: transfer.cancelExport,
    onExportProgress: transfer.onExportProgress,
  };

  return {
    service,
    get core() {
      return core;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await transfer.dispose();
      await updates;
      while (switching !== null) await switching;
      detach();
      await core.close();
    },
  };
}

type CoreRequests = { [K in Exclude<RequestName, HostMethod>]: (input: RequestInput<K>) => Promise<RequestOutput<K>> };

/** Bytes of the data folder's files (histories, WAL, settings), one level of folders deep. */
function folderBytes(folder: string): number {
  let bytes = 0;
  try {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isFile()) bytes += statSync(join(folder, entry.name)).size;
    }
  } catch {
    // A folder not yet created holds nothing.
  }
  return bytes;
}
