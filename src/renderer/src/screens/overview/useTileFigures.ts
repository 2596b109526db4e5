import { useEffect, useRef, useState } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
import { bonusHeadlineDelays, crashHeadlineDelays, refreshDelay, todayWindow, type HeadlineDelay } from './overviewFigures';

export interface TileFigures {
  readonly roundsToday: number | null;
  readonly delays: readonly HeadlineDelay[];
  /** A sentence when the last refresh failed; the previous figures stay shown. */
  readonly problem: string | null;
}

const EMPTY: TileFigures = { roundsToday: null, delays: [], problem: null };

/**
 * Rounds today and the headline delays of one game, asked again when a round arrives but never
 * more than once per FIGURES_REFRESH_MS: fifty rounds a second must not become fifty queries.
 */
export function useTileFigures(service: RoundlogService, game: string, kind: string, newestRoundId: string | null): TileFigures {
  const [figures, setFigures] = useState<TileFigures>(EMPTY);
  const lastAsked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, []);

  useEffect(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      lastAsked.current = Date.now();
      void askFigures(service, game, kind).then((next) => {
        if (!alive.current) return;
        setFigures((previous) => ('problem' in next ? { ...previous, problem: next.problem } : { ...next, problem: null }));
      });
    }, refreshDelay(lastAsked.current, Date.now()));
  }, [service, game, kind, newestRoundId]);

  return figures;
}

async function askFigures(
  service: RoundlogService,
  game: string,
  kind: string,
): Promise<{ roundsToday: number; delays: HeadlineDelay[] } | { problem: string }> {
  try {
    const [today, delays] = await Promise.all([
      service.countRounds({ game, window: todayWindow(new Date()) }),
      kind === 'wheel-show'
        ? service.getGameStats({ game, window: '1h', houseEdge: null }).then((stats) => (stats.wheel === null ? [] : bonusHeadlineDelays(stats.wheel)))
        : service.getStatsSummary({ game }).then(crashHeadlineDelays),
    ]);
    return { roundsToday: today.rounds, delays };
  } catch (error) {
    return { problem: error instanceof Error && error.message !== '' ? error.message : 'Figures could not be read; retrying with the next round.' };
  }
}
