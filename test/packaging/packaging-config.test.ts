import type { Configuration, FileSet, PlatformSpecificBuildOptions, TargetConfiguration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { DebugLogger } from 'builder-util';
import { existsSync, readFileSync, type Stats } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { electronSqliteBinding } from '../../src/main/electron/native-binding';

// The packaging config (electron-builder.cjs) as electron-builder itself finds, loads and validates it.
// Packaging needs Electron's binaries, which cannot be downloaded here; everything short of that is
// checked: the schema, the fuses, the asar, the native module's place, the targets, the files, the icons.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

describe('the packaging config', () => {
  it('is the one electron-builder finds in the project, and passes its own schema validation', async () => {
    expect(config.appId).toBe('app.roundlog.desktop');
    expect(config.productName).toBe('Roundlog');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validation can fail: a misspelt fuse is refused.
    await expect(validateConfiguration({ ...config, electronFuses: { runAsnode: false } as Configuration['electronFuses'] }, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    );
  });

  it('sets every fuse that closes a way into the signed binary', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar with native modules unpacked, and never rebuilds node_modules in place', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    // A rebuild would replace the Node build of better-sqlite3 that the tests and the CLI load.
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('puts each OS its own Electron build of better-sqlite3 where the app looks for it, outside the asar', () => {
    const byOs: Record<'linux' | 'win' | 'mac', NodeJS.Platform> = { linux: 'linux', win: 'win32', mac: 'darwin' };
    for (const [os, platform] of Object.entries(byOs) as Array<[keyof typeof byOs, NodeJS.Platform]>) {
      const options = config[os] as PlatformSpecificBuildOptions;
      const [native, ...others] = fileSets(options.extraResources).filter((set) => set.to === 'native');
      expect(others, os).toEqual([]);
      expect(native?.filter, os).toEqual(['better_sqlite3.node']);

      // Where `npm run native:electron` writes and the development app reads...
      const arch = 'arm64';
      const development = electronSqliteBinding({ packaged: false, appPath: ROOT, resourcesPath: '', platform, arch });
      const path = platform === 'win32' ? win32 : posix;
      expect(path.join(ROOT, native!.from!.replace('${arch}', arch), 'better_sqlite3.node'), os).toBe(development);
      // ...is what lands in resources/native/, where the packaged app reads.
      const packaged = electronSqliteBinding({ packaged: true, appPath: '/app/resources/app.asar', resourcesPath: '/app/resources', platform: 'linux', arch });
      expect(packaged).toBe(join('/app/resources', native!.to!, 'better_sqlite3.node'));
    }
  });

  it('refuses to package an app that has no Electron build of better-sqlite3 for its target', async () => {
    const beforePack = config.beforePack as (context: object) => Promise<void>;
    const context = { electronPlatformName: 'win32', arch: 3, packager: { projectDir: join(ROOT, 'test/packaging/no-such-project') } };
    await expect(beforePack(context)).rejects.toThrow(
      /No better-sqlite3 built for Electron at .*native\/electron\/win32-arm64\/better_sqlite3\.node: run `npm run native:electron -- --platform win32 --arch arm64` first/,
    );
  });

  it('builds AppImage and deb on Linux, an NSIS installer on Windows, dmg and zip on macOS', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg', 'zip']);
    // deb refuses to build without a maintainer.
    expect(config.linux?.maintainer).toBeTruthy();
  });

  it('ships the built app and its icons, never sources, tests, benches or the native build folder', () => {
    const shipped = fileFilter(appPatterns(config.files));
    for (const file of ['package.json', 'out/main/index.js', 'out/main/page-parse-worker.js', 'out/main/export-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/tray.png', 'resources/trayTemplate@2x.png']) {
      expect(shipped(file), file).toBe(true);
    }
    for (const file of [
      'src/main/electron/index.ts',
      'src/renderer/index.html',
      'test/packaging/packaging-config.test.ts',
      'bench/run.ts',
      'out/main/bench.js',
      'out/main/index.js.map',
      'scripts/build-electron-native.mjs',
      'native/electron/linux-x64/better_sqlite3.node',
      'resources/icon.svg',
      'electron-builder.cjs',
      'tsconfig.json',
      'README.md',
    ]) {
      expect(shipped(file), file).toBe(false);
    }
    // In node_modules, better-sqlite3 ships its JavaScript but neither its C sources nor its Node-ABI build.
    const modules = nodeModuleFilter(appPatterns(config.files));
    expect(modules('node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(modules('node_modules/zod/package.json')).toBe(true);
    for (const file of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'node_modules/better-sqlite3/src/better_sqlite3.cpp']) {
      expect(modules(file), file).toBe(false);
    }
  });

  it('names icons that exist: the app icon and the tray icons it ships', () => {
    expect(config.directories?.buildResources).toBe('resources');
    const named = [config.icon, config.linux?.icon, config.win?.icon, config.mac?.icon].filter((icon): icon is string => typeof icon === 'string');
    expect(named).toContain('resources/icon.png');
    for (const icon of named) expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    expect(pngSize(join(ROOT, 'resources/icon.png'))).toEqual({ width: 1024, height: 1024 });
    const trayIcons = ['tray', 'tray-alert', 'trayTemplate'].flatMap((name) => [`resources/${name}.png`, `resources/${name}@2x.png`]);
    const shipped = fileFilter(appPatterns(config.files));
    for (const icon of trayIcons) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
      expect(shipped(icon), icon).toBe(true);
      expect(pngSize(join(ROOT, icon)), icon).toEqual(icon.includes('@2x') ? { width: 32, height: 32 } : { width: 16, height: 16 });
    }
  });
});

function fileSets(value: PlatformSpecificBuildOptions['extraResources']): FileSet[] {
  const list = value == null ? [] : Array.isArray(value) ? value : [value];
  return list.map((entry) => (typeof entry === 'string' ? { from: entry, to: entry } : entry));
}

type Targets = PlatformSpecificBuildOptions['target'] | Array<string | TargetConfiguration> | string | TargetConfiguration | null | undefined;

function targetNames(targets: Targets): string[] {
  const list = targets == null ? [] : Array.isArray(targets) ? targets : [targets];
  return list.map((target) => (typeof target === 'string' ? target : target.target));
}

const aFile = { isDirectory: () => false } as Stats;

/** The patterns `files` applies to the project folder (electron-builder's config loader turns them into a FileSet). */
function appPatterns(files: Configuration['files']): string[] {
  const list = files == null ? [] : Array.isArray(files) ? files : [files];
  return list.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    if (entry.from !== undefined && entry.from !== '.') return [];
    return entry.filter == null ? [] : Array.isArray(entry.filter) ? entry.filter : [entry.filter];
  });
}

/** Whether electron-builder's own matcher takes a project file for the app. */
function fileFilter(patterns: string[]): (file: string) => boolean {
  const filter = new FileMatcher(ROOT, '', (pattern) => pattern, patterns).createFilter();
  return (file) => filter(join(ROOT, file), aFile) === true;
}

/** As electron-builder filters node_modules: everything, minus the exclusions in `files`. */
function nodeModuleFilter(patterns: string[]): (file: string) => boolean {
  const matcher = new FileMatcher(ROOT, '', (pattern) => pattern);
  for (const pattern of patterns) if (pattern.startsWith('!')) matcher.addPattern(pattern);
  matcher.prependPattern('**/*');
  const filter = matcher.createFilter();
  return (file) => filter(join(ROOT, file), aFile) === true;
}

/** A PNG's size, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
