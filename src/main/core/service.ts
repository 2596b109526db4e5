import type { RoundlogService, Status } from '../../shared/contract';
import { findGame } from '../../shared/games';
import type { RoundView } from '../../shared/round';
import { isoToMicros } from '../../shared/time';
import { Emitter } from './emitter';
import { roundToView, type RoundStore } from './store/round-store';
import type { RoundWriter } from './store/round-writer';
import type { StoreError } from './store/store-error';
import type { Recorder } from './sync/recorder';

export interface ServiceDeps {
  readonly games: readonly string[];
  readonly mode: 'sandbox' | 'live';
  readonly baseUrl: string;
  readonly store: RoundStore;
  readonly writer: RoundWriter;
  readonly recorder: Recorder;
}

/** Status pushes are coalesced: a burst of commits yields one. */
const STATUS_COALESCE_MS = 100;

/** The contract implemented once over the core. Every transport is an adapter around this. */
export function createService(deps: ServiceDeps): RoundlogService & { dispose(): void } {
  const { store, writer, recorder } = deps;
  const counts = new Map(deps.games.map((game) => [game, store.countRounds(game)]));
  const lastRound = new Map<string, { at: string; us: number }>();
  for (const game of deps.games) {
    const at = store.lastFinalizedAt(game);
    if (at !== null) lastRound.set(game, { at, us: isoToMicros(at) ?? 0 });
  }
  const rounds = new Emitter<RoundView[]>();
  const status = new Emitter<Status>();
  let storeError: StoreError | null = null;
  let statusTimer: NodeJS.Timeout | null = null;

  const buildStatus = (): Status => ({
    source: { mode: deps.mode, baseUrl: deps.baseUrl },
    connection: storeError ? { state: recorder.connection.state, detail: storeError.message } : recorder.connection,
    games: deps.games.map((game) => {
      const info = findGame(game);
      const progress = recorder.gameProgress(game);
      return {
        game,
        name: info?.name ?? game,
        provider: info?.provider ?? 'unknown provider',
        kind: info?.kind ?? 'unknown',
        state: progress.state,
        detail: progress.detail,
        lastRoundAt: lastRound.get(game)?.at ?? null,
        roundsStored: counts.get(game) ?? 0,
      };
    }),
  });

  const scheduleStatus = (): void => {
    if (statusTimer || status.size === 0) return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      status.emit(buildStatus());
    }, STATUS_COALESCE_MS);
  };

  const disposers = [
    writer.committed.on((committed) => {
      const views = committed.map(roundToView).sort((a, b) => a.finalizedUs - b.finalizedUs);
      for (const view of views) {
        if (counts.has(view.game)) counts.set(view.game, counts.get(view.game)! + 1);
        if (view.finalizedUs >= (lastRound.get(view.game)?.us ?? -Infinity)) {
          lastRound.set(view.game, { at: view.finalizedAt, us: view.finalizedUs });
        }
      }
      rounds.emit(views);
      scheduleStatus();
    }),
    writer.failures.on((error) => {
      storeError = error;
      scheduleStatus();
    }),
    recorder.changed.on(scheduleStatus),
  ];

  return {
    getStatus: async () => buildStatus(),
    getRecentRounds: async ({ game, limit }) => store.recentRounds(game, limit),
    onRounds: (listener) => rounds.on(listener),
    onStatus: (listener) => status.on(listener),
    dispose: () => {
      for (const dispose of disposers) dispose();
      if (statusTimer) clearTimeout(statusTimer);
    },
  };
}
