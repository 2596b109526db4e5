import type { MenuItemConstructorOptions } from 'electron';

// The application menu: the usual roles and shortcuts of each platform, plus Roundlog's screens.
// Only types come from `electron`, so the template is built and tested under Node.

export interface MenuActions {
  /** Shows the window on a hash route of the renderer, e.g. `#/settings`. */
  openRoute(route: string): void;
  /** Closes the window to the tray; recording goes on. */
  closeWindow(): void;
  /** The explicit quit: recording stops. */
  quit(): void;
  openExternal(url: string): void;
}

export interface MenuPlace {
  readonly platform: NodeJS.Platform;
  /** Reload and developer tools only in development builds. */
  readonly packaged: boolean;
}

export const HELP_LINKS: readonly { readonly label: string; readonly url: string }[] = [{ label: 'TrackerSino website', url: 'https://trackersino.com/' }];

export function appMenuTemplate(actions: MenuActions, place: MenuPlace): MenuItemConstructorOptions[] {
  const mac = place.platform === 'darwin';
  const settings: MenuItemConstructorOptions = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.openRoute('#/settings') };
  const quit: MenuItemConstructorOptions = { label: 'Quit Roundlog', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const closeWindow: MenuItemConstructorOptions = { label: 'Close Window', accelerator: 'CmdOrCtrl+W', click: () => actions.closeWindow() };
  return [
    ...(mac
      ? [{ label: 'Roundlog', submenu: [{ role: 'about' }, { type: 'separator' }, settings, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit] } satisfies MenuItemConstructorOptions]
      : []),
    { label: mac ? 'File' : '&File', submenu: mac ? [closeWindow] : [settings, { type: 'separator' }, closeWindow, quit] },
    {
      label: mac ? 'Edit' : '&Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: mac ? 'View' : '&View',
      submenu: [
        { label: 'Overview', accelerator: 'CmdOrCtrl+1', click: () => actions.openRoute('#/') },
        { label: 'Alerts', accelerator: 'CmdOrCtrl+2', click: () => actions.openRoute('#/alerts') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(place.packaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    { label: mac ? 'Window' : '&Window', role: 'windowMenu' },
    { label: mac ? 'Help' : '&Help', role: 'help', submenu: HELP_LINKS.map((link) => ({ label: link.label, click: () => actions.openExternal(link.url) })) },
  ];
}
