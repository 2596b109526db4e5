import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES, type RoundlogService } from '../../shared/contract';
import { clientMessageSchema, MAX_CLIENT_MESSAGE_BYTES, SERVE_PROTOCOL, TOKEN_PROTOCOL_PREFIX, type ServerMessage } from '../../shared/wire';
import { dispatchRequest } from '../core/dispatch';
import { readStaticFile, suspiciousTarget } from './static-files';

export interface ServeOptions {
  readonly service: RoundlogService;
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  readonly port?: number;
  /** 127.0.0.1 unless the user explicitly asked for another interface. */
  readonly host?: string;
  readonly log?: (message: string) => void;
}

export interface ServeHandle {
  /**
   * The address to open on this machine, carrying the per-launch token in the fragment (never sent
   * to a server). Bound to every interface, it names loopback: a browser cannot open 0.0.0.0 or ::.
   */
  readonly url: string;
  /** Bound to every interface: a sentence on how other machines reach it; otherwise null. */
  readonly remoteNote: string | null;
  readonly port: number;
  close(): Promise<void>;
}

/** A socket whose unread backlog passes this is dropped rather than left to grow without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * `roundlog serve`: the built renderer over HTTP and the contract over one WebSocket, on loopback.
 * Every socket must come from this server's own origin and present the per-launch token.
 */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('base64url');
  const log = options.log ?? ((message: string) => console.warn(`roundlog serve: ${message}`));
  let allowedOrigins = new Set<string>();
  let allowedHosts = new Set<string>();
  let csp = '';

  const server = createServer((request, response) => {
    void handleHttp(request, response);
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(SERVE_PROTOCOL) ? SERVE_PROTOCOL : false),
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Host check: a DNS-rebinding page on another name cannot read the app through this port.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      log(`refused a request for host ${String(request.headers.host).slice(0, 80)} from ${request.socket.remoteAddress ?? '?'}`);
      return refuse(response, 421, 'wrong host');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      log(`refused a ${String(request.method).slice(0, 20)} request`);
      return refuse(response, 405, 'method not allowed');
    }
    const target = request.url ?? '/';
    const suspicious = suspiciousTarget(target);
    if (suspicious !== null) {
      // The path only: a query could hold anything, and the token never reaches a server (it is the fragment).
      const shown = JSON.stringify(target.replace(/[?#].*$/s, '').slice(0, 80));
      log(`refused a static request from ${request.socket.remoteAddress ?? '?'}: ${suspicious} in ${shown}`);
      return refuse(response, 404, 'not found');
    }
    const path = new URL(target, 'http://localhost').pathname;
    const file = await readStaticFile(options.rendererDir, path);
    if (!file) return refuse(response, 404, 'not found');
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (request, socket, head) => {
    const reject = (status: number, why: string): void => {
      log(`refused a socket from ${request.socket.remoteAddress ?? '?'}: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/rpc') return reject(403, `unknown path ${path.slice(0, 60)}`);
    if (!allowedHosts.has(request.headers.host ?? '')) return reject(403, 'wrong host');
    const origin = request.headers.origin;
    if (!allowedOrigins.has(origin ?? '')) return reject(403, origin === undefined ? 'no Origin header' : `foreign origin ${origin.slice(0, 80)}`);
    if (!presentsToken(request.headers['sec-websocket-protocol'], token)) return reject(401, 'missing or wrong token');
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const send = (message: ServerMessage): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        log('dropped a client that stopped reading');
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify(message));
    };
    const disposers = EVENT_NAMES.map((event) =>
      // Each `onX` has its own payload type; the wire carries them all as JSON.
      (options.service[event] as (listener: (payload: unknown) => void) => () => void)((payload) =>
        send({ type: 'event', event, payload }),
      ),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return refuseMessage('binary message');
      let value: unknown;
      try {
        value = JSON.parse(data.toString());
      } catch {
        return refuseMessage('malformed JSON');
      }
      const message = clientMessageSchema.safeParse(value);
      if (!message.success) return refuseMessage('not a request of the contract');
      const { id, method, input } = message.data;
      void dispatchRequest(options.service, method, input).then((result) => {
        // Only the method: the input may hold a key being saved.
        if (!result.ok && result.error.code === 'invalid_input') log(`refused ${method}: its input does not fit the contract`);
        send(result.ok ? { type: 'result', id, output: result.output } : { type: 'error', id, error: result.error });
      });
    });
    ws.on('error', (error) => log(`socket error: ${error.message}`));
    ws.on('close', () => {
      for (const dispose of disposers) dispose();
    });
    function refuseMessage(why: string): void {
      log(`refused a message: ${why}`);
      send({ type: 'error', id: null, error: { code: 'bad_message', message: `Refused: ${why}.` } });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const port = bound.port;
  // Judged by the address bound, so `::0` or `0` count as the wildcards they are.
  const wildcard = bound.address === '0.0.0.0' || bound.address === '::' ? bound.address : null;
  const hostForUrl = wildcard === '::' ? '[::1]' : wildcard === '0.0.0.0' ? '127.0.0.1' : bracketed(host);
  const names = reachableNames(host, wildcard).map((name) => `${name}:${port}`);
  allowedHosts = new Set(names);
  allowedOrigins = new Set(names.map((name) => `http://${name}`));
  csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${names.map((name) => `ws://${name}`).join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  const others = wildcard === null ? [] : interfaceAddresses(wildcard).filter((address) => !isLoopbackOrLinkLocal(address));
  return {
    url: `http://${hostForUrl}:${port}/#token=${token}`,
    remoteNote:
      wildcard === null
        ? null
        : `From another machine, open the same link with this machine's address in place of ${hostForUrl}` +
          (others.length > 0 ? ` (${others.map(bracketed).join(', ')}).` : '.'),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The names (no port) a browser may use to reach this server: the Host and Origin allow-lists.
 * A wildcard bind is reachable by loopback, including the name its URL prints, and every interface address.
 */
function reachableNames(host: string, wildcard: '0.0.0.0' | '::' | null): string[] {
  const loopback = ['127.0.0.1', 'localhost'];
  if (host === '127.0.0.1' || host === 'localhost') return loopback;
  if (wildcard === null) return [bracketed(host)];
  return [...new Set([...loopback, ...(wildcard === '::' ? ['[::1]'] : []), ...interfaceAddresses(wildcard).map(bracketed)])];
}

/** This machine's addresses a wildcard bind answers on: IPv4 only for 0.0.0.0, both for `::`. */
function interfaceAddresses(wildcard: '0.0.0.0' | '::'): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => wildcard === '::' || entry.family === 'IPv4')
    .map((entry) => entry.address);
}

/** A host only this machine can reach (a link-local address is reachable from the network segment). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '::1';
}

function isLoopbackOrLinkLocal(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || /^fe80:/i.test(address);
}

/** An IPv6 address as a URL and a Host header carry it. */
function bracketed(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function presentsToken(header: string | string[] | undefined, token: string): boolean {
  const offered = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((item) => item.trim());
  const expected = Buffer.from(TOKEN_PROTOCOL_PREFIX + token);
  return offered.some((item) => {
    const candidate = Buffer.from(item);
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  response.end(message);
}
