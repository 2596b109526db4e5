import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir';

// `npm run native:electron` (scripts/build-electron-native.mjs) run for real, against a loopback
// mirror of better-sqlite3's GitHub releases that serves a tarball shaped like a real prebuild
// (build/Release/better_sqlite3.node), the way prebuild-install fetches it from
// npm_config_better_sqlite3_binary_host. What cannot run here is the download from GitHub itself and a
// compile against Electron's headers; both need a connected machine.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/build-electron-native.mjs');
const SQLITE_VERSION = readJson(join(ROOT, 'node_modules/better-sqlite3/package.json')).version;
const ELECTRON_VERSION = readJson(join(ROOT, 'node_modules/electron/package.json')).version;
/** Where this Node's own headers are (/usr for /usr/bin/node), as a nodedir in npm's config would name them. */
const NODE_HEADERS_DIR = dirname(dirname(process.execPath));
const NODE_BUILD = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
/** The file name prebuild-install asks for: better-sqlite3-v<version>-<runtime>-v<abi>-<platform>-<arch>. */
const ELECTRON_PREBUILD = new RegExp(`^/v${SQLITE_VERSION}/better-sqlite3-v${SQLITE_VERSION}-electron-v(\\d+)-linux-x64\\.tar\\.gz$`);

let dir: ReturnType<typeof useTempDir>;
const servers: Server[] = [];

beforeEach(() => {
  dir = useTempDir();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  dir.remove();
});

describe('npm run native:electron', () => {
  it('puts the prebuilt Electron build in native/electron/<platform>-<arch> and leaves the Node build in node_modules alone', async () => {
    const nodeBuildBefore = { hash: sha256(NODE_BUILD), mtime: statSync(NODE_BUILD).mtimeMs };
    const electronBuild = Buffer.from(`\x7fELF better-sqlite3 for Electron ${ELECTRON_VERSION}, served by the test mirror`);
    const mirror = await startMirror(prebuildTarball(electronBuild));
    const out = join(dir.path, 'native');

    const first = await buildNative(['--platform', 'linux', '--arch', 'x64', '--out', out], mirror.url);

    expect(first.code, first.output).toBe(0);
    const asked = mirror.requests.map((path) => ELECTRON_PREBUILD.exec(path)).find((match) => match !== null);
    expect(asked, `the mirror was asked for ${mirror.requests.join(', ')}`).toBeDefined();
    const abi = asked![1];
    // The Electron ABI, not the Node one this process runs on: --runtime electron --target <version> got through.
    expect(abi).not.toBe(process.versions.modules);
    expect(readFileSync(join(out, 'linux-x64/better_sqlite3.node'))).toEqual(electronBuild);
    expect(readJson(join(out, 'linux-x64/build-info.json'))).toEqual({
      electron: ELECTRON_VERSION,
      betterSqlite3: SQLITE_VERSION,
      platform: 'linux',
      arch: 'x64',
      abi,
      from: 'prebuild',
    });

    // The tests' own better-sqlite3 is the same file and still opens a database.
    expect(sha256(NODE_BUILD)).toBe(nodeBuildBefore.hash);
    expect(statSync(NODE_BUILD).mtimeMs).toBe(nodeBuildBefore.mtime);
    const db = new Database(':memory:');
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();

    // Run again for the same Electron: nothing to fetch.
    const requestsBefore = mirror.requests.length;
    const second = await buildNative(['--platform', 'linux', '--arch', 'x64', '--out', out], mirror.url);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('already at');
    expect(mirror.requests.length).toBe(requestsBefore);
  });

  it('offline, fails in one sentence saying it needs a connected machine, for this machine and for another target', async () => {
    const nowhere = await closedPort();
    const out = join(dir.path, 'native');
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    // This machine's target tries a source build after the prebuild, and fails on Electron's headers too,
    // even where npm's config names a nodedir (this machine's ~/.npmrc does): compiling against Node's
    // headers instead would make a binary with the wrong ABI.
    for (const platform of [process.platform, other]) {
      const run = await buildNative(['--platform', platform, '--out', out, '--headers-url', nowhere], nowhere, { npm_config_nodedir: NODE_HEADERS_DIR });

      expect(run.code).toBe(1);
      const sentence = run.stderr.trim();
      expect(sentence.split('\n')).toHaveLength(1);
      expect(sentence).toMatch(
        /^npm run native:electron needs a connected machine: it downloads the Electron build of better-sqlite3 from GitHub releases or Electron's headers \(could not fetch .+: connect ECONNREFUSED 127\.0\.0\.1:\d+\)\.$/,
      );
      expect(existsSync(join(out, `${platform}-${process.arch}`, 'better_sqlite3.node'))).toBe(false);
    }
  });

  it('refuses a target with no published prebuild that this machine cannot compile for, naming where to run it', async () => {
    const mirror = await startMirror(prebuildTarball(Buffer.from('never served')), () => false);
    const other = process.platform === 'darwin' ? 'linux' : 'darwin';

    const run = await buildNative(['--platform', other, '--arch', 'arm64', '--out', join(dir.path, 'native')], mirror.url);

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `better-sqlite3 ${SQLITE_VERSION} publishes no build for Electron ${ELECTRON_VERSION} on ${other}-arm64, and a build from source only works on a ${other}-arm64 machine: run this there.`,
    );
  });
});

interface Run {
  readonly code: number;
  readonly stderr: string;
  /** stdout and stderr together, for failure messages. */
  readonly output: string;
}

function buildNative(args: readonly string[], mirrorUrl: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = {
    ...process.env,
    ...extraEnv,
    npm_config_better_sqlite3_binary_host: mirrorUrl,
    // prebuild-install caches downloads in npm's cache and node-gyp keeps headers in its devdir:
    // both in this test's folder, so no earlier run answers for the mirror.
    npm_config_cache: join(dir.path, 'npm-cache'),
    npm_config_devdir: join(dir.path, 'electron-gyp'),
  };
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env });
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      output += chunk.toString();
    });
    child.on('close', (code) => done({ code: code ?? -1, stderr, output }));
  });
}

/** A .tar.gz laid out as better-sqlite3's published prebuilds are: build/Release/better_sqlite3.node. */
function prebuildTarball(binary: Buffer): Buffer {
  const stage = join(dir.path, 'prebuild');
  mkdirSync(join(stage, 'build/Release'), { recursive: true });
  writeFileSync(join(stage, 'build/Release/better_sqlite3.node'), binary);
  const tarball = join(dir.path, 'prebuild.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', stage, 'build']);
  return readFileSync(tarball);
}

/** Serves `tarball` for any Electron prebuild of better-sqlite3 for linux-x64 (unless `serves` says no); 404 otherwise. */
async function startMirror(tarball: Buffer, serves: (path: string) => boolean = (path) => ELECTRON_PREBUILD.test(path)): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    requests.push(path);
    if (serves(path)) response.writeHead(200, { 'content-type': 'application/gzip' }).end(tarball);
    else response.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** The address of a loopback port nobody listens on: connections are refused, as with no network. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  await new Promise((closed) => server.close(closed));
  return `http://127.0.0.1:${port}`;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function readJson(file: string): Record<string, unknown> & { version: string } {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { version: string };
}
