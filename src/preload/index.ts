import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, eventChannel, eventSchemas, REQUEST_NAMES, requestChannel, requestSchemas } from '../shared/contract';

// Exposes exactly the contract's named methods as `window.roundlog`; the page never sees
// ipcRenderer or a generic invoke. Main validates every input; replies and pushed events are
// validated here against the same schemas before the page sees them.

type Result = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string } };

const api: Record<string, unknown> = {};
for (const name of REQUEST_NAMES) {
  api[name] = async (input: unknown): Promise<unknown> => {
    const result = (await ipcRenderer.invoke(requestChannel(name), input)) as Result;
    if (!result.ok) throw new Error(result.error.message);
    const output = requestSchemas[name].output.safeParse(result.output);
    if (!output.success) throw new Error(`Roundlog sent an invalid reply to ${name}.`);
    return output.data;
  };
}
for (const name of EVENT_NAMES) {
  api[name] = (listener: (payload: unknown) => void): (() => void) => {
    const channel = eventChannel(name);
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => {
      const parsed = eventSchemas[name].safeParse(payload);
      if (parsed.success) listener(parsed.data);
      else console.error(`roundlog: dropped an invalid ${name} event`);
    };
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  };
}

contextBridge.exposeInMainWorld('roundlog', api);
