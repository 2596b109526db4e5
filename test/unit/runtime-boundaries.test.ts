import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The folders say where code runs (architecture.md): only src/main/electron and the preload may
// import `electron`, so everything else runs under Node, in the tests and in `roundlog serve`.

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const IMPORTS_ELECTRON = /(?:from\s*['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

function sources(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => /\.(ts|tsx|mts|cts|js|mjs)$/.test(file)).map((file) => join(dir, file));
}

describe('runtime boundaries', () => {
  it('nothing outside src/main/electron and src/preload imports electron (type-only imports aside)', () => {
    const offenders = sources(SRC)
      .filter((file) => !/^main[\\/]electron[\\/]|^preload[\\/]/.test(relative(SRC, file)))
      .filter((file) => readFileSync(file, 'utf8').split('\n').some((line) => IMPORTS_ELECTRON.test(line) && !/^\s*import\s+type\b/.test(line)));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('the check sees an import of electron where there is one', () => {
    const electronFiles = sources(join(SRC, 'main', 'electron')).filter((file) => IMPORTS_ELECTRON.test(readFileSync(file, 'utf8')));
    expect(electronFiles.length).toBeGreaterThan(3);
  });
});
