import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/** External pages a link may open in the system browser; everything else is refused. */
const EXTERNAL_ALLOW_LIST = ['https://trackersino.com/', 'https://t.me/'];

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    backgroundColor: '#0f1115',
    title: 'Roundlog',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockDown(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOW_LIST.some((prefix) => url.startsWith(prefix))) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every permission (camera, notifications from the page, geolocation…) is denied by default. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
