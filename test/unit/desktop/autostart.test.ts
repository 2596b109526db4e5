import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyXdgAutostart, autostartEntry, HIDDEN_FLAG, loginItemPlan, startsHidden } from '../../../src/main/electron/autostart';
import { useTempDir } from '../../support/temp-dir';

describe('starting at login', () => {
  it('uses Electron’s login item on macOS and Windows, passing the hidden flag', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(loginItemPlan(true, { platform, execPath: 'C:\\Roundlog\\Roundlog.exe', env: {}, homeDir: '/home/u' })).toEqual({ kind: 'login-item', openAtLogin: true, args: [HIDDEN_FLAG] });
      expect(loginItemPlan(false, { platform, execPath: 'x', env: {}, homeDir: '/home/u' })).toMatchObject({ kind: 'login-item', openAtLogin: false });
    }
  });

  it('writes an XDG autostart entry on Linux, in XDG_CONFIG_HOME when set, naming the AppImage itself', () => {
    const plan = loginItemPlan(true, { platform: 'linux', execPath: '/tmp/.mount_Roundl/roundlog', env: { APPIMAGE: '/home/u/Apps/Roundlog 1.0.AppImage', XDG_CONFIG_HOME: '/home/u/.cfg' }, homeDir: '/home/u' });
    expect(plan).toEqual({ kind: 'xdg-autostart', file: '/home/u/.cfg/autostart/roundlog.desktop', contents: autostartEntry('/home/u/Apps/Roundlog 1.0.AppImage') });
    expect(autostartEntry('/home/u/Apps/Roundlog 1.0.AppImage')).toContain('Exec="/home/u/Apps/Roundlog 1.0.AppImage" --hidden\n');
    expect(autostartEntry('/opt/Roundlog/roundlog')).toContain('Exec=/opt/Roundlog/roundlog --hidden\n');
    expect(autostartEntry('/opt/$weird"/roundlog')).toContain('Exec="/opt/\\$weird\\"/roundlog" --hidden\n');
    expect(loginItemPlan(false, { platform: 'linux', execPath: '/usr/bin/roundlog', env: {}, homeDir: '/home/u' })).toEqual({ kind: 'xdg-autostart', file: '/home/u/.config/autostart/roundlog.desktop', contents: null });
  });

  it('a launch with --hidden, or opened at login on macOS, keeps the window closed', () => {
    expect(startsHidden(['/usr/bin/roundlog', '--hidden'], false)).toBe(true);
    expect(startsHidden(['/Applications/Roundlog.app/Contents/MacOS/Roundlog'], true)).toBe(true);
    expect(startsHidden(['/usr/bin/roundlog'], false)).toBe(false);
  });

  describe('the entry on disk', () => {
    let temp: ReturnType<typeof useTempDir>;
    beforeEach(() => {
      temp = useTempDir();
    });
    afterEach(() => temp.remove());

    it('is written and removed, and a failure is said, not thrown', () => {
      const file = join(temp.path, 'autostart', 'roundlog.desktop');
      const lines: string[] = [];
      applyXdgAutostart({ kind: 'xdg-autostart', file, contents: autostartEntry('/usr/bin/roundlog') }, (line) => lines.push(line));
      expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
      applyXdgAutostart({ kind: 'xdg-autostart', file, contents: null }, (line) => lines.push(line));
      expect(existsSync(file)).toBe(false);
      applyXdgAutostart({ kind: 'xdg-autostart', file: join(file, 'inside-a-missing-file', 'x'), contents: '' }, (line) => lines.push(line));
      expect(lines).toHaveLength(0);
      writeFileSync(join(temp.path, 'a-file'), 'where a folder should be');
      applyXdgAutostart({ kind: 'xdg-autostart', file: join(temp.path, 'a-file', 'autostart', 'roundlog.desktop'), contents: 'x' }, (line) => lines.push(line));
      expect(lines).toEqual([expect.stringMatching(/^start at login could not be set up: /)]);
    });
  });
});
