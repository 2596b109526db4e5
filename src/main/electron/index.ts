import { app, BrowserWindow, dialog, Menu, powerMonitor, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Status } from '../../shared/contract';
import { gameTitle } from '../../shared/games';
import { startHost, type RoundlogHost } from '../core/app-host';
import { overridesFrom } from '../core/settings/run-config';
import { alertPacer } from './alert-pacing';
import { appMenuTemplate } from './app-menu';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './app-protocol';
import { applyXdgAutostart, loginItemPlan, startsHidden } from './autostart';
import { isAllowedExternal } from './external-links';
import { registerIpc } from './ipc';
import { electronSqliteBinding } from './native-binding';
import { createNotifier, type Notifier } from './notifications';
import { safeStorageSecretStore } from './secret-store';
import { enforceSandbox, lockDownContents, lockDownSession } from './security';
import { createStatusTray, type StatusTray } from './tray';
import { newlyFailing } from './tray-status';
import { createMainWindow } from './window';

// The Electron entry: thin by design. Everything it starts lives in src/main/core and is tested
// under Node; this file wires the window, tray, menu, notifications, protocol and IPC around the
// one composition root (the app host). Closing the window keeps recording; quitting is explicit.

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const resourcesDir = join(app.getAppPath(), 'resources');
const log = (message: string): void => console.warn(`roundlog: ${message}`);

registerAppScheme();
enforceSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let host: RoundlogHost | null = null;
  let window: BrowserWindow | null = null;
  let disposeIpc: (() => void) | null = null;
  let tray: StatusTray | null = null;
  let notifier: Notifier | null = null;
  let quitting = false;
  let closed = false;
  let toldAboutTray = false;
  const hidden = startsHidden(process.argv, process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);

  const openWindow = (show: boolean): BrowserWindow => {
    const opened = createMainWindow({ preloadPath, stateFile: join(app.getPath('userData'), 'window-state.json'), show, log });
    disposeIpc = registerIpc(host!.service, opened, log);
    opened.on('close', (event) => {
      if (quitting) return;
      // Closing is not quitting: the window hides and recording goes on in the tray.
      event.preventDefault();
      opened.hide();
      if (!toldAboutTray) {
        toldAboutTray = true;
        notifier?.show({ title: 'Roundlog is still recording', body: 'It keeps every round in the tray. Quit from the tray icon or the menu.' });
      }
    });
    opened.on('closed', () => {
      disposeIpc?.();
      disposeIpc = null;
      window = null;
    });
    return opened;
  };

  /** Brings the window back (making it if need be), optionally on a route such as `#/settings`. */
  const showWindow = (route?: string): void => {
    if (host === null) return;
    if (window === null || window.isDestroyed()) window = openWindow(true);
    if (route !== undefined) void window.loadURL(`${APP_ORIGIN}/index.html${route}`);
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const applyStartAtLogin = (enabled: boolean): void => {
    // A development run is the bare Electron binary: registering it would start nothing useful.
    if (!app.isPackaged) return;
    const plan = loginItemPlan(enabled, { platform: process.platform, execPath: process.execPath, env: process.env, homeDir: app.getPath('home') });
    if (plan.kind === 'login-item') app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, args: [...plan.args] });
    else applyXdgAutostart(plan, log);
  };

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, log));
  app.on('second-instance', () => showWindow());

  void app.whenReady().then(async () => {
    lockDownSession(log);
    handleAppProtocol(rendererDir);
    try {
      const dataDir = app.getPath('userData');
      const nativeBinding = electronSqliteBinding({ packaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, platform: process.platform, arch: process.arch });
      if (!existsSync(nativeBinding)) log(`no better-sqlite3 built for Electron at ${nativeBinding}: run \`npm run native:electron\` if the history fails to open`);
      host = await startHost({
        dataDir,
        overrides: overridesFrom({}),
        secrets: await safeStorageSecretStore(join(dataDir, 'api-key.enc'), log),
        log,
        exportWorker: new URL('./export-worker.js', import.meta.url),
        composeOptions: {
          pageParseWorker: new URL('./page-parse-worker.js', import.meta.url),
          exactStatsWorker: new URL('./exact-stats-worker.js', import.meta.url),
          ...(existsSync(nativeBinding) ? { nativeBinding } : {}),
        },
      });
    } catch (error) {
      dialog.showErrorBox('Roundlog cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    const service = host.service;
    notifier = createNotifier(join(resourcesDir, 'icon.png'), (route) => showWindow(route), log);
    tray = createStatusTray(resourcesDir, { showWindow: () => showWindow(), quit: () => app.quit() }, log);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate(
          {
            openRoute: (route) => showWindow(route),
            closeWindow: () => window?.close(),
            quit: () => app.quit(),
            openExternal: (url) => {
              if (isAllowedExternal(url)) void shell.openExternal(url);
            },
          },
          { platform: process.platform, packaged: app.isPackaged },
        ),
      ),
    );

    let lastStatus: Status | null = null;
    const onStatus = (status: Status): void => {
      tray?.update(status);
      // A game that stops recording is said once, even with the window closed to the tray.
      if (window === null || !window.isVisible()) {
        for (const game of newlyFailing(lastStatus, status)) notifier?.show({ title: `${gameTitle(game)} stopped recording`, body: game.detail ?? 'Open Roundlog to see why.', route: '#/' });
      }
      lastStatus = status;
    };
    service.onStatus(onStatus);
    onStatus(await service.getStatus({}));

    // Alerts reach the desktop from here, window or not, paced so a backfill cannot flood the
    // screen; the visible window plays the rule's sound itself.
    const notifyAlert = alertPacer((notice) => notifier?.show(notice));
    service.onAlert((alert) => notifyAlert(alert, window === null || window.isDestroyed() || !window.isVisible()));

    let startAtLogin = (await service.getSettings({})).settings.startAtLogin;
    applyStartAtLogin(startAtLogin);
    service.onSettings((view) => {
      if (view.settings.startAtLogin === startAtLogin) return;
      startAtLogin = view.settings.startAtLogin;
      applyStartAtLogin(startAtLogin);
    });

    window = openWindow(!hidden);
    // The OS knows of a sleep before any clock does: every game reconnects and catches up at once.
    powerMonitor.on('resume', () => host?.core.recorder.resync('wake'));
    app.on('activate', () => showWindow());
  });

  // The window only ever hides; should every window go anyway, recording still goes on.
  app.on('window-all-closed', () => undefined);

  app.on('before-quit', (event) => {
    quitting = true;
    if (closed || host === null) return;
    // Quit waits for the history to close cleanly (last batch committed, WAL checkpointed).
    event.preventDefault();
    const closing = host;
    host = null;
    tray?.destroy();
    const done = (): void => {
      closed = true;
      app.quit();
    };
    // A close that hangs must not leave an invisible process holding the single-instance lock.
    setTimeout(() => {
      log('the history did not close within 15 s; quitting anyway (SQLite recovers on the next start)');
      app.exit(0);
    }, 15_000).unref();
    void closing.close().finally(done);
  });
}
