import { readFileSync, rmSync, statSync } from 'node:fs';
import type { KeyProtection } from '../../../shared/settings';
import { writeFileAtomically } from '../atomic-write';
import { UserFacingError } from '../user-facing-error';

/** Where the API key is kept at rest. Electron's store encrypts with the OS keychain. */
export interface SecretStore {
  /** How a key written here is kept; Settings shows it before and after one is saved. */
  readonly protection: KeyProtection;
  read(): Promise<string | null>;
  /** null forgets the key. */
  write(secret: string | null): Promise<void>;
}

/**
 * A key kept in a file: null when there is none; refused when others may read it (ssh's rule).
 * Synchronous, so the command line can read `--api-key-file` while it checks its flags.
 */
export function readKeyFile(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new UserFacingError('key_file_exposed', `${path} can be read by other users; run "chmod 600 ${path}" and start again.`);
  }
  const key = text.trim();
  return key === '' ? null : key;
}

/**
 * `roundlog serve` (no OS keychain in a terminal): a file only its owner may read (0600), the
 * convention of ssh keys and CLI credentials. A file others can read is refused, not trusted.
 */
export function fileSecretStore(path: string): SecretStore {
  return {
    protection: { kind: 'owner-file', text: 'Kept in a file only your user can read (0600), not encrypted.' },
    read: async () => readKeyFile(path),
    write: async (secret) => {
      if (secret === null) rmSync(path, { force: true });
      // Created 0600 under a temporary name and renamed: never readable by others, never half written.
      else writeFileAtomically(path, `${secret}\n`, 0o600);
    },
  };
}
