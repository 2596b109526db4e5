import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type KeyProtection, type SettingsView } from '../../src/shared/settings';
import { startHost, type RoundlogHost } from '../../src/main/core/app-host';
import { dispatchRequest } from '../../src/main/core/dispatch';
import { fileSecretStore } from '../../src/main/core/settings/secret-store';
import { startSandbox, type Sandbox } from '../../src/sim/server';
import { useTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

// The app host over real cores: settings persist in the data folder, the key goes in and never
// comes back out, and a change of upstream or games restarts recording while requests wait.

const FAST = { sandbox: { speed: 40, epochMs: Date.now() - 10 * 60_000 } };
const LIVE_KEY = 'ts_live_0123456789abcdef';

describe('the app host', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function host(dataDir: string, logs: string[] = []): Promise<RoundlogHost> {
    const started = await startHost({ dataDir, secrets: fileSecretStore(join(dataDir, 'api-key')), composeOptions: FAST, log: (line) => logs.push(line) });
    cleanups.push(() => started.close());
    return started;
  }

  function folder(): string {
    const dir = useTempDir();
    cleanups.push(() => dir.remove());
    return dir.path;
  }

  it('starts a fresh folder on the demo sandbox with default settings, and keeps a theme change without restarting', async () => {
    const dir = folder();
    const app = await host(dir);
    const first = await app.service.getSettings({});
    expect(first.settings).toMatchObject({ environment: 'sandbox', theme: 'dark', firstRunDone: false, games: ['stake-crash', 'crazytime'] });
    expect(first.running.mode).toBe('sandbox');
    // How a key would be kept is said before one is saved.
    expect(first.apiKey).toEqual({ stored: false, hint: null, source: null, protection: { kind: 'owner-file', text: expect.stringContaining('(0600)') } });

    const pushed: SettingsView[] = [];
    cleanups.push(app.service.onSettings((view) => pushed.push(view)));
    const core = app.core;
    const after = await app.service.updateSettings({ theme: 'light', firstRunDone: true, houseEdges: { 'stake-crash': 0.02 } });
    expect(after.settings).toMatchObject({ theme: 'light', firstRunDone: true, houseEdges: { 'stake-crash': 0.02 } });
    expect(app.core).toBe(core);
    expect(pushed.at(-1)?.settings.theme).toBe('light');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'light' });
  });

  it('restarts recording when the tracked games change, with requests made meanwhile answered by the new core', async () => {
    const app = await host(folder());
    await waitFor(async () => (await app.service.getStatus({})).games.some((game) => game.roundsStored > 0), () => 'rounds recorded');
    const before = app.core;
    const update = app.service.updateSettings({ games: ['stake-crash', 'monopolylive'] });
    const during = app.service.getStatus({});
    await update;
    expect(app.core).not.toBe(before);
    const status = await during;
    expect(status.games.filter((game) => game.tracked).map((game) => game.game)).toEqual(['stake-crash', 'monopolylive']);
    await waitFor(async () => ((await app.service.getStatus({})).games.find((game) => game.game === 'monopolylive')?.roundsStored ?? 0) > 0, () => 'monopoly rounds');
    const counted = await app.service.countRounds({ game: 'stake-crash', window: 'all' });
    expect(counted.rounds).toBe((await app.service.getStatus({})).games.find((game) => game.game === 'stake-crash')!.roundsStored);
  });

  it('goes live when the user saves a key and a base URL, shows only the last four characters, and keeps both across a restart', async () => {
    const upstream: Sandbox = await startSandbox({ key: LIVE_KEY, speed: 40, epochMs: Date.now() - 10 * 60_000 });
    cleanups.push(() => upstream.close());
    const dir = folder();
    const app = await host(dir);

    const refused = await dispatchRequest(app.service, 'updateSettings', { environment: 'production' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'api_key_required' } });
    const badUrl = await dispatchRequest(app.service, 'updateSettings', { environment: 'custom', baseUrl: 'ftp://example.com', apiKey: LIVE_KEY });
    expect(badUrl).toMatchObject({ ok: false });
    expect((await app.service.getSettings({})).apiKey.stored).toBe(false);

    const live = await app.service.updateSettings({ environment: 'custom', baseUrl: upstream.url, apiKey: LIVE_KEY });
    expect(live.running).toEqual({ mode: 'live', baseUrl: upstream.url });
    expect(live.apiKey).toMatchObject({ stored: true, hint: '…cdef', source: 'settings' });
    expect(JSON.stringify(live)).not.toContain(LIVE_KEY);
    expect(JSON.stringify(await app.service.getStatus({}))).not.toContain(LIVE_KEY);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain(LIVE_KEY);
    expect(statSync(join(dir, 'api-key')).mode & 0o777).toBe(0o600);
    await waitFor(async () => (await app.service.getStatus({})).games.some((game) => game.roundsStored > 0), () => 'live rounds recorded');

    await app.close();
    const again = await host(dir);
    const view = await again.service.getSettings({});
    expect(view.running.mode).toBe('live');
    expect(view.settings).toMatchObject({ environment: 'custom', baseUrl: upstream.url });

    const demo = await again.service.updateSettings({ environment: 'sandbox', apiKey: null });
    expect(demo.running.mode).toBe('sandbox');
    expect(demo.apiKey.stored).toBe(false);
  });

  it('remembers a paused game across a restart, and resumes it when asked', async () => {
    const dir = folder();
    const app = await host(dir);
    await app.service.setGamePaused({ game: 'crazytime', paused: true });
    const state = async (target: RoundlogHost) => (await target.service.getStatus({})).games.find((game) => game.game === 'crazytime')?.state;
    expect(await state(app)).toBe('paused');
    expect((await app.service.getSettings({})).settings.paused).toEqual(['crazytime']);
    await app.close();

    const again = await host(dir);
    expect(await state(again)).toBe('paused');
    await again.service.setGamePaused({ game: 'crazytime', paused: false });
    await waitFor(async () => (await state(again)) !== 'paused', () => 'crazytime resumed');
    expect((await again.service.getSettings({})).settings.paused).toEqual([]);
  });

  it('reads a damaged settings file field by field and moves an unreadable one aside, losing nothing', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'light', games: ['NOT A SLUG'], historyDepth: 'forever', fromTheFuture: true }));
    const logs: string[] = [];
    const app = await host(dir, logs);
    const view = await app.service.getSettings({});
    expect(view.settings).toMatchObject({ theme: 'light', games: ['stake-crash', 'crazytime'], historyDepth: '6h' });
    expect(logs.join('\n')).toMatch(/"games" ignored/);
    expect(logs.join('\n')).toMatch(/"historyDepth" ignored/);
    await app.close();

    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const second = await host(dir, logs);
    expect((await second.service.getSettings({})).settings.theme).toBe('dark');
    expect(readFileSync(join(dir, 'settings.json.unreadable'), 'utf8')).toBe('{ not json');
  });

  it('says how a key would be kept before one is saved, a weak store included, and after', async () => {
    const dir = folder();
    const weak: KeyProtection = { kind: 'plain-text', text: 'No keyring was found; a key saved here is only obfuscated on disk.' };
    const file = fileSecretStore(join(dir, 'api-key'));
    const started = await startHost({ dataDir: dir, secrets: { ...file, protection: weak }, composeOptions: FAST, log: () => {} });
    cleanups.push(() => started.close());
    expect((await started.service.getSettings({})).apiKey).toEqual({ stored: false, hint: null, source: null, protection: weak });
    expect((await started.service.updateSettings({ apiKey: LIVE_KEY })).apiKey).toMatchObject({ stored: true, protection: weak });
    expect((await started.service.updateSettings({ apiKey: null })).apiKey).toMatchObject({ stored: false, protection: weak });

    const upstream: Sandbox = await startSandbox({ key: LIVE_KEY, speed: 40, epochMs: Date.now() - 10 * 60_000 });
    cleanups.push(() => upstream.close());
    const overrides = { apiKey: LIVE_KEY, baseUrl: upstream.url };
    const given = await startHost({ dataDir: folder(), secrets: { ...file, protection: weak }, overrides, composeOptions: FAST, log: () => {} });
    cleanups.push(() => given.close());
    expect((await given.service.getSettings({})).apiKey).toMatchObject({ source: 'environment', protection: { kind: 'environment' } });
  });

  it('runs the demo, and says why without the key, when a key stored before the checks holds a control character', async () => {
    const dir = folder();
    const key = 'ts_live_old\u0000key_31f0';
    writeFileSync(join(dir, 'api-key'), `${key}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, environment: 'production' }));
    const logs: string[] = [];
    const app = await host(dir, logs);
    expect(app.core.mode).toBe('sandbox');
    expect(logs.join('\n')).toMatch(/settings cannot run \(The API key holds a control or non-ASCII character/);
    expect(logs.join('\n')).not.toContain('ts_live_old');
  });

  it('refuses invalid settings at the boundary and compacts the history on request', async () => {
    const app = await host(folder());
    expect(await dispatchRequest(app.service, 'updateSettings', { games: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchRequest(app.service, 'updateSettings', { houseEdges: { 'stake-crash': 1.5 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchRequest(app.service, 'updateSettings', { apiKey: 'Bearer abcdefghijkl' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchRequest(app.service, 'updateSettings', { apiKey: 'ts_live_abc\u0000defgh' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/control or non-ASCII character/) },
    });
    expect(await dispatchRequest(app.service, 'updateSettings', { theme: 'sepia' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await waitFor(async () => (await app.service.getStatus({})).games.some((game) => game.roundsStored > 0), () => 'rounds recorded');
    const compacted = await app.service.compactHistory({});
    expect(compacted.bytesBefore).toBeGreaterThan(0);
    expect(compacted.bytesAfter).toBeGreaterThan(0);
    expect((await app.service.getSettings({})).data.bytes).toBeGreaterThan(0);
  });
});
