import { useEffect, useReducer, useSyncExternalStore } from 'react';
import type { GameStatus } from '../../../shared/contract';
import type { Bridge, TransportStatus } from '../bridge/bridge';
import { initialLiveState, liveReducer, type LiveState } from './liveState';

/** Rounds fetched per game on start and after each reconnect; the live stream adds the rest. */
export const RECENT_ROUNDS_ON_LOAD = 500;

export interface LiveView extends LiveState {
  readonly transport: TransportStatus;
}

/**
 * Keeps the screen's state in step with Roundlog: subscribes to pushes for the page's lifetime and,
 * each time the transport (re)connects, re-reads status and recent rounds to fill whatever was
 * missed while it was down.
 */
export function useLiveState(bridge: Bridge): LiveView {
  const [state, dispatch] = useReducer(liveReducer, initialLiveState);
  const transport = useSyncExternalStore(bridge.onTransport, bridge.getTransport);
  const { service } = bridge;

  useEffect(() => {
    const offRounds = service.onRounds((rounds) => dispatch({ type: 'rounds', rounds }));
    const offStatus = service.onStatus((status) => dispatch({ type: 'status', status }));
    return () => {
      offRounds();
      offStatus();
    };
  }, [service]);

  useEffect(() => {
    if (transport.state !== 'connected') return;
    let cancelled = false;
    // Per connection: a game added later (it first appears in a pushed status) is loaded then.
    const loaded = new Set<string>();
    const loadGames = (games: readonly GameStatus[]): void => {
      for (const { game } of games) {
        if (loaded.has(game)) continue;
        loaded.add(game);
        service
          .getRecentRounds({ game, limit: RECENT_ROUNDS_ON_LOAD })
          .then((rounds) => {
            if (!cancelled) dispatch({ type: 'rounds', rounds });
          })
          .catch((error: unknown) => {
            if (!cancelled) console.error(`[roundlog] recent rounds of ${game} could not be loaded`, error);
          });
      }
    };
    const offStatus = service.onStatus((status) => loadGames(status.games));
    service
      .getStatus({})
      .then((status) => {
        if (cancelled) return;
        dispatch({ type: 'status', status });
        loadGames(status.games);
      })
      .catch((error: unknown) => {
        if (!cancelled) dispatch({ type: 'problem', message: problemSentence(error) });
      });
    return () => {
      cancelled = true;
      offStatus();
    };
  }, [service, transport]);

  return { ...state, transport };
}

function problemSentence(error: unknown): string {
  return error instanceof Error && error.message !== ''
    ? error.message
    : 'Roundlog did not return its status. Reload the page to try again.';
}
