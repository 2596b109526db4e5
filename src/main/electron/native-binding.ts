import { posix, win32 } from 'node:path';

// Where the app finds better-sqlite3 built for Electron's ABI. node_modules/better-sqlite3 keeps the
// Node build that the tests and `roundlog` use; the Electron build lives beside it and is handed to
// each connection through better-sqlite3's `nativeBinding` option. Pure, so it is tested under Node:
// the Electron entry passes in what `app` and `process` say.

export interface NativeBindingPlace {
  /** `app.isPackaged`. */
  readonly packaged: boolean;
  /** `app.getAppPath()`: the project folder in development. */
  readonly appPath: string;
  /** `process.resourcesPath`: where electron-builder's `extraResources` land, outside the asar. */
  readonly resourcesPath: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

/** The file `npm run native:electron` writes, and electron-builder copies to `resources/native/`. */
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

/**
 * The absolute path of the Electron build of better-sqlite3. In development it is the one
 * `npm run native:electron` built for this platform and architecture; in a packaged app, the copy
 * electron-builder put in the resources folder (a `.node` file cannot be loaded from inside an asar).
 */
export function electronSqliteBinding(place: NativeBindingPlace): string {
  const path = place.platform === 'win32' ? win32 : posix;
  return place.packaged
    ? path.join(place.resourcesPath, 'native', SQLITE_BINDING_FILE)
    : path.join(place.appPath, 'native', 'electron', `${place.platform}-${place.arch}`, SQLITE_BINDING_FILE);
}
