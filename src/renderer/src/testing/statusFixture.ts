import type { Status } from '../../../shared/contract';

/** A sandbox status with no games: what the app shows before the first status push. */
export const emptyStatus: Status = {
  source: { mode: 'sandbox', baseUrl: 'http://127.0.0.1:9' },
  connection: { state: 'open', detail: null },
  sync: {
    tier: 'pro',
    tierSource: 'detected',
    live: 'stream',
    requestsPerSecond: 49,
    requestsWaiting: 0,
    rateLimitedUntil: null,
    rateLimitedCount: 0,
    quarantined: 0,
  },
  games: [],
};
