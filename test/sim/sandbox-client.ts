import { request } from 'node:http';
import type { Sandbox } from '../../src/sim/server';

// A raw HTTP client for the sandbox tests: it sends the path exactly as written (fetch would
// normalise odd query strings) and returns the body as text, so big integers can be checked
// in the text itself rather than after JSON.parse has rounded them.

export interface Reply {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
}

export interface GetOptions {
  /** null sends no Authorization header; default the sandbox's key. */
  readonly key?: string | null;
  readonly method?: string;
}

export function get(sandbox: Sandbox, path: string, options: GetOptions = {}): Promise<Reply> {
  const key = options.key === undefined ? sandbox.key : options.key;
  return new Promise((resolve, reject) => {
    const req = request(
      `${sandbox.url}${path}`,
      { method: options.method ?? 'GET', headers: key === null ? {} : { authorization: `Bearer ${key}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Every round_index in a response, read from the text as exact integers. */
export function roundIndices(text: string): bigint[] {
  return [...text.matchAll(/"round_index":(\d+)/g)].map((match) => BigInt(match[1] ?? ''));
}

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
}

export function errorBody(reply: Reply): ErrorBody {
  return JSON.parse(reply.text) as ErrorBody;
}
