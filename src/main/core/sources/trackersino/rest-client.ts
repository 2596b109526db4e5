import { parse } from 'lossless-json';
import { z } from 'zod';
import type { Endpoints } from './endpoints';
import type { PageParser } from './page-parser';
import type { PageResult } from './round-page';
import { UpstreamError, upstreamErrorFrom } from './upstream-error';

const REQUEST_TIMEOUT_MS = 15_000;

export interface RoundsQuery {
  readonly limit: number;
  /** ISO time; rows finalized at or after it. */
  readonly since?: string;
  /** Exact decimal round_index; rows strictly older. */
  readonly beforeIndex?: bigint;
}

const catalogSchema = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    provider: z.string(),
    kind: z.string(),
  }),
);
export type CatalogEntry = z.infer<typeof catalogSchema>[number];

/** TrackerSino's REST surface, as far as recording needs it. The key never leaves this object. */
export class TrackerSinoRest {
  constructor(
    private readonly endpoints: Endpoints,
    private readonly apiKey: string,
    private readonly pages: PageParser,
  ) {}

  async rounds(game: string, query: RoundsQuery): Promise<PageResult> {
    const params = new URLSearchParams({ limit: String(query.limit), only_finalized: 'true' });
    if (query.since !== undefined) params.set('since', query.since);
    if (query.beforeIndex !== undefined) params.set('before_index', query.beforeIndex.toString());
    const body = await this.get(`/games/${encodeURIComponent(game)}/rounds?${params}`);
    return this.pages.parse(game, body);
  }

  async catalog(): Promise<CatalogEntry[]> {
    const body = await this.get('/games');
    // Lossless: the catalog carries last_finalized_index, a 64-bit integer.
    const parsed = catalogSchema.safeParse(parse(body));
    if (!parsed.success) throw new UpstreamError(200, 'bad_catalog', 'TrackerSino sent a game catalog Roundlog cannot read.');
    return parsed.data;
  }

  private async get(path: string): Promise<string> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.endpoints.rest}${path}`, {
        headers: { Authorization: `Bearer ${this.apiKey}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      body = await response.text();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UpstreamError(0, 'network', `Could not reach TrackerSino (${reason}); retrying.`);
    }
    if (!response.ok) throw upstreamErrorFrom(response.status, body, response.headers.get('retry-after'));
    return body;
  }
}
