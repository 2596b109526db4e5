import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The page-parsing worker as `npm test` builds it (out/main), the same file the app runs. */
export function builtPageParseWorker(): URL {
  const url = new URL('../../out/main/page-parse-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error('out/main/page-parse-worker.js is missing: run `npm run build` (npm test does) first.');
  return url;
}

/** The export worker as `npm test` builds it (out/main). */
export function builtExportWorker(): URL {
  const url = new URL('../../out/main/export-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error('out/main/export-worker.js is missing: run `npm run build` (npm test does) first.');
  return url;
}

/** The exact-statistics worker as `npm test` builds it (out/main). */
export function builtExactStatsWorker(): URL {
  const url = new URL('../../out/main/exact-stats-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error('out/main/exact-stats-worker.js is missing: run `npm run build` (npm test does) first.');
  return url;
}
