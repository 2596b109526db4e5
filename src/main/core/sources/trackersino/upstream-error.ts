/** A failed request to TrackerSino, with the sentence a user can act on. */
export class UpstreamError extends Error {
  constructor(
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  /** 401 and 403 will not get better by retrying; everything else may. */
  get isFatal(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** Retrying cannot mend it: a rejected key or tier, or a game upstream does not know (404). */
  get stopsRetrying(): boolean {
    return this.isFatal || this.status === 404;
  }
}

const ADVICE: Record<number, string> = {
  401: 'The API key was rejected (401). Check it in Settings → Connection.',
  403: "This API key's tier does not include this (403). Live streaming needs the Pro tier or above.",
  404: 'TrackerSino does not know this game (404). Check the game list in Settings.',
  429: 'TrackerSino asked us to slow down (429); retrying after the wait it gave.',
};

/** Reads TrackerSino's JSON error body (`error`, `message`, `retry_after_s`) into an UpstreamError. */
export function upstreamErrorFrom(status: number, body: string, retryAfterHeader: string | null): UpstreamError {
  let code = `http_${status}`;
  let detail = '';
  let retryAfterS = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  try {
    const value = JSON.parse(body) as { error?: unknown; message?: unknown; retry_after_s?: unknown } | null;
    if (value && typeof value === 'object') {
      if (typeof value.error === 'string') code = value.error;
      if (typeof value.message === 'string') detail = value.message;
      if (retryAfterS === null && value.retry_after_s !== undefined) {
        const seconds = Number(String(value.retry_after_s));
        if (Number.isFinite(seconds) && seconds >= 0) retryAfterS = seconds;
      }
    }
  } catch {
    // A non-JSON error page (a proxy's HTML, say) still gets a status-based message below.
  }
  const advice = ADVICE[status] ?? (status >= 500 ? `TrackerSino had a problem (${status}); retrying.` : `TrackerSino refused the request (${status}).`);
  return new UpstreamError(status, code, detail ? `${advice} Server said: ${detail}` : advice, retryAfterS);
}
