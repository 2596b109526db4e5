import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `content` to a temporary file renamed over `path`, so a crash or a full disk leaves the
 * previous file whole. Throws the file system's error; callers say what it means to the user.
 */
export function writeFileAtomically(path: string, content: string | Uint8Array, mode = 0o600): void {
  const temporary = `${path}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  // A temporary file left by a crash keeps its old mode when rewritten: start from none.
  rmSync(temporary, { force: true });
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, path);
}
