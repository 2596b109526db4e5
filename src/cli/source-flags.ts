import { ConfigError } from '../main/core/config';
import { readKeyFile } from '../main/core/settings/secret-store';
import { UserFacingError } from '../main/core/user-facing-error';

// The flags every command shares to choose the history and the upstream, and where the API key
// may come from: the environment or a file only its owner can read. A key typed on the command
// line works but is said to be visible to every user of the machine (`ps`).

export const SOURCE_FLAGS = {
  'data-dir': { type: 'string' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'api-key-file': { type: 'string' },
} as const;

export const SOURCE_USAGE = `  --data-dir DIR     where the history lives (env ROUNDLOG_DATA_DIR)
  --base-url URL     TrackerSino API root, e.g. https://api.trackersino.com (env TRACKERSINO_BASE_URL)
  --api-key-file F   read the TrackerSino API key from F, a file only you may read (chmod 600)
  --api-key KEY      the key itself (env TRACKERSINO_API_KEY, preferred: a flag shows in the process list);
                     without a key, the embedded sandbox runs`;

/** The key the flags give, or undefined (then TRACKERSINO_API_KEY, then settings, decide). */
export function apiKeyFromFlags(values: Readonly<Record<string, unknown>>, warn: (message: string) => void): string | undefined {
  const typed = typeof values['api-key'] === 'string' ? values['api-key'] : undefined;
  const file = typeof values['api-key-file'] === 'string' ? values['api-key-file'] : undefined;
  if (typed !== undefined && file !== undefined) throw new ConfigError('give --api-key or --api-key-file, not both.');
  if (typed !== undefined) {
    warn('warning: --api-key shows the key to every user of this machine in the process list; prefer TRACKERSINO_API_KEY or --api-key-file.');
    return typed;
  }
  if (file === undefined) return undefined;
  let key: string | null;
  try {
    key = readKeyFile(file);
  } catch (error) {
    if (error instanceof UserFacingError) throw new ConfigError(error.message);
    throw new ConfigError(`--api-key-file ${file} cannot be read (${(error as Error).message}).`);
  }
  if (key === null) throw new ConfigError(`--api-key-file ${file} is missing or empty.`);
  return key;
}
