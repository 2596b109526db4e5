import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, eventChannel, REQUEST_NAMES, requestChannel } from '../../src/shared/contract';
import { gameStatus, statusOf as status } from '../../src/renderer/src/testing/statusFixture';
import type { GameStatus } from '../../src/shared/contract';

const game = (slug: string, name: string, patch: Partial<GameStatus> = {}): GameStatus => gameStatus({ game: slug, name, ...patch });

// The BUILT preload (out/preload/index.cjs), loaded the way Electron loads a sandboxed preload: a
// `require` that offers `electron` and nothing else, so a bundle that needs any other module fails
// here as it would in the app. `contextBridge` and `ipcRenderer` are recording stand-ins.

type Listener = (event: unknown, payload: unknown) => void;

const exposed = new Map<string, Record<string, unknown>>();
const invoked: { channel: string; input: unknown }[] = [];
const listeners = new Map<string, Set<Listener>>();
let reply: unknown = null;

beforeAll(() => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        invoked.push({ channel, input });
        return reply;
      },
      on: (channel: string, listener: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
    },
  };
  const sandboxedRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${name}"`);
  };
  const file = join(resolve(import.meta.dirname, '../..'), 'out/preload/index.cjs');
  const load = runInThisContext(`(function (require, module, exports) {${readFileSync(file, 'utf8')}\n})`, { filename: file }) as (
    require: (name: string) => unknown,
    module: { exports: unknown },
    exports: unknown,
  ) => void;
  const module = { exports: {} };
  load(sandboxedRequire, module, module.exports);
});

const api = (): Record<string, unknown> => exposed.get('roundlog')!;
const call = (name: string, input: unknown): Promise<unknown> => (api()[name] as (input: unknown) => Promise<unknown>)(input);

describe('the preload, built', () => {
  it('exposes one object, `roundlog`, holding exactly the contract’s methods and no IPC primitive', () => {
    expect([...exposed.keys()]).toEqual(['roundlog']);
    expect(Object.keys(api()).sort()).toEqual([...REQUEST_NAMES, ...EVENT_NAMES].sort());
    for (const value of Object.values(api())) expect(typeof value).toBe('function');
    for (const primitive of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync', 'postMessage']) expect(api()).not.toHaveProperty(primitive);
  });

  it('calls main on the request’s own channel and hands the page only a reply that fits the contract', async () => {
    const valid = status('sandbox', [game('stake-crash', 'Stake Crash')]);
    reply = { ok: true, output: valid };
    expect(await call('getStatus', {})).toEqual(valid);
    expect(invoked.at(-1)).toEqual({ channel: requestChannel('getStatus'), input: {} });

    reply = { ok: true, output: { ...valid, injected: '<script>' } };
    await expect(call('getStatus', {})).rejects.toThrow('Roundlog sent an invalid reply to getStatus.');
    reply = { ok: false, error: { code: 'forbidden', message: 'Refused: not the Roundlog window.' } };
    await expect(call('getStatus', {})).rejects.toThrow('Refused: not the Roundlog window.');
  });

  it('delivers pushed events that fit the contract, drops the rest, and unsubscribes', () => {
    const received: unknown[] = [];
    const dispose = (api().onStatus as (listener: (payload: unknown) => void) => () => void)((payload) => received.push(payload));
    const [listener] = [...listeners.get(eventChannel('onStatus'))!];
    const valid = status('live', [game('crazytime', 'Crazy Time', { kind: 'wheel-show' })]);
    listener!({}, valid);
    listener!({}, { not: 'a status' });
    expect(received).toEqual([valid]);
    dispose();
    expect(listeners.get(eventChannel('onStatus'))!.size).toBe(0);
  });
});
