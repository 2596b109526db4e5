import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errorJson } from '../api-error';
import type { KeyCheck } from '../auth';
import { aliveData } from './envelope';
import type { MatchWorld } from './match-world';
import { CS2_SCOPES } from './scopes';

// The few TickTock REST answers the stream leans on: GET /v1/whoami (a key's scopes, as the seed
// suggests for debugging missing frames), GET /v1/alive (the alive envelope's data), and
// GET /cs2/v1/matches[/{id}] (what match.* frames mirror). The seed does not say how REST takes
// the key; the sandbox accepts `?api_key=`, `X-API-Key` and `Authorization: Bearer`.

export interface TickTockHttpSite {
  readonly keys: KeyCheck<ReadonlySet<string>>;
  readonly world: MatchWorld;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
  res.end(body);
}

function keyOf(req: IncomingMessage, query: ReadonlyMap<string, string>): string {
  const header = req.headers['x-api-key'];
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  return query.get('api_key') ?? (typeof header === 'string' ? header : undefined) ?? bearer ?? '';
}

function scopesOf(site: TickTockHttpSite, req: IncomingMessage, query: ReadonlyMap<string, string>): { key: string; scopes: ReadonlySet<string> } {
  const key = keyOf(req, query);
  const scopes = site.keys.find(key);
  if (scopes === undefined) throw new ApiError(401, 'unauthorized', 'The API key is missing or was rejected; pass it as ?api_key=<key>.');
  return { key, scopes };
}

function route(site: TickTockHttpSite, req: IncomingMessage, segments: readonly string[], query: ReadonlyMap<string, string>): string {
  if (req.method !== 'GET') throw new ApiError(405, 'method_not_allowed', 'This API only answers GET.');
  const path = segments.join('/');
  if (path === 'v1/alive') return JSON.stringify(aliveData(Date.now()));
  const { key, scopes } = scopesOf(site, req, query);
  if (path === 'v1/whoami') {
    return JSON.stringify({
      key: `${key.slice(0, 8)}…${key.slice(-4)}`,
      scopes: [...scopes],
      stream_scopes: CS2_SCOPES.filter((scope) => scopes.has(scope)),
    });
  }
  if (segments[0] === 'cs2' && segments[1] === 'v1' && segments[2] === 'matches') {
    if (segments.length === 3) return JSON.stringify(site.world.matches().map((story) => story.matchData()));
    const story = segments.length === 4 ? site.world.find(segments[3] as string) : undefined;
    if (story === undefined) throw new ApiError(404, 'match_not_found', 'No such match is known here.');
    return JSON.stringify(story.matchData());
  }
  throw new ApiError(404, 'not_found', `There is no endpoint at ${JSON.stringify(path.slice(0, 40))}.`);
}

export function answerTickTock(site: TickTockHttpSite, req: IncomingMessage, res: ServerResponse, segments: readonly string[], query: ReadonlyMap<string, string>): void {
  try {
    send(res, 200, route(site, req, segments, query));
  } catch (error) {
    if (error instanceof ApiError) send(res, error.status, errorJson(error.code, error.message));
    else {
      console.error('sandbox: unexpected error answering', req.url, error);
      send(res, 500, errorJson('internal', 'The sandbox failed to answer this request.'));
    }
  }
}
