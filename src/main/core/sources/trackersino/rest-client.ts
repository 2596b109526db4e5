import type { Endpoints } from './endpoints';
import type { PageParser } from './page-parser';
import type { PageResult } from './round-page';
import { parseBetSnapshot, type BetSnapshot } from './bet-snapshot';
import { UpstreamError, upstreamErrorFrom } from './upstream-error';

const REQUEST_TIMEOUT_MS = 15_000;

export interface RoundsQuery {
  readonly limit: number;
  /** ISO time; rows finalized at or after it. */
  readonly since?: string;
  /** Exact decimal round_index; rows strictly older. */
  readonly beforeIndex?: bigint;
}


/** TrackerSino's REST surface, as far as recording needs it. The key never leaves this object. */
export class TrackerSinoRest {
  private readonly closing = new AbortController();

  constructor(
    private readonly endpoints: Endpoints,
    private readonly apiKey: string,
    private readonly pages: PageParser,
  ) {}

  async rounds(game: string, query: RoundsQuery, signal?: AbortSignal): Promise<PageResult> {
    const params = new URLSearchParams({ limit: String(query.limit), only_finalized: 'true' });
    if (query.since !== undefined) params.set('since', query.since);
    if (query.beforeIndex !== undefined) params.set('before_index', query.beforeIndex.toString());
    const body = await this.get(`/games/${encodeURIComponent(game)}/rounds?${params}`, signal);
    return this.pages.parse(game, body);
  }

  /** The newest observed bets of a game (`/stats/recent-bets`), by round. */
  async recentBets(game: string, limit: number, signal?: AbortSignal): Promise<BetSnapshot> {
    const body = await this.get(`/games/${encodeURIComponent(game)}/stats/recent-bets?limit=${limit}`, signal);
    return parseBetSnapshot(body);
  }


  /** Aborts every request in flight; the recorder has stopped and wants no answers. */
  close(): void {
    this.closing.abort();
  }

  private async get(path: string, signal?: AbortSignal): Promise<string> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.endpoints.rest}${path}`, {
        headers: { Authorization: `Bearer ${this.apiKey}`, Accept: 'application/json' },
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...(signal ? [signal] : [])]),
      });
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // Never fetch's own message: a header it refuses is quoted whole, key included. This text
      // reaches the status, the tray, notifications and the log, so it says only a system code.
      const cause = error instanceof Error ? error.cause : undefined;
      const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' && /^[A-Z0-9_]+$/.test(cause.code) ? cause.code : null;
      const reason =
        code ?? (error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : 'the request could not be sent');
      throw new UpstreamError(0, 'network', `Could not reach TrackerSino (${reason}); retrying.`);
    }
    if (!response.ok) throw upstreamErrorFrom(response.status, body, response.headers.get('retry-after'));
    return body;
  }
}
