import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { Status } from '../../shared/contract';
import { trayStatus } from './tray-status';

export interface StatusTray {
  update(status: Status | null): void;
  destroy(): void;
}

export interface TrayActions {
  showWindow(): void;
  quit(): void;
}

/**
 * The tray icon that keeps Roundlog reachable while it records with the window closed: its
 * tooltip and menu say what each game is doing, its icon turns to attention when one needs the
 * user. macOS gets a template image (drawn by the menu bar in its own colours).
 */
export function createStatusTray(resourcesDir: string, actions: TrayActions, log: (message: string) => void): StatusTray {
  const mac = process.platform === 'darwin';
  const load = (name: string): NativeImage => {
    const image = nativeImage.createFromPath(join(resourcesDir, name));
    if (image.isEmpty()) log(`tray icon ${name} is missing from ${resourcesDir}`);
    if (mac) image.setTemplateImage(true);
    return image;
  };
  const icons = mac ? { calm: load('trayTemplate.png'), attention: load('trayTemplate.png') } : { calm: load('tray.png'), attention: load('tray-alert.png') };
  const tray = new Tray(icons.calm);
  let shown = '';
  if (!mac) tray.on('click', () => actions.showWindow());

  const update = (status: Status | null): void => {
    const view = trayStatus(status);
    // Status arrives many times a second while catching up; rebuild only when the words change.
    const key = JSON.stringify(view);
    if (key === shown) return;
    shown = key;
    tray.setToolTip(view.tooltip);
    tray.setImage(view.attention ? icons.attention : icons.calm);
    if (mac) tray.setTitle(view.attention ? '!' : '');
    const template: MenuItemConstructorOptions[] = [
      { label: 'Open Roundlog', click: () => actions.showWindow() },
      { type: 'separator' },
      ...view.lines.map((line) => ({ label: line, enabled: false })),
      { type: 'separator' },
      { label: 'Quit Roundlog', click: () => actions.quit() },
    ];
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };
  update(null);
  return { update, destroy: () => tray.destroy() };
}
