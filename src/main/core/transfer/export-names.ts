import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { microsToIso } from '../../../shared/time';
import type { TimeRange } from './round-pages';

// Names of export files, made by the main process (the page never names a path): what a person
// sees in the folder says which game and which span of time the file holds.

export function exportsFolder(dataDir: string): string {
  return join(dataDir, 'exports');
}

/** `20261121T120000Z`: an instant as a file name can hold it on every OS. */
const stamp = (us: number): string => microsToIso(us).replace(/\.\d+Z$/, 'Z').replaceAll('-', '').replaceAll(':', '');

/**
 * `stake-crash_20261101T000000Z-to-20261121T120000Z`, or with a label for a range given by name
 * (`stake-crash_last-24h-to-…`, `stake-crash_all-to-…`); an open end is the moment of the export.
 */
export function exportFileBase(game: string, range: TimeRange, nowUs: number, label?: string): string {
  const until = stamp(range.untilUs ?? nowUs);
  const since = label ?? (range.fromUs === null ? 'start' : stamp(range.fromUs));
  return `${game}_${since}-to-${until}`;
}

/** `folder/base.ext`, or `base-2.ext`… when that name is on disk or in `taken`. */
export function freeExportFile(folder: string, base: string, extension: string, taken: ReadonlySet<string> = new Set()): string {
  for (let n = 1; ; n++) {
    const file = join(folder, `${base}${n === 1 ? '' : `-${n}`}.${extension}`);
    if (!taken.has(file) && !existsSync(file)) return file;
  }
}
