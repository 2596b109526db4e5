import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requestChannel } from '../../src/shared/contract';
import { settingsViewSchema } from '../../src/shared/settings';
import { startElectronMain, type ElectronMain, type MenuRecord } from '../support/electron-main';
import { useTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

// The built Electron main process (out/main/index.js), run under Node with a recording stand-in
// for `electron` (test/support/fake-electron): the real app host, sandbox and SQLite inside. It
// checks every option and handler of Electron's security checklist that Roundlog itself sets,
// and the desktop behaviour (tray, menu, close-to-tray, window place, login start, quit).

const APP = 'app://roundlog';
const KEY = 'ts_live_never_shown_5a9c';

type Dispatch = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string } };
type Invoked = { registered: boolean; result?: Dispatch };

const temp = useTempDir();
const dataDir = join(temp.path, 'data');
const home = join(temp.path, 'home');
let main: ElectronMain;

const invoke = (method: string, input: unknown, sender: { frameUrl?: string; topFrame?: boolean; otherContents?: boolean } = {}): Promise<Invoked> =>
  main.command<Invoked>('invoke', { channel: requestChannel(method as (typeof REQUEST_NAMES)[number]), input, ...sender });

function labels(menu: readonly MenuRecord[] | null): string[] {
  return (menu ?? []).flatMap((item) => [item.label ?? item.role ?? '', ...labels(item.submenu)]).filter((label) => label !== '');
}

function item(menu: readonly MenuRecord[] | null, label: string): MenuRecord | undefined {
  for (const entry of menu ?? []) {
    if (entry.label === label) return entry;
    const inner = item(entry.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}

beforeAll(async () => {
  main = await startElectronMain({ dataDir, home, env: { FAKE_ELECTRON_PACKAGED: '1' } });
}, 60_000);

afterAll(async () => {
  await main?.stop();
  temp.remove();
});

describe('the Electron main process, built', () => {
  it('registers app:// as a privileged scheme and turns on the sandbox for every renderer before the app is ready', async () => {
    const state = await main.state();
    expect(state.privilegedSchemesWhen).toBe('before-ready');
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(state.sandboxEnabled).toBe('before-ready');
    expect(state.protocols).toEqual(['app']);
  });

  it('opens one window with the checklist’s web preferences and the app from app://, not file://', async () => {
    const [window] = (await main.state()).windows;
    const preferences = window!.options.webPreferences;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(String(preferences.preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(existsSync(String(preferences.preload))).toBe(true);
    expect(window!.urls).toEqual([`${APP}/index.html`]);
  });

  it('serves the renderer over app:// with a strict Content-Security-Policy, and nothing outside it', async () => {
    const page = await main.command<{ status: number; headers: Record<string, string>; bodyStart: string }>('protocol', { url: `${APP}/index.html` });
    expect(page.status).toBe(200);
    expect(page.bodyStart).toContain('<!doctype html>');
    const csp = page.headers['content-security-policy']!;
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'none'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    for (const url of [`${APP}/%2e%2e/package.json`, `${APP}/..%2f..%2fpackage.json`, `${APP}/src/main.tsx`, 'app://elsewhere/index.html']) {
      expect((await main.command<{ status: number }>('protocol', { url })).status, url).toBe(404);
    }
  });

  it('keeps every web contents in the app: no navigation away, no new windows, no webviews', async () => {
    expect(await main.command('navigate', { url: 'https://evil.example/' })).toEqual({ prevented: true });
    expect(await main.command('navigate', { url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    expect(await main.command('navigate', { url: 'https://evil.example/', event: 'will-frame-navigate' })).toEqual({ prevented: true });
    expect(await main.command('navigate', { url: 'https://evil.example/', event: 'will-redirect' })).toEqual({ prevented: true });
    expect(await main.command('navigate', { url: `${APP}/index.html#/settings` })).toEqual({ prevented: false });
    expect(await main.command('attachWebview')).toEqual({ prevented: true });
  });

  it('opens only allow-listed https links, in the system browser, and never a window', async () => {
    expect(await main.command('openWindow', { url: 'https://trackersino.com/docs' })).toEqual({ action: 'deny', openedExternal: true });
    for (const url of ['https://evil.example/', 'http://trackersino.com/', 'https://trackersino.com.evil.example/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(await main.command('openWindow', { url }), url).toEqual({ action: 'deny', openedExternal: false });
    }
    expect((await main.state()).openedExternal).toEqual(['https://trackersino.com/docs']);
  });

  it('denies every permission by default and lets no page reach the network', async () => {
    const state = await main.state();
    expect(state.permissionHandlers).toEqual({ request: true, check: true, device: true });
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(await main.command('permission', { permission }), permission).toEqual({ granted: false, checked: false, device: false });
    }
    for (const url of ['https://api.trackersino.com/v1-beta/games', 'http://127.0.0.1:8080/', 'ws://127.0.0.1:1/', 'file:///etc/passwd']) {
      expect(await main.command('webRequest', { url }), url).toEqual({ filtered: true, cancel: true });
    }
  });

  it('answers exactly the contract’s requests over IPC, only to the app window’s own top frame', async () => {
    const state = await main.state();
    expect([...state.ipcChannels].sort()).toEqual(REQUEST_NAMES.map(requestChannel).sort());
    const status = await invoke('getStatus', {});
    expect(status.result).toMatchObject({ ok: true });
    const refused = { registered: true, result: { ok: false, error: { code: 'forbidden', message: 'Refused: not the Roundlog window.' } } };
    expect(await invoke('getStatus', {}, { frameUrl: 'https://evil.example/' })).toEqual(refused);
    expect(await invoke('getStatus', {}, { topFrame: false })).toEqual(refused);
    expect(await invoke('getStatus', {}, { otherContents: true })).toEqual(refused);
    expect(main.output()).toContain('refused getStatus from https://evil.example/');
  });

  it('validates every IPC input against the contract’s schema', async () => {
    for (const [method, input] of [
      ['getRecentRounds', { game: '../etc', limit: 5 }],
      ['getRecentRounds', { game: 'stake-crash', limit: 10_000_000 }],
      ['setGamePaused', { game: 'stake-crash', paused: 'yes' }],
      ['updateSettings', { theme: 'neon' }],
      ['updateSettings', { apiKey: 'Bearer has spaces' }],
      ['getStatus', 'not an object'],
    ] as const) {
      const answer = await invoke(method, input);
      expect(answer.result, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect((await main.command<Invoked>('invoke', { channel: 'roundlog:request:dropTables', input: {} })).registered).toBe(false);
    expect(main.output()).toContain('refused updateSettings: its input does not fit the contract');
    expect(main.output()).not.toContain('Bearer has spaces');
  });

  it('stores the API key encrypted by safeStorage, shows back only its last four characters, and never logs or sends it', async () => {
    const answer = await invoke('updateSettings', { apiKey: KEY });
    expect(answer.result).toMatchObject({ ok: true });
    const view = settingsViewSchema.parse((answer.result as { output: unknown }).output);
    expect(view.apiKey).toMatchObject({ stored: true, hint: '…5a9c', protection: { kind: 'keychain', text: 'Encrypted by the operating system keychain.' } });
    const stored = readFileSync(join(dataDir, 'api-key.enc'));
    expect(stored.toString('utf8')).not.toContain(KEY);
    expect((statSync(join(dataDir, 'api-key.enc')).mode & 0o077)).toBe(0);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(KEY);
    expect(JSON.stringify(answer)).not.toContain(KEY);
    expect((await main.command<{ found: boolean; count: number }>('sentContains', { text: KEY })).found).toBe(false);
    expect(main.output()).not.toContain(KEY);
    // Back to no key: the rest of this file runs on the sandbox.
    expect((await invoke('updateSettings', { apiKey: null })).result).toMatchObject({ ok: true });
    expect(existsSync(join(dataDir, 'api-key.enc'))).toBe(false);
  });

  it('shows recording in a tray icon whose menu says what each game does', async () => {
    await waitFor(async () => (await main.state()).tray?.tooltip.includes('live') === true, () => 'a live game in the tray tooltip');
    const { tray } = await main.state();
    expect(tray!.image).toBe(join(process.cwd(), 'resources', 'tray.png'));
    expect(existsSync(tray!.image)).toBe(true);
    expect(tray!.tooltip).toMatch(/^Roundlog \(demo data\): /);
    expect(labels(tray!.menu)).toEqual(expect.arrayContaining(['Open Roundlog', 'Quit Roundlog']));
    expect(labels(tray!.menu).some((label) => label.startsWith('Stake Crash: '))).toBe(true);
    expect(labels(tray!.menu).some((label) => label.startsWith('Evolution Crazy Time: '))).toBe(true);
  });

  it('has an application menu with the usual roles and shortcuts, and its Settings item opens settings', async () => {
    const { applicationMenu } = await main.state();
    expect(item(applicationMenu, 'Settings')?.accelerator).toBe('CmdOrCtrl+,');
    expect(item(applicationMenu, 'Quit Roundlog')?.accelerator).toBe('CmdOrCtrl+Q');
    expect(item(applicationMenu, 'Close Window')?.accelerator).toBe('CmdOrCtrl+W');
    const roles = JSON.stringify(applicationMenu);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen', 'zoomIn', 'zoomOut', 'windowMenu']) expect(roles).toContain(`"role":"${role}"`);
    // A packaged app has no reload or developer tools in its menu.
    expect(roles).not.toContain('toggleDevTools');
    expect(await main.command('clickMenu', { label: 'Settings' })).toEqual({ clicked: true });
    const [window] = (await main.state()).windows;
    expect(window!.urls.at(-1)).toBe(`${APP}/index.html#/settings`);
    expect(window!.visible).toBe(true);
  });

  it('closing the window hides it to the tray, says so once, and recording goes on', { timeout: 120_000 }, async () => {
    const before = await storedRounds();
    expect(await main.command('closeWindow')).toEqual({ prevented: true, visible: false, destroyed: false });
    expect(await main.command('closeWindow')).toEqual({ prevented: true, visible: false, destroyed: false });
    const told = (await main.state()).notifications.filter((notice) => notice.title === 'Roundlog is still recording');
    expect(told).toHaveLength(1);
    expect(told[0]!.silent).toBe(true);
    // The app's sandbox plays at the real cadence: a crash round that flies to 100× takes over a minute.
    await waitFor(async () => (await storedRounds()) > before, () => 'a round recorded with the window closed', 90_000);
    // Everything pushed to the window so far, rounds and status included, still never held the key.
    const sent = await main.command<{ found: boolean; channels: string[] }>('sentContains', { text: KEY });
    expect(sent.channels).toEqual(expect.arrayContaining(['roundlog:event:onStatus', 'roundlog:event:onRounds', 'roundlog:event:onSettings']));
    expect(sent.found).toBe(false);
    expect(await main.command('clickTray', { label: 'Open Roundlog' })).toEqual({ clicked: true });
    expect((await main.state()).windows[0]!.visible).toBe(true);
  });

  it('shows each alert as a native notification with the window closed, with the rule’s sound, and a click opens the round', { timeout: 120_000 }, async () => {
    const rule = await invoke('saveAlertRule', {
      id: null,
      name: 'Every crash over 1.01×',
      enabled: true,
      games: ['stake-crash'],
      condition: { kind: 'multiplier', atLeast: 1.01 },
      cooldownSeconds: 0,
      quietHours: null,
      sound: true,
      includeBackfill: false,
    });
    expect(rule.result).toMatchObject({ ok: true });
    await main.command('closeWindow');
    const isAlert = (notice: { title: string }): boolean => notice.title !== 'Roundlog is still recording';
    // The sandbox runs at the real cadence here: a crash round every 10–30 s.
    await waitFor(async () => (await main.state()).notifications.some(isAlert), () => 'an alert notification', 90_000);
    const { notifications } = await main.state();
    const index = notifications.findIndex(isAlert);
    expect(notifications[index]).toMatchObject({ title: 'Every crash over 1.01×', body: expect.stringContaining('Stake Crash'), silent: false });
    expect(await main.command('clickNotification', { index })).toEqual({ clicked: true });
    const [window] = (await main.state()).windows;
    expect(window!.visible).toBe(true);
    expect(window!.urls.at(-1)).toMatch(/^app:\/\/roundlog\/index\.html#\/history\/stake-crash\/.+/);
    const id = (rule.result as { ok: true; output: { id: number } }).output.id;
    expect((await invoke('deleteAlertRule', { id })).result).toMatchObject({ ok: true });
  });

  it('a second launch brings the running window forward instead of starting again', async () => {
    await main.command('closeWindow');
    await main.command('secondInstance');
    const { windows } = await main.state();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.visible).toBe(true);
    const second = await startElectronMain({ dataDir, home, env: { FAKE_ELECTRON_SECOND_INSTANCE: '1' }, waitForWindow: false });
    expect(await second.exited).toBe(0);
    expect(second.output()).not.toContain('Error');
  });

  it('starts at login through an XDG autostart entry on Linux, hidden, and removes it when turned off', async () => {
    const entry = join(home, '.config', 'autostart', 'roundlog.desktop');
    expect(existsSync(entry)).toBe(false);
    expect((await invoke('updateSettings', { startAtLogin: true })).result).toMatchObject({ ok: true });
    await waitFor(() => existsSync(entry), () => 'the autostart entry');
    expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=.+ --hidden$/m);
    expect((await invoke('updateSettings', { startAtLogin: false })).result).toMatchObject({ ok: true });
    await waitFor(() => !existsSync(entry), () => 'the autostart entry removed');
  });

  it('remembers where the window was, and Quit closes the history cleanly and exits', async () => {
    await main.command('moveWindow', { bounds: { x: 140, y: 90, width: 1100, height: 760 } });
    await main.command('closeWindow');
    expect(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'))).toEqual({ x: 140, y: 90, width: 1100, height: 760, maximized: false });
    expect(await main.command('clickTray', { label: 'Quit Roundlog' })).toEqual({ clicked: true });
    expect(await main.exited).toBe(0);
    expect(main.output()).not.toContain(KEY);

    // A start at login (--hidden) opens where the window was, and keeps it hidden.
    main = await startElectronMain({ dataDir, home, argv: ['--hidden'] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [window] = (await main.state()).windows;
    expect(window!.options).toMatchObject({ x: 140, y: 90, width: 1100, height: 760 });
    expect(window!.visible).toBe(false);
    expect((await main.state()).tray).not.toBeNull();
  });
});

async function storedRounds(): Promise<number> {
  const answer = await invoke('getStatus', {});
  const output = (answer.result as { ok: true; output: { games: { roundsStored: number }[] } }).output;
  return output.games.reduce((sum, game) => sum + game.roundsStored, 0);
}
