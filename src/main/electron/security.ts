import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { isAllowedExternal } from './external-links';

// Electron's security checklist, applied to every web contents the app ever creates (not only the
// main window), and to the session they share. See README, "Security".

/** Must run before `app.ready`: every renderer runs in Chromium's sandbox, whatever a window asks. */
export function enforceSandbox(): void {
  app.enableSandbox();
}

const isAppUrl = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/`);

/** No navigation away from the app, no new windows, no webviews; allow-listed links open in the browser. */
export function lockDownContents(contents: WebContents, log: (message: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    else log(`refused to open ${url.slice(0, 120)}`);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`refused navigation to ${url.slice(0, 120)}`);
  };
  contents.on('will-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-frame-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-redirect', (event) => stayInApp(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('refused a webview');
  });
}

/**
 * The session every window shares: every permission denied (camera, notifications from the page,
 * geolocation…: native notifications come from the main process), and no request from a page to
 * the network at all, since the renderer talks only to the main process.
 */
export function lockDownSession(log: (message: string) => void): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied the permission "${permission}"`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] }, (details, callback) => {
    log(`blocked a request from a page to ${details.url.slice(0, 120)}`);
    callback({ cancel: true });
  });
}
