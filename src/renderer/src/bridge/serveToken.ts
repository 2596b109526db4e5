// `roundlog serve` prints an address ending in `#token=…`. The fragment never reaches a server or
// a log, but it stays in the address bar and history, so the page takes it and erases it. It is
// kept in sessionStorage (this tab only) so that reloading the page still works.

const STORAGE_KEY = 'roundlog.serveToken';
/** RFC 7230 `token` characters: anything else is not a valid WebSocket subprotocol. */
const TOKEN_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface HashToken {
  readonly token: string | null;
  /** The fragment with the token removed: '' when nothing else was in it. */
  readonly remainingHash: string;
}

/** Splits `#token=…` out of a location fragment; other fragment parameters are kept. */
export function splitTokenFromHash(hash: string): HashToken {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const raw = params.get('token');
  if (raw === null) return { token: null, remainingHash: hash };
  params.delete('token');
  const rest = params.toString();
  const token = TOKEN_PATTERN.test(raw) ? raw : null;
  return { token, remainingHash: rest === '' ? '' : `#${rest}` };
}

export interface TokenSources {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** The serve token for this tab: from the address (which is then cleaned) or from this session. */
export function takeServeToken({ location, history, storage }: TokenSources): string | null {
  const { token, remainingHash } = splitTokenFromHash(location.hash);
  if (remainingHash !== location.hash) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${remainingHash}`);
  }
  if (token !== null) {
    storage?.setItem(STORAGE_KEY, token);
    return token;
  }
  const stored = storage?.getItem(STORAGE_KEY) ?? null;
  return stored !== null && TOKEN_PATTERN.test(stored) ? stored : null;
}
