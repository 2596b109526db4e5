import { useEffect, useRef, useState } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
import type { ExactStatsView } from '../../../../shared/stats/exact-stats';
import type { GameStatsView } from '../../../../shared/stats/game-stats';
import type { StatsWindow } from '../../../../shared/stats/window';

/** New rounds refresh the figures at most this often: steady numbers, not a flicker per round. */
export const STATS_REFRESH_MS = 4000;

export interface GameStatsState {
  /** The last answer, kept while a newer one loads so nothing jumps. */
  readonly stats: GameStatsView | null;
  readonly loading: boolean;
  readonly problem: string | null;
}

/**
 * A game's statistics over a window: fetched when the window or house edge changes, and again
 * when rounds have landed, no more than every STATS_REFRESH_MS. A null window fetches nothing
 * (a panel that follows the dashboard's window).
 */
export function useGameStats(service: RoundlogService, game: string, window: StatsWindow | null, houseEdge: number | null, roundsSeen: number): GameStatsState {
  const [state, setState] = useState<GameStatsState>({ stats: null, loading: true, problem: null });
  const [refresh, setRefresh] = useState(0);
  const lastFetch = useRef(0);
  const windowKey = JSON.stringify(window);

  useEffect(() => {
    if (window === null) return;
    let cancelled = false;
    setState((current) => ({ ...current, loading: true }));
    lastFetch.current = Date.now();
    service
      .getGameStats({ game, window, houseEdge })
      .then((stats) => {
        if (!cancelled) setState({ stats, loading: false, problem: null });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState((current) => ({ ...current, loading: false, problem: error instanceof Error ? error.message : String(error) }));
      });
    return () => {
      cancelled = true;
    };
    // windowKey stands for window.
  }, [service, game, windowKey, houseEdge, refresh]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (roundsSeen === 0) return;
    const wait = Math.max(0, lastFetch.current + STATS_REFRESH_MS - Date.now());
    const timer = setTimeout(() => setRefresh((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [roundsSeen]);

  return state;
}

export interface ExactState {
  readonly exact: ExactStatsView | null;
  readonly running: boolean;
}

/** Exact percentiles of a window, computed off the core's main thread; cancelled when the window changes. */
export function useExactStats(service: RoundlogService, game: string, window: StatsWindow, enabled: boolean): ExactState {
  const [state, setState] = useState<ExactState>({ exact: null, running: false });
  const windowKey = JSON.stringify(window);
  useEffect(() => {
    setState({ exact: null, running: enabled });
    if (!enabled) return;
    let settled = false;
    const job = `dashboard-${game}`;
    service
      .getExactStats({ game, window, job })
      .then((exact) => {
        settled = true;
        setState({ exact, running: false });
      })
      .catch(() => {
        settled = true;
        setState({ exact: null, running: false });
      });
    return () => {
      if (!settled) {
        settled = true;
        service.cancelExactStats({ job }).catch(() => undefined);
      }
    };
  }, [service, game, windowKey, enabled]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
