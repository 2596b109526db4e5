import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, eventChannel, REQUEST_NAMES, requestChannel, type RoundlogService } from '../../shared/contract';
import { dispatchRequest, type DispatchResult } from '../core/dispatch';
import { APP_ORIGIN } from './app-protocol';

/**
 * Only the app window's own top frame, showing the app, may call the service: another window, an
 * injected subframe or a page the window was somehow sent to is refused.
 */
function fromAppFrame(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return !window.isDestroyed() && event.sender.id === window.webContents.id && frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Adapts the service to ipcMain: one handler per request of the contract, one channel per event.
 * Every input is validated against the contract's schema by dispatchRequest before the core sees it.
 */
export function registerIpc(service: RoundlogService, window: BrowserWindow, log: (message: string) => void): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(requestChannel(name), async (event, input: unknown): Promise<DispatchResult> => {
      if (!fromAppFrame(event, window)) {
        log(`refused ${name} from ${event.senderFrame?.url.slice(0, 120) ?? 'an unknown frame'}`);
        return { ok: false, error: { code: 'forbidden', message: 'Refused: not the Roundlog window.' } };
      }
      const result = await dispatchRequest(service, name, input);
      // Only the method: the input may hold a key being saved.
      if (!result.ok && result.error.code === 'invalid_input') log(`refused ${name}: its input does not fit the contract`);
      return result;
    });
  }
  const disposers = EVENT_NAMES.map((event) =>
    (service[event] as (listener: (payload: unknown) => void) => () => void)((payload) => {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(event), payload);
    }),
  );
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(requestChannel(name));
    for (const dispose of disposers) dispose();
  };
}
