// `npm start`: build, then open the Electron window where Electron's binary exists; otherwise say
// why in one line and run `roundlog serve`, the same app in a browser tab.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The bin is not an export of electron-vite; its package.json is, and names it.
const electronViteDir = dirname(require.resolve('electron-vite/package.json'));
const electronViteBin = join(electronViteDir, require('electron-vite/package.json').bin['electron-vite']);
// ROUNDLOG_SKIP_BUILD=1: the caller has just built (the test suite does), so out/ is not rewritten
// under its feet.
if (!process.env.ROUNDLOG_SKIP_BUILD) {
  const build = spawnSync(process.execPath, [electronViteBin, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Found without require('electron'), which would try to download a missing binary.
function findElectronBinary() {
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const electronBinary = findElectronBinary();
const reason = 'the Electron binary is not installed on this machine (`npx install-electron` fetches it where the internet is reachable)';

const child = electronBinary
  ? spawn(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  : (console.log(`roundlog: ${reason}; running \`roundlog serve\` instead, open the address it prints.`),
    spawn(process.execPath, ['out/main/cli.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
