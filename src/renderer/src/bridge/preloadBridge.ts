import type { RoundlogService } from '../../../shared/contract';
import type { Bridge, TransportStatus } from './bridge';

// Electron's preload validates every payload where it crosses IPC, so the renderer takes its
// service as is. The IPC link lives as long as the window does: it is always connected.
const CONNECTED: TransportStatus = { state: 'connected', attempt: 0 };

export function preloadBridge(service: RoundlogService): Bridge {
  return {
    service,
    getTransport: () => CONNECTED,
    onTransport: () => () => {},
    dispose: () => {},
  };
}
