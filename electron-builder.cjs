// Packaging for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg, zip): `npm run dist` (README,
// "Packaging and the native module"). A .cjs file rather than YAML for one reason: the beforePack check
// below, which refuses to package an app that has no better-sqlite3 for Electron.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/** Where `npm run native:electron` puts the Electron build for a platform (process.platform) and arch. */
const nativeBuildDir = (platform, arch) => `native/electron/${platform}-${arch}`;
const NATIVE_FILE = 'better_sqlite3.node';

/**
 * The Electron build of better-sqlite3 goes beside app.asar as resources/native/better_sqlite3.node
 * (src/main/electron/native-binding.ts reads it there). Named per target OS because electron-builder's
 * `${platform}` macro is the platform of the machine building, not of the target.
 */
const nativeResource = (platform) => [{ from: nativeBuildDir(platform, '${arch}'), to: 'native', filter: [NATIVE_FILE] }];

/** electron-builder's Arch enum, by value (builder-util's `Arch`). */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

module.exports = {
  appId: 'app.roundlog.desktop',
  productName: 'Roundlog',
  copyright: 'Copyright © Roundlog',
  directories: { output: 'dist', buildResources: 'resources' },
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',

  // Only what the running app reads. Production node_modules are added by electron-builder itself and
  // filtered by the same patterns. The CLI and the bench are built into out/main too but are not the app.
  files: [
    'package.json',
    'out/**',
    '!out/main/bench.js',
    '!out/main/cli.js',
    '!**/*.map',
    // The tray loads these from the asar (nativeImage reads asar paths).
    'resources/icon.png',
    'resources/tray*.png',
    'resources/trayTemplate*.png',
    // better-sqlite3's sources and its Node-ABI build: the app loads resources/native/ instead, and
    // the Node build would only fail with an ABI error if it were ever loaded by mistake.
    '!node_modules/better-sqlite3/{build,deps,src}/**',
    '!node_modules/better-sqlite3/binding.gyp',
  ],
  asar: true,
  // A native module is loaded with dlopen, which cannot read inside an asar.
  asarUnpack: ['**/*.node'],

  // npm run native:electron supplies better-sqlite3 for Electron's ABI (extraResources below). Left on,
  // electron-builder would rebuild node_modules/better-sqlite3 in place for Electron and break the
  // Node build that the tests and the `roundlog` CLI load.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,

  beforePack: async (context) => {
    const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
    const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
    const file = join(context.packager.projectDir, nativeBuildDir(platform, arch), NATIVE_FILE);
    if (!existsSync(file)) {
      throw new Error(
        `No better-sqlite3 built for Electron at ${file}: run \`npm run native:electron -- --platform ${platform} --arch ${arch}\` first (it needs a connected machine).`,
      );
    }
  },

  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node interpreter for any caller.
    runAsNode: false,
    // NODE_OPTIONS / NODE_EXTRA_CA_CERTS would let the environment inject code or trust into the app.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect and SIGUSR1 would open a debugger on the main process to anyone who can start it.
    enableNodeCliInspectArguments: false,
    // Only app.asar, never a loose app/ folder or default_app.asar placed beside it...
    onlyLoadAppFromAsar: true,
    // ...and that asar is checked against the hash signed into the binary (macOS, Windows).
    enableEmbeddedAsarIntegrityValidation: true,
    // Cookies on disk encrypted with the OS keychain, as Chrome does.
    enableCookieEncryption: true,
    // The app serves its pages from its own protocol; file:// gets no more than a browser gives it.
    grantFileProtocolExtraPrivileges: false,
  },

  icon: 'resources/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    maintainer: 'Roundlog <maintainers@roundlog.app>',
    synopsis: 'Records every round of live casino games into a local history',
    extraResources: nativeResource('linux'),
  },
  win: {
    target: ['nsis'],
    extraResources: nativeResource('win32'),
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.utilities',
    hardenedRuntime: true,
    extraResources: nativeResource('darwin'),
  },
};
