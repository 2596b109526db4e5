#!/usr/bin/env node
// The CLI is built with the app (`npm install` runs the build); this stub only finds it.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('roundlog: the app is not built yet. Run `npm install` (or `npm run build`) in the Roundlog folder first.');
  process.exit(1);
}
await import(cli.href);
