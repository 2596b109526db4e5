import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, type MenuActions } from '../../../src/main/electron/app-menu';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function recorder(): { actions: MenuActions; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      openRoute: (route) => calls.push(`route ${route}`),
      closeWindow: () => calls.push('close'),
      quit: () => calls.push('quit'),
      openExternal: (url) => calls.push(`external ${url}`),
    },
  };
}

const click = (item: MenuItemConstructorOptions | undefined): void => (item?.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it('has the usual shortcuts on Windows and Linux, with Settings and Quit under File', () => {
    const { actions, calls } = recorder();
    const menu = appMenuTemplate(actions, { platform: 'linux', packaged: true });
    expect(menu.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const items = flatten(menu);
    const byLabel = (label: string) => items.find((item) => item.label === label);
    expect(byLabel('Settings')?.accelerator).toBe('CmdOrCtrl+,');
    expect(byLabel('Quit Roundlog')?.accelerator).toBe('CmdOrCtrl+Q');
    expect(byLabel('Close Window')?.accelerator).toBe('CmdOrCtrl+W');
    expect(byLabel('Overview')?.accelerator).toBe('CmdOrCtrl+1');
    click(byLabel('Settings'));
    click(byLabel('Overview'));
    click(byLabel('Close Window'));
    click(byLabel('TrackerSino website'));
    click(byLabel('Quit Roundlog'));
    expect(calls).toEqual(['route #/settings', 'route #/', 'close', 'external https://trackersino.com/', 'quit']);
    expect(items.map((item) => item.role).filter(Boolean)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen', 'windowMenu']));
  });

  it('follows macOS: an app menu with About, Settings…, Hide and Quit', () => {
    const menu = appMenuTemplate(recorder().actions, { platform: 'darwin', packaged: true });
    expect(menu[0]!.label).toBe('Roundlog');
    const appItems = flatten([menu[0]!]);
    expect(appItems.map((item) => item.role ?? item.label)).toEqual(expect.arrayContaining(['about', 'Settings…', 'hide', 'hideOthers', 'Quit Roundlog']));
  });

  it('offers reload and developer tools only in a development build', () => {
    const roles = (packaged: boolean) => flatten(appMenuTemplate(recorder().actions, { platform: 'win32', packaged })).map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
