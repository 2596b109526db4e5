import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, eventChannel, REQUEST_NAMES, requestChannel, type RoundlogService } from '../../shared/contract';
import { dispatchRequest, type DispatchResult } from '../core/dispatch';
import { APP_ORIGIN } from './app-protocol';

/** Only the app's own top frame may call the service; anything else (an injected frame) is refused. */
function fromAppFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Adapts the service to ipcMain: one handler per request of the contract, one channel per event. */
export function registerIpc(service: RoundlogService, window: BrowserWindow): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(requestChannel(name), async (event, input: unknown): Promise<DispatchResult> => {
      if (!fromAppFrame(event)) {
        console.warn(`roundlog: refused ${name} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return { ok: false, error: { code: 'forbidden', message: 'Refused: not the Roundlog window.' } };
      }
      return dispatchRequest(service, name, input);
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
