import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { requestSchemas, statusSchema } from '../../src/shared/contract';
import { SERVE_PROTOCOL, serverMessageSchema, TOKEN_PROTOCOL_PREFIX, type ServerMessage } from '../../src/shared/wire';
import { startServedApp, type ServedApp } from '../support/serve-app';

// `roundlog serve` is reachable by anything on this machine: every socket must prove it is ours.

let app: ServedApp;
const logged: string[] = [];
beforeAll(async () => {
  app = await startServedApp({ serveLog: (message) => logged.push(message) });
});
afterAll(async () => {
  await app.close();
});

/** A GET with the path and Host header exactly as given. */
function rawGet(path: string, host = `127.0.0.1:${app.serve.port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: app.serve.port, path, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rpcUrl(): string {
  return `${app.origin.replace('http', 'ws')}/rpc`;
}

/** Opens a socket and resolves with how the server answered the upgrade. */
function dial(options: { token?: string | null; origin?: string }): Promise<{ status: number | 'open'; socket?: WebSocket }> {
  const protocols = [SERVE_PROTOCOL];
  if (options.token !== null) protocols.push(TOKEN_PROTOCOL_PREFIX + (options.token ?? app.token));
  const socket = new WebSocket(rpcUrl(), protocols, { origin: options.origin ?? app.origin });
  return new Promise((resolve) => {
    socket.on('open', () => resolve({ status: 'open', socket }));
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('error', () => resolve({ status: 0 }));
  });
}

function nextMessage(socket: WebSocket, match: (message: ServerMessage) => boolean): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = serverMessageSchema.parse(JSON.parse(data.toString()));
      if (match(message)) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
  });
}

describe('roundlog serve', () => {
  it('serves the built app with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${app.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('never serves a file outside the built app, and logs every attempt to climb out', async () => {
    // Sent raw: fetch would normalise the dots away before they reached the server.
    const attacks: [string, string][] = [
      ['/../package.json', 'a ".." segment'],
      ['/%2e%2e/package.json', 'a ".." segment'],
      ['/..%2fpackage.json', 'an encoded slash or backslash'],
      ['/%2e%2e%2f%2e%2e%2fpackage.json', 'an encoded slash or backslash'],
      ['/..%5cpackage.json', 'an encoded slash or backslash'],
      ['/..\\package.json', 'a backslash'],
      ['/%00', 'a NUL byte'],
      ['//etc/passwd', 'an absolute file path'],
      ['/C:/Windows/win.ini', 'an absolute file path'],
    ];
    const before = logged.length;
    for (const [path] of attacks) expect(await rawGet(path), path).toBe(404);
    // A plain miss is no attack: answered 404, not logged.
    expect(await rawGet('/index.ts')).toBe(404);
    const lines = logged.slice(before);
    expect(lines).toEqual(attacks.map(([path, why]) => expect.stringMatching(new RegExp(`^refused a static request from \\S+: ${why} in ${escape(JSON.stringify(path))}$`))));
    // Only the path is logged: a query may carry anything.
    expect(await rawGet('/../package.json?token=query-not-logged')).toBe(404);
    expect(logged.at(-1)).toMatch(/: a "\.\." segment in "\/\.\.\/package\.json"$/);
    expect(logged.join('\n')).not.toContain('query-not-logged');
    expect(logged.join('\n')).not.toContain(app.token);
  });

  it('answers only to its own host name, so a rebinding page elsewhere cannot read it', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
    expect(await rawGet('/', `localhost:${app.serve.port}`)).toBe(200);
    expect(logged).toContainEqual(expect.stringMatching(/^refused a request for host evil\.example:80 from /));
  });

  it('refuses a socket without the token, with a wrong one, or from a foreign origin', async () => {
    expect((await dial({ token: null })).status).toBe(401);
    expect((await dial({ token: 'guess' })).status).toBe(401);
    expect((await dial({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await dial({ origin: '' })).status).toBe(403);
    expect(logged.filter((line) => line.startsWith('refused a socket')).map((line) => line.replace(/^refused a socket from \S+: /, ''))).toEqual(
      expect.arrayContaining(['missing or wrong token', 'foreign origin https://evil.example', 'no Origin header']),
    );
  });

  it('answers the contract’s requests and pushes committed rounds', async () => {
    const { socket } = await dial({});
    const rounds = nextMessage(socket!, (m) => m.type === 'event' && m.event === 'onRounds');
    socket!.send(JSON.stringify({ id: 1, method: 'getStatus', input: {} }));
    const reply = await nextMessage(socket!, (m) => m.type === 'result' && m.id === 1);
    const status = statusSchema.parse((reply as { output: unknown }).output);
    expect(status.source.mode).toBe('sandbox');
    expect(status.games.map((g) => g.game)).toEqual(['stake-crash', 'crazytime']);
    socket!.send(JSON.stringify({ id: 2, method: 'getRecentRounds', input: { game: 'stake-crash', limit: 5 } }));
    const recent = await nextMessage(socket!, (m) => m.type === 'result' && m.id === 2);
    expect(requestSchemas.getRecentRounds.output.parse((recent as { output: unknown }).output).length).toBeLessThanOrEqual(5);
    const pushed = await rounds;
    expect((pushed as { payload: unknown[] }).payload.length).toBeGreaterThan(0);
    socket!.close();
  });

  it('refuses malformed and invalid messages with a reason, and keeps the socket', async () => {
    const { socket } = await dial({});
    const errors: ServerMessage[] = [];
    socket!.on('message', (data) => {
      const message = serverMessageSchema.parse(JSON.parse(data.toString()));
      if (message.type === 'error') errors.push(message);
    });
    socket!.send('{not json');
    socket!.send(JSON.stringify({ id: 3, method: 'dropTables', input: {} }));
    socket!.send(JSON.stringify({ id: 4, method: 'getRecentRounds', input: { game: '../etc', limit: 5 } }));
    socket!.send(JSON.stringify({ id: 5, method: 'getRecentRounds', input: { game: 'stake-crash', limit: 10_000_000 } }));
    socket!.send(JSON.stringify({ id: 6, method: 'getStatus', input: {} }));
    await nextMessage(socket!, (m) => m.type === 'result' && m.id === 6);
    expect(errors.map((e) => (e.type === 'error' ? e.error.code : ''))).toEqual(['bad_message', 'bad_message', 'invalid_input', 'invalid_input']);
    expect(logged).toEqual(expect.arrayContaining(['refused a message: malformed JSON', 'refused a message: not a request of the contract', 'refused getRecentRounds: its input does not fit the contract']));
    socket!.close();
  });

  it('closes a socket that sends an oversized message', async () => {
    const { socket } = await dial({});
    const closed = new Promise<number>((resolve) => socket!.on('close', (code) => resolve(code)));
    socket!.send(JSON.stringify({ id: 7, method: 'getStatus', input: { pad: 'x'.repeat(64 * 1024) } }));
    expect(await closed).toBe(1009);
    expect(logged).toContainEqual(expect.stringMatching(/^socket error: .*[Mm]ax payload size exceeded/));
  });
});
