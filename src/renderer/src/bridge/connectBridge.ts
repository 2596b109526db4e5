import type { Bridge } from './bridge';
import { preloadBridge } from './preloadBridge';
import { openBrowserSocket, rpcUrl } from './rpcSocket';
import { socketBridge } from './socketBridge';
import { takeServeToken } from './serveToken';

/** Electron's preload when the page runs in the app window, else `roundlog serve`'s WebSocket. */
export function connectBridge(): Bridge {
  if (window.roundlog !== undefined) return preloadBridge(window.roundlog);
  const token = takeServeToken({ location: window.location, history: window.history, storage: sessionStore() });
  return socketBridge({ url: rpcUrl(window.location), token, openSocket: openBrowserSocket });
}

function sessionStore(): Storage | null {
  // Storage access throws in some privacy modes; the token then just does not survive a reload.
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
