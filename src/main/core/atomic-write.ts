import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `text` to a temporary file renamed over `path`, so a crash or a full disk leaves the
 * previous file whole. Throws the file system's error; callers say what it means to the user.
 */
export function writeFileAtomically(path: string, text: string, mode = 0o600): void {
  const temporary = `${path}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, path);
}
