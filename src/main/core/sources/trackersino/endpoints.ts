/** The public API root as TrackerSino's docs give it; the sandbox replaces it with a loopback URL. */
export const PRODUCTION_BASE_URL = 'https://api.trackersino.com';
const API_PREFIX = '/v1-beta';

export interface Endpoints {
  /** e.g. `https://api.trackersino.com/v1-beta` */
  readonly rest: string;
  streamUrl(games: readonly string[]): string;
}

/**
 * Derives the REST prefix and the WebSocket URL from the API root (`https://…` → `wss://…`).
 * A root pasted with `/v1-beta` already on it is accepted too.
 */
export function resolveEndpoints(baseUrl: string): Endpoints {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`The base URL "${baseUrl}" is not a URL. Use the API root, e.g. ${PRODUCTION_BASE_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The base URL must start with https:// (or http:// for a local server), not ${url.protocol}`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1-beta$/, '');
  const root = `${url.protocol}//${url.host}${path}`;
  const wsRoot = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}${path}`;
  return {
    rest: `${root}${API_PREFIX}`,
    streamUrl: (games) =>
      `${wsRoot}${API_PREFIX}/stream${games.length > 0 ? `?games=${games.map(encodeURIComponent).join(',')}` : ''}`,
  };
}
