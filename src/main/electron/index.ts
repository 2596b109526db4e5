import { app, BrowserWindow, dialog, powerMonitor } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost, type RoundlogHost } from '../core/app-host';
import { overridesFrom } from '../core/settings/run-config';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerIpc } from './ipc';
import { safeStorageSecretStore } from './secret-store';
import { createMainWindow, denyAllPermissions } from './window';

// The Electron entry: thin by design. Everything it starts lives in src/main/core and is tested
// under Node; this file only wires windows, protocol and IPC around the composition root.

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
/** better-sqlite3 rebuilt for Electron's ABI, when present (see README, "Native module"). */
const electronSqlite = join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let host: RoundlogHost | null = null;
  let window: BrowserWindow | null = null;
  let disposeIpc: (() => void) | null = null;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(async () => {
    denyAllPermissions();
    handleAppProtocol(rendererDir);
    try {
      const dataDir = app.getPath('userData');
      host = await startHost({
        dataDir,
        overrides: overridesFrom({}),
        secrets: await safeStorageSecretStore(join(dataDir, 'api-key.enc')),
        composeOptions: {
          pageParseWorker: new URL('./page-parse-worker.js', import.meta.url),
          exactStatsWorker: new URL('./exact-stats-worker.js', import.meta.url),
          ...(existsSync(electronSqlite) ? { nativeBinding: electronSqlite } : {}),
        },
      });
    } catch (error) {
      dialog.showErrorBox('Roundlog cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    const open = (): void => {
      window = createMainWindow(preloadPath);
      disposeIpc = registerIpc(host!.service, window);
      window.on('closed', () => {
        disposeIpc?.();
        window = null;
      });
    };
    open();
    // The OS knows of a sleep before any clock does: every game reconnects and catches up at once.
    powerMonitor.on('resume', () => host?.core.recorder.resync('wake'));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', () => {
    void host?.close();
  });
}
