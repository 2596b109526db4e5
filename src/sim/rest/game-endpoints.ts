import { toJson, type JsonValue } from '../stats/json-text';
import { biggestWinsJson } from './biggest-wins';
import { currencyVolumeJson } from './currency-volume';
import { delaysJson } from './delays';
import { frequencyJson } from './frequency';
import type { GameRequest } from './game-request';
import { hourlyJson } from './hourly';
import { distributionJson } from './multiplier-distribution';
import { recentBetsJson } from './recent-bets';
import { rtpDetailedJson, rtpEmpiricalJson } from './rtp';
import { streaksJson } from './streaks';
import { roundJson, spinsJson } from './spins';
import { summaryJson } from './summary';
import { wheelSegmentsJson } from './wheel-segments';

// Every /v1-beta/games/{slug}/… endpoint besides /rounds, by the path after the slug.

export interface GameEndpoint {
  /** Path segments after the slug, e.g. ['stats', 'delays']. */
  readonly path: readonly string[];
  /** Whether one more segment (an id) follows the path. */
  readonly takesId: boolean;
  answer(request: GameRequest): string;
}

function values(path: string, answer: (request: GameRequest) => JsonValue): GameEndpoint {
  return { path: path.split('/'), takesId: false, answer: (request) => toJson(answer(request)) };
}

export const GAME_ENDPOINTS: readonly GameEndpoint[] = [
  values('summary', summaryJson),
  { path: ['spins'], takesId: false, answer: spinsJson },
  { path: ['round'], takesId: true, answer: roundJson },
  values('stats/biggest-wins', biggestWinsJson),
  values('stats/multiplier-distribution', distributionJson),
  values('stats/delays', delaysJson),
  values('stats/frequency', frequencyJson),
  values('stats/streaks', streaksJson),
  values('stats/hourly', hourlyJson),
  values('stats/rtp-empirical', rtpEmpiricalJson),
  values('stats/rtp-detailed', rtpDetailedJson),
  values('stats/currency-volume', currencyVolumeJson),
  values('stats/recent-bets', recentBetsJson),
  values('crazytime/segments', wheelSegmentsJson),
];

/** The endpoint at `segments` (the path after the slug) and the id segments after it, if any. */
export function findGameEndpoint(segments: readonly string[]): { endpoint: GameEndpoint; tail: string[] } | null {
  for (const endpoint of GAME_ENDPOINTS) {
    const length = endpoint.path.length;
    if (segments.length !== length + (endpoint.takesId ? 1 : 0)) continue;
    if (endpoint.path.every((part, i) => segments[i] === part)) return { endpoint, tail: segments.slice(length) };
  }
  return null;
}
