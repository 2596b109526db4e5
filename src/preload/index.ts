import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, eventChannel, REQUEST_NAMES, requestChannel } from '../shared/contract';

// Exposes exactly the contract's named methods as `window.roundlog`; the page never sees
// ipcRenderer or a generic invoke. Main validates every input; the renderer validates replies.

type Result = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string } };

const api: Record<string, unknown> = {};
for (const name of REQUEST_NAMES) {
  api[name] = async (input: unknown): Promise<unknown> => {
    const result = (await ipcRenderer.invoke(requestChannel(name), input)) as Result;
    if (result.ok) return result.output;
    throw new Error(result.error.message);
  };
}
for (const name of EVENT_NAMES) {
  api[name] = (listener: (payload: unknown) => void): (() => void) => {
    const channel = eventChannel(name);
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  };
}

contextBridge.exposeInMainWorld('roundlog', api);
