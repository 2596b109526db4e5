import { safeStorage } from 'electron';
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomically } from '../core/atomic-write';
import type { KeyProtection } from '../../shared/settings';
import type { SecretStore } from '../core/settings/secret-store';
import { UserFacingError } from '../core/user-facing-error';

/**
 * The API key encrypted by the OS (Keychain, DPAPI, libsecret/kwallet) with safeStorage's async
 * API, as ciphertext in the data folder. Refuses to store when the OS offers no encryption, and
 * says so loudly when Linux has only the plain-text backend.
 */
export async function safeStorageSecretStore(path: string, log: (message: string) => void): Promise<SecretStore> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const plainText = backend === 'basic_text' || backend === 'unknown';
  const protection: KeyProtection = !available
    ? {
        kind: 'unavailable',
        text: 'This system offers no encryption for secrets, so Roundlog will not store a key here. Set TRACKERSINO_API_KEY where Roundlog starts instead.',
      }
    : plainText
      ? {
          kind: 'plain-text',
          text: 'No keyring was found (libsecret or kwallet), so a key saved here is only obfuscated on disk, not encrypted. Unlock or install a keyring and restart Roundlog, or set TRACKERSINO_API_KEY instead.',
        }
      : { kind: 'keychain', text: 'Encrypted by the operating system keychain.' };
  if (protection.kind !== 'keychain') log(`API key storage: ${protection.kind === 'plain-text' ? 'WARNING: ' : ''}${protection.text}`);
  return {
    protection,
    read: async () => {
      let cipher: Buffer;
      try {
        cipher = readFileSync(path);
      } catch {
        return null;
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(cipher);
        if (result === '') return null;
        if (shouldReEncrypt) writeFileAtomically(path, await safeStorage.encryptStringAsync(result), 0o600);
        return result;
      } catch (error) {
        // A reset keychain or a profile moved between machines: start without a key, never fail to start.
        log(`the stored API key could not be decrypted (${(error as Error).message}); enter it again in Settings`);
        return null;
      }
    },
    write: async (secret) => {
      if (secret === null) {
        rmSync(path, { force: true });
        return;
      }
      if (!available) {
        throw new UserFacingError('no_encryption', 'This system offers no encryption for secrets, so Roundlog will not store the key. Set TRACKERSINO_API_KEY instead.');
      }
      writeFileAtomically(path, await safeStorage.encryptStringAsync(secret), 0o600);
    },
  };
}
