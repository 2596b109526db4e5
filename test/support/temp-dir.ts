import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test, removed afterwards: real files, never a mocked database. */
export function useTempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'roundlog-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
