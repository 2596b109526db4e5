import type { GameStatus, Status } from '../../../shared/contract';

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

/** A tracked, live game with nothing unusual; `patch` sets what a test is about. */
export function gameStatus(patch: Partial<GameStatus> = {}): GameStatus {
  return {
    game: 'stake-crash',
    name: 'Crash',
    provider: 'Stake',
    kind: 'crash',
    known: true,
    tracked: true,
    state: 'live',
    detail: null,
    staleSince: null,
    lastRoundAt: null,
    roundsStored: 0,
    backfill: null,
    completeness: { from: null, through: null, depthReached: false, openSpans: 0, gapsFound: 0, gapsFilled: 0, roundsRecovered: 0 },
    quarantined: 0,
    betSnapshots: null,
    commitDelayMs: null,
    ...patch,
  };
}

/** A status over `games`, from the sandbox or live. */
export function statusOf(mode: 'sandbox' | 'live', games: GameStatus[]): Status {
  return { ...emptyStatus, source: { ...emptyStatus.source, mode }, games };
}
