import { describe, expect, it } from 'vitest';
import { electronSqliteBinding } from '../../src/main/electron/native-binding';

describe('where the app finds the Electron build of better-sqlite3', () => {
  it('in development, the build `npm run native:electron` made for this platform and architecture', () => {
    const place = { packaged: false, appPath: '/home/ann/roundlog', resourcesPath: '/opt/electron/resources', platform: 'linux', arch: 'x64' } as const;
    expect(electronSqliteBinding(place)).toBe('/home/ann/roundlog/native/electron/linux-x64/better_sqlite3.node');
    expect(electronSqliteBinding({ ...place, platform: 'darwin', arch: 'arm64' })).toBe('/home/ann/roundlog/native/electron/darwin-arm64/better_sqlite3.node');
  });

  it('packaged, the copy in the resources folder beside (not inside) app.asar', () => {
    const place = {
      packaged: true,
      appPath: '/Applications/Roundlog.app/Contents/Resources/app.asar',
      resourcesPath: '/Applications/Roundlog.app/Contents/Resources',
      platform: 'darwin',
      arch: 'arm64',
    } as const;
    const binding = electronSqliteBinding(place);
    expect(binding).toBe('/Applications/Roundlog.app/Contents/Resources/native/better_sqlite3.node');
    expect(binding).not.toContain('app.asar');
  });

  it('on Windows, a Windows path', () => {
    const place = {
      packaged: true,
      appPath: 'C:\\Program Files\\Roundlog\\resources\\app.asar',
      resourcesPath: 'C:\\Program Files\\Roundlog\\resources',
      platform: 'win32',
      arch: 'x64',
    } as const;
    expect(electronSqliteBinding(place)).toBe('C:\\Program Files\\Roundlog\\resources\\native\\better_sqlite3.node');
    expect(electronSqliteBinding({ ...place, packaged: false, appPath: 'D:\\src\\roundlog' })).toBe('D:\\src\\roundlog\\native\\electron\\win32-x64\\better_sqlite3.node');
  });
});
