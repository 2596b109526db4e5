import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { waitFor } from './wait';

// Runs the BUILT Electron main process (out/main/index.js) under plain Node with `electron`
// resolved to the recording stand-in in ./fake-electron (read its header for what that proves).
// The app inside is the real one: real app host, real sandbox server, real SQLite files.

const ROOT = resolve(import.meta.dirname, '../..');
const REGISTER = join(import.meta.dirname, 'fake-electron', 'register.mjs');

export interface ElectronMainOptions {
  readonly dataDir: string;
  readonly home: string;
  readonly settings?: Partial<Settings>;
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** False for a run expected to exit before it opens a window (a second instance). */
  readonly waitForWindow?: boolean;
}

export interface WindowRecord {
  readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  readonly visible: boolean;
  readonly destroyed: boolean;
  readonly urls: string[];
  readonly bounds: { x: number; y: number; width: number; height: number };
}

export interface MenuRecord {
  readonly label: string | null;
  readonly role: string | null;
  readonly type: string | null;
  readonly accelerator: string | null;
  readonly enabled: boolean;
  readonly submenu: MenuRecord[] | null;
}

export interface MainState {
  readonly ready: boolean;
  readonly sandboxEnabled: string | null;
  readonly privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] | null;
  readonly privilegedSchemesWhen: string | null;
  readonly protocols: string[];
  readonly ipcChannels: string[];
  readonly windows: WindowRecord[];
  readonly applicationMenu: MenuRecord[] | null;
  readonly tray: { image: string; template: boolean; tooltip: string; menu: MenuRecord[]; destroyed: boolean } | null;
  readonly notifications: { title: string; body: string; silent: boolean; icon: string }[];
  readonly openedExternal: string[];
  readonly loginItem: Record<string, unknown> | null;
  readonly errorBoxes: { title: string; content: string }[];
  readonly permissionHandlers: { request: boolean; check: boolean; device: boolean };
}

export interface ElectronMain {
  command<T>(name: string, args?: Record<string, unknown>): Promise<T>;
  state(): Promise<MainState>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startElectronMain(options: ElectronMainOptions): Promise<ElectronMain> {
  mkdirSync(options.dataDir, { recursive: true });
  const settings: Settings = { ...DEFAULT_SETTINGS, historyDepth: '1h', firstRunDone: true, ...options.settings };
  writeFileSync(join(options.dataDir, 'settings.json'), JSON.stringify(settings));
  const child: ChildProcess = fork(join(ROOT, 'out/main/index.js'), [...(options.argv ?? [])], {
    cwd: ROOT,
    execArgv: ['--import', REGISTER],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH ?? '',
      FAKE_ELECTRON_USER_DATA: options.dataDir,
      FAKE_ELECTRON_HOME: options.home,
      FAKE_ELECTRON_APP_PATH: ROOT,
      ...options.env,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));

  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(message.error));
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the main process exited\n${output}`));
    pending.clear();
  });
  const command = <T>(name: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (done) return reject(new Error(`the main process has exited\n${output}`));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, command: name, args });
    });
  const main: ElectronMain = {
    command,
    state: () => command<MainState>('state'),
    output: () => output,
    exited,
    stop: async () => {
      if (!done) child.kill('SIGKILL');
      await exited;
    },
  };
  if (options.waitForWindow !== false) {
    await waitFor(
      async () => done || (await main.state()).windows.length > 0,
      () => `a window from the main process\n${output}`,
      30_000,
    );
    if (done) throw new Error(`the main process exited before it opened a window\n${output}`);
  }
  return main;
}
