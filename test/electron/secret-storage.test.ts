import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestChannel } from '../../src/shared/contract';
import { startElectronMain, type ElectronMain } from '../support/electron-main';
import { useTempDir } from '../support/temp-dir';

// The key's protection when the OS keychain is missing: the built main process, run under Node
// with the recording stand-in for `electron` (test/support/fake-electron), told which
// safeStorage backend the "OS" offers.

const KEY = 'ts_live_kept_from_view_77aa';

type Dispatch = { ok: true; output: { apiKey: { protection: { kind: string; text: string }; stored: boolean } } } | { ok: false; error: { code: string; message: string } };

let main: ElectronMain | null = null;
let temp: ReturnType<typeof useTempDir> | null = null;
afterEach(async () => {
  await main?.stop();
  temp?.remove();
});

async function start(env: Record<string, string>, storedKey?: string): Promise<{ main: ElectronMain; dataDir: string }> {
  temp = useTempDir();
  const dataDir = join(temp.path, 'data');
  if (storedKey !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'api-key.enc'), storedKey, { mode: 0o600 });
  }
  main = await startElectronMain({ dataDir, home: join(temp.path, 'home'), env });
  return { main, dataDir };
}

const request = async (app: ElectronMain, method: string, input: unknown): Promise<Dispatch> =>
  (await app.command<{ result: Dispatch }>('invoke', { channel: requestChannel(method as 'getSettings'), input })).result;

describe('the API key without an OS keychain', () => {
  it('says loudly, in the log and in settings before a key is saved, when Linux offers only the plain-text backend', async () => {
    const { main: app } = await start({ FAKE_SAFE_STORAGE_BACKEND: 'basic_text' });
    expect(app.output()).toContain('API key storage: WARNING: No keyring was found (libsecret or kwallet), so a key saved here is only obfuscated on disk');
    const plainText = { kind: 'plain-text', text: expect.stringMatching(/^No keyring was found/) };
    const before = await request(app, 'getSettings', {});
    expect(before.ok && before.output.apiKey).toMatchObject({ stored: false, protection: plainText });
    const saved = await request(app, 'updateSettings', { apiKey: KEY });
    expect(saved.ok && saved.output.apiKey).toMatchObject({ stored: true, protection: plainText });
    expect(app.output()).not.toContain(KEY);
  });

  it('refuses to store the key when the OS offers no encryption, and says what to do instead', async () => {
    const { main: app, dataDir } = await start({ FAKE_SAFE_STORAGE: 'none' });
    expect(app.output()).toContain('API key storage: This system offers no encryption for secrets, so Roundlog will not store a key here.');
    const before = await request(app, 'getSettings', {});
    expect(before.ok && before.output.apiKey).toMatchObject({ stored: false, protection: { kind: 'unavailable', text: expect.stringContaining('Set TRACKERSINO_API_KEY') } });
    const refused = await request(app, 'updateSettings', { apiKey: KEY });
    expect(refused).toEqual({ ok: false, error: { code: 'no_encryption', message: expect.stringContaining('Set TRACKERSINO_API_KEY instead') } });
    expect(existsSync(join(dataDir, 'api-key.enc'))).toBe(false);
    expect(app.output()).not.toContain(KEY);
  });

  it('starts without a key, and says so, when the stored key cannot be decrypted (a reset keychain)', async () => {
    const { main: app } = await start({}, 'ciphertext from another keychain');
    expect(app.output()).toContain('the stored API key could not be decrypted');
    const view = await request(app, 'getSettings', {});
    expect(view.ok && view.output.apiKey.stored).toBe(false);
  });
});
