import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir';

// electron-builder run for real on this project (`--linux dir`: the unpacked app every installer is
// made from), with a stand-in for Electron's binary, which cannot be downloaded here: a file carrying
// the fuse sentinel and wire at Electron's defaults, exactly what @electron/fuses looks for in the real
// binary. What this proves: the fuses are flipped in the shipped binary, the app is one asar holding
// the built app and no sources, and better-sqlite3's Electron build sits in resources/native/.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_BUILDER = join(ROOT, 'node_modules/electron-builder/cli.js');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults, in @electron/fuses' order: RunAsNode on … GrantFileProtocolExtraPrivileges on, and a ninth fuse it does not set. */
const DEFAULT_WIRE = '101100011';
const NATIVE = join(ROOT, 'native/electron/linux-x64/better_sqlite3.node');

let dir: ReturnType<typeof useTempDir>;
let app: string;
let packaging: { code: number; output: string };
/** The folder this test made to hold a stand-in native build (when there was none), removed afterwards. */
let placedNative: string | null = null;

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'out/main/index.js')), 'out/ is built by `npm test` (electron-vite build) before vitest runs').toBe(true);
  dir = useTempDir();
  const electronDist = join(dir.path, 'electron');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('stand-in for Electron '), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE)]), { mode: 0o755 });
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');
  if (!existsSync(NATIVE)) {
    // What `npm run native:electron -- --platform linux --arch x64` would put there on a connected machine.
    placedNative = mkdirSync(join(NATIVE, '..'), { recursive: true }) ?? null;
    writeFileSync(NATIVE, 'better-sqlite3 for Electron (stand-in)');
  }
  const output = join(dir.path, 'dist');
  packaging = await run(process.execPath, [ELECTRON_BUILDER, '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`]);
  app = join(output, 'linux-unpacked');
}, 120_000);

afterAll(() => {
  if (placedNative !== null) rmSync(placedNative, { recursive: true, force: true });
  dir?.remove();
});

describe('the packaged app (electron-builder --linux dir, with a stand-in Electron)', () => {
  it('is packaged', () => {
    expect(packaging.code, packaging.output).toBe(0);
  });

  it('has every fuse set in the binary it ships', async () => {
    const wire = await getCurrentFuseWire(join(app, 'roundlog'));
    // The wire holds ASCII '0' (disabled) and '1' (enabled), as @electron/fuses' FuseState names them.
    const state = (fuse: FuseV1Options): string => ({ 48: 'DISABLE', 49: 'ENABLE' })[Number(wire[fuse])] ?? `byte ${String(wire[fuse])}`;
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      fileProtocolPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: 'DISABLE',
      cookieEncryption: 'ENABLE',
      nodeOptions: 'DISABLE',
      inspectArguments: 'DISABLE',
      asarIntegrity: 'ENABLE',
      onlyLoadAppFromAsar: 'ENABLE',
      fileProtocolPrivileges: 'DISABLE',
    });
  });

  it('holds the built app in app.asar, with its runtime dependencies and tray icons, and no sources or tests', () => {
    const asar = join(app, 'resources/app.asar');
    const files = listPackage(asar, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/page-parse-worker.js', '/out/main/export-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/resources/trayTemplate.png', '/node_modules/better-sqlite3/lib/index.js', '/node_modules/zod/package.json', '/node_modules/ws/package.json']) {
      expect(files, file).toContain(file);
    }
    const strays = files.filter((file) => /^\/(src|test|bench|scripts|native)\/|\.map$|^\/out\/main\/(bench|cli)\.js$|better-sqlite3\/(build|deps|src)\//.test(file));
    expect(strays).toEqual([]);
    expect(JSON.parse(extractFile(asar, 'package.json').toString()).main).toBe('out/main/index.js');
  });

  it('puts better-sqlite3 for Electron in resources/native, outside the asar', () => {
    expect(readFileSync(join(app, 'resources/native/better_sqlite3.node'))).toEqual(readFileSync(NATIVE));
  });
});

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, CI: '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => done({ code: code ?? -1, output }));
  });
}
