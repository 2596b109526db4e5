import { ApiError, badParameter, quoted } from './api-error';

// Parses a request line's target by hand: `new URL` would read `//host/...` as an authority, and
// a bad percent-escape must become a 400, not an exception.

/** Every path of the API sits under this segment. */
export const API_PREFIX = 'v1-beta';

export interface RequestTarget {
  /** Decoded path segments, empty ones dropped (`/v1-beta//games/` → ['v1-beta', 'games']). */
  readonly segments: readonly string[];
  readonly query: ReadonlyMap<string, string>;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export function parseTarget(url: string): RequestTarget {
  // Absolute-form targets (`GET http://host/path`) are legal HTTP; keep only the path and query.
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  let rest = authority ? url.slice(authority[0].length) : url;
  const fragmentAt = rest.indexOf('#');
  if (fragmentAt >= 0) rest = rest.slice(0, fragmentAt);
  const queryAt = rest.indexOf('?');
  const pathText = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const queryText = queryAt >= 0 ? rest.slice(queryAt + 1) : '';

  const segments: string[] = [];
  for (const raw of pathText.split('/')) {
    if (raw === '') continue;
    const segment = decode(raw);
    if (segment === null) throw new ApiError(400, 'bad_request', `The path segment ${quoted(raw)} is not valid percent-encoding.`);
    segments.push(segment);
  }

  const query = new Map<string, string>();
  for (const pair of queryText.split('&')) {
    if (pair === '') continue;
    const equalsAt = pair.indexOf('=');
    const rawName = equalsAt >= 0 ? pair.slice(0, equalsAt) : pair;
    const name = decode(rawName);
    if (name === null) throw new ApiError(400, 'bad_request', `The query parameter name ${quoted(rawName)} is not valid percent-encoding.`);
    if (name === '') continue;
    // `+` is kept as is: no parameter here holds a space, and `since` may carry a `+hh:mm` offset.
    const value = decode(equalsAt >= 0 ? pair.slice(equalsAt + 1) : '');
    if (value === null) throw badParameter(name, 'is not valid percent-encoding');
    if (query.has(name)) throw badParameter(name, 'is given more than once');
    query.set(name, value);
  }
  return { segments, query };
}
