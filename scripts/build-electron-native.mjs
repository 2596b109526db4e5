#!/usr/bin/env node
// npm run native:electron [-- --platform linux|win32|darwin] [--arch x64|arm64|ia32]
//
// Puts better-sqlite3 built for the installed Electron's ABI at
// native/electron/<platform>-<arch>/better_sqlite3.node. node_modules/better-sqlite3 keeps its Node
// build (the tests and the `roundlog` CLI load it): everything happens in a copy of the package in a
// temporary folder. First the prebuilt binary better-sqlite3 publishes on GitHub releases
// (prebuild-install, as its own install script does); when there is none, a build from source with
// node-gyp against Electron's headers, which only works for this machine's own platform and arch.
// Both download, so this needs a connected machine. README: "Packaging and the native module".
//
// Options:
//   --platform, --arch   the target (default: this machine's)
//   --out DIR            where the <platform>-<arch> folders go (default: native/electron)
//   --headers-url URL    Electron's headers for a source build (default: https://electronjs.org/headers)
//   --force              build again even when the output matches the installed versions
//   --verbose            show prebuild-install's and node-gyp's own output
// A mirror of the prebuilt binaries is taken from npm_config_better_sqlite3_binary_host, as
// prebuild-install itself reads it.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OFFLINE =
  "npm run native:electron needs a connected machine: it downloads the Electron build of better-sqlite3 from GitHub releases or Electron's headers";
/** How Node, prebuild-install and node-gyp word a network that is not there. */
const NETWORK_FAILURE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|getaddrinfo|network connectivity/;

class BuildFailure extends Error {}

async function main() {
  const { values: options } = parseArgs({
    options: {
      platform: { type: 'string', default: process.platform },
      arch: { type: 'string', default: process.arch },
      out: { type: 'string', default: join(root, 'native', 'electron') },
      'headers-url': { type: 'string', default: 'https://electronjs.org/headers' },
      force: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const { platform, arch, verbose } = options;
  const fromRoot = createRequire(join(root, 'package.json'));
  const electron = readJson(fromRoot.resolve('electron/package.json')).version;
  const sqliteDir = dirname(fromRoot.resolve('better-sqlite3/package.json'));
  const sqlite = readJson(join(sqliteDir, 'package.json')).version;

  const outDir = join(resolve(options.out), `${platform}-${arch}`);
  const binding = join(outDir, 'better_sqlite3.node');
  const infoFile = join(outDir, 'build-info.json');
  const wanted = { electron, betterSqlite3: sqlite, platform, arch };
  if (!options.force && existsSync(binding) && existsSync(infoFile) && sameBuild(readJson(infoFile), wanted)) {
    console.log(`better-sqlite3 ${sqlite} for Electron ${electron} (${platform}-${arch}) is already at ${binding}`);
    return;
  }

  const work = mkdtempSync(join(tmpdir(), 'roundlog-native-'));
  try {
    // package.json alone is enough for prebuild-install, which unpacks build/Release/ next to it.
    cpSync(join(sqliteDir, 'package.json'), join(work, 'package.json'));
    const prebuildInstall = createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
    const prebuilt = await run(
      process.execPath,
      [prebuildInstall, '--runtime', 'electron', '--target', electron, '--platform', platform, '--arch', arch, '--verbose'],
      work,
      verbose,
    );
    let from = 'prebuild';
    if (!prebuilt.ok) {
      const native = platform === process.platform && arch === process.arch;
      if (!native) {
        if (NETWORK_FAILURE.test(prebuilt.output)) throw new BuildFailure(`${OFFLINE} (${unreachable(prebuilt.output)}).`);
        throw new BuildFailure(
          `better-sqlite3 ${sqlite} publishes no build for Electron ${electron} on ${platform}-${arch}, and a build from source only works on a ${platform}-${arch} machine: run this there.`,
        );
      }
      const why = NETWORK_FAILURE.test(prebuilt.output) ? 'could not be fetched' : 'is not published';
      console.log(`The prebuilt better-sqlite3 ${sqlite} for Electron ${electron} (${platform}-${arch}) ${why}; building it from source against Electron's headers.`);
      for (const part of ['binding.gyp', 'src', 'deps']) cpSync(join(sqliteDir, part), join(work, part), { recursive: true });
      const built = await run(
        process.execPath,
        [
          nodeGyp(fromRoot),
          'rebuild',
          '--release',
          `--target=${electron}`,
          `--arch=${arch}`,
          `--dist-url=${options['headers-url']}`,
          // Electron's headers apart from Node's, as @electron/rebuild keeps them (or where npm's devdir says).
          `--devdir=${process.env.npm_config_devdir || join(homedir(), '.electron-gyp')}`,
        ],
        work,
        verbose,
      );
      if (!built.ok) {
        if (NETWORK_FAILURE.test(built.output)) throw new BuildFailure(`${OFFLINE} (${unreachable(prebuilt.output, built.output)}).`);
        throw new BuildFailure(`Building better-sqlite3 from source for Electron ${electron} failed; node-gyp said:\n${tail(built.output)}`);
      }
      from = 'source';
    }
    const made = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(made)) throw new BuildFailure(`The ${from} of better-sqlite3 left no build/Release/better_sqlite3.node in ${work}.`);
    mkdirSync(outDir, { recursive: true });
    cpSync(made, binding);
    writeFileSync(infoFile, `${JSON.stringify({ ...wanted, abi: electronAbi(prebuilt.output), from }, null, 2)}\n`);
    console.log(`better-sqlite3 ${sqlite} for Electron ${electron} (${platform}-${arch}, from ${from}) → ${binding}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** node-gyp as installed beside our dependencies (via electron-builder), or the copy npm ships with. */
function nodeGyp(fromRoot) {
  try {
    return fromRoot.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const npmCli = process.env.npm_execpath;
    const bundled = npmCli ? join(dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : '';
    if (bundled && existsSync(bundled)) return bundled;
    throw new BuildFailure('node-gyp was not found: run this through npm (`npm run native:electron`), which ships it.');
  }
}

function run(command, args, cwd, verbose) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (stream, echo) =>
      stream.on('data', (chunk) => {
        output += chunk;
        if (verbose) echo.write(chunk);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('error', (error) => done({ ok: false, output: `${output}${error.message}` }));
    child.on('close', (code) => done({ ok: code === 0, output }));
  });
}

/**
 * npm passes its config to scripts as npm_config_* variables, and node-gyp reads them. A `nodedir`
 * there (ours has one, pointing at this machine's Node headers) would compile against Node instead of
 * Electron's headers and give a binary with the wrong ABI that fails only when the app opens.
 */
function childEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^npm_config_nodedir$/i.test(name)) delete env[name];
  return env;
}

/** What could not be fetched, in a few words: the addresses both tools asked for, where they failed. */
function unreachable(prebuildOutput, gypOutput = '') {
  const asked = [];
  if (NETWORK_FAILURE.test(prebuildOutput)) asked.push(/request GET (\S+)/.exec(prebuildOutput)?.[1] ?? 'the prebuilt binary');
  if (NETWORK_FAILURE.test(gypOutput)) asked.push(/gyp http GET (\S+)/.exec(gypOutput)?.[1] ?? "Electron's headers");
  const cause = /(?:getaddrinfo|connect) \w+ \S+|socket hang up/.exec(prebuildOutput + gypOutput)?.[0];
  return `could not fetch ${asked.join(' nor ')}${cause ? `: ${cause}` : ''}`;
}

/** The ABI prebuild-install computed (its verbose log names the file it looked for). */
function electronAbi(output) {
  return /-electron-v(\d+)-/.exec(output)?.[1] ?? null;
}

function sameBuild(info, wanted) {
  return Object.entries(wanted).every(([key, value]) => info[key] === value);
}

function tail(text, lines = 30) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

main().catch((error) => {
  console.error(error instanceof BuildFailure ? error.message : error);
  process.exitCode = 1;
});
