import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errorHeaders, errorJson, quoted, unauthorized } from './api-error';
import type { KeyCheck } from './auth';
import { canonicalSlug } from '../shared/games';
import { API_PREFIX, parseTarget } from './request-target';
import type { RoundLog } from './round-log';
import { catalogJson } from './rest/catalog';
import { findGameEndpoint } from './rest/game-endpoints';
import { gameRequest } from './rest/game-request';
import { roundsPageBytes } from './rounds-page';
import { parseOnlyFinalized, parseRoundsParams } from './rounds-params';

// The TrackerSino REST surface: /games, /games/{slug}/rounds and /rounds/latest here, every other
// /games/{slug}/… endpoint in rest/ (one module per endpoint group). Unknown paths answer 404
// not_found.

export interface RestSite {
  readonly keyCheck: KeyCheck;
  /** Logs by canonical slug, in catalog order. */
  readonly logs: ReadonlyMap<string, RoundLog>;
  /** Finalises rounds already due, so an answer never lags the clock for want of a timer tick. */
  finishDueRounds(): void;
}

function sendJson(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

function findLog(site: RestSite, slug: string): RoundLog {
  const log = site.logs.get(canonicalSlug(slug));
  if (log === undefined) {
    throw new ApiError(404, 'game_not_found', `No game ${quoted(slug)} is tracked here; GET /v1-beta/games lists the slugs.`);
  }
  return log;
}

function latestJson(log: RoundLog, query: ReadonlyMap<string, string>): string {
  if (!parseOnlyFinalized(query)) return log.runningRowJson();
  const last = log.records.at(-1);
  if (last === undefined) throw new ApiError(404, 'round_not_found', `No round of ${log.info.slug} has finished yet.`);
  return last.json;
}

function route(site: RestSite, req: IncomingMessage): string | Buffer {
  if (req.method !== 'GET') {
    throw new ApiError(405, 'method_not_allowed', `${quoted(req.method ?? '')} is not allowed; this API only answers GET.`);
  }
  if (!site.keyCheck.acceptsHeader(req.headers.authorization)) throw unauthorized();
  const { segments, query } = parseTarget(req.url ?? '/');
  const [prefix, collection, slug, resource, item, ...extra] = segments;
  if (prefix === API_PREFIX && collection === 'games' && slug !== undefined && resource !== 'rounds') {
    const found = findGameEndpoint(segments.slice(3));
    if (found !== null) {
      const log = findLog(site, slug);
      // The instant is taken before finishing due rounds: the answer is "as of" it, whole.
      const nowMs = Date.now();
      site.finishDueRounds();
      return found.endpoint.answer(gameRequest(log, query, nowMs, found.tail));
    }
  }
  if (prefix === API_PREFIX && extra.length === 0) {
    if (collection === 'games' && slug === undefined) {
      site.finishDueRounds();
      return catalogJson(site.logs.values());
    }
    if (collection === 'games' && slug !== undefined && resource === 'rounds' && (item === undefined || item === 'latest')) {
      const log = findLog(site, slug);
      site.finishDueRounds();
      return item === 'latest' ? latestJson(log, query) : roundsPageBytes(log, parseRoundsParams(query, Date.now()));
    }
    if (collection === 'stream' && slug === undefined) {
      throw new ApiError(426, 'upgrade_required', 'The stream is a WebSocket: connect with an Upgrade: websocket request.');
    }
  }
  throw new ApiError(404, 'not_found', `There is no endpoint at ${quoted(segments.join('/'))}.`);
}

export function createRestHandler(site: RestSite): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    try {
      sendJson(res, 200, route(site, req));
    } catch (error) {
      if (error instanceof ApiError) {
        sendJson(res, error.status, errorJson(error.code, error.message), errorHeaders(error.status));
        return;
      }
      // A sandbox bug: tell the client in the contract's shape and keep serving.
      console.error('sandbox: unexpected error answering', req.url, error);
      sendJson(res, 500, errorJson('internal', 'The sandbox failed to answer this request.'));
    }
  };
}
