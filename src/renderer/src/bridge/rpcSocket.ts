/** What the socket bridge needs from a WebSocket, so its logic runs under vitest without a browser. */
export interface RpcSocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  /** Called once whether the socket failed to open or dropped later. */
  onClose(): void;
}

export interface RpcSocket {
  send(text: string): void;
  close(): void;
}

export type OpenRpcSocket = (url: string, protocols: string[], handlers: RpcSocketHandlers) => RpcSocket;

export const openBrowserSocket: OpenRpcSocket = (url, protocols, handlers) => {
  const socket = new WebSocket(url, protocols);
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event: MessageEvent<unknown>) => handlers.onMessage(event.data));
  // A browser always follows 'error' with 'close', so recovery is handled in one place.
  socket.addEventListener('close', () => handlers.onClose());
  return { send: (text) => socket.send(text), close: () => socket.close() };
};

/** The serve adapter's endpoint on the origin that served this page. */
export function rpcUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`;
}
