import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
import type { HistoryQuery } from '../../../../shared/history-query';
import type { RoundView } from '../../../../shared/round';
import { pagesCovering, PAGE_ROWS, RowCache } from './rowCache';

// The table's data: the query's total and the rows fetched around what is on screen. A live
// round of the game re-reads the total; sorted newest first, the rows already fetched move down
// by the rounds added, and the table keeps its place (see `onShift`).

export interface HistoryRows {
  /** Null until the first answer. */
  readonly total: number | null;
  readonly error: { code: string; message: string } | null;
  row(offset: number): RoundView | undefined;
  /** Asks for the rows [from, to) (plus a page either side); rows arrive by re-render. */
  want(from: number, to: number): void;
}

/** Live rounds arriving this close together are counted with one request. */
const LIVE_SETTLE_MS = 400;

export function useHistoryRows(
  service: RoundlogService,
  game: string,
  query: HistoryQuery | null,
  onShift: (rows: number) => void,
): HistoryRows {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [, setVersion] = useState(0);
  const cache = useRef(new RowCache());
  /** Bumped on every new query or count change: answers for an older one are dropped. */
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  const fresh = useRef(new Set<number>());
  const wanted = useRef<{ from: number; to: number }>({ from: 0, to: PAGE_ROWS });
  const totalRef = useRef<number | null>(null);
  const onShiftRef = useRef(onShift);
  onShiftRef.current = onShift;

  const fetchPage = useCallback(
    (page: number) => {
      if (query === null || inFlight.current.has(page) || fresh.current.has(page)) return;
      const asked = generation.current;
      inFlight.current.add(page);
      service
        .getHistoryPage({ game, query, offset: page * PAGE_ROWS, limit: PAGE_ROWS })
        .then((answer) => {
          if (asked !== generation.current) return;
          inFlight.current.delete(page);
          fresh.current.add(page);
          cache.current.put(page, answer.rows);
          if (answer.total !== totalRef.current) {
            totalRef.current = answer.total;
            setTotal(answer.total);
          }
          setError(null);
          setVersion((v) => v + 1);
        })
        .catch((failure: unknown) => {
          if (asked !== generation.current) return;
          inFlight.current.delete(page);
          const { code = 'error', message = String(failure) } = failure as { code?: string; message?: string };
          setError({ code, message });
        });
    },
    [service, game, query],
  );

  const fetchWanted = useCallback(() => {
    const known = totalRef.current ?? PAGE_ROWS;
    const { from, to } = wanted.current;
    const pages = pagesCovering(from - PAGE_ROWS / 2, to + PAGE_ROWS / 2, Math.max(known, 1));
    cache.current.touch(pages);
    for (const page of pages) fetchPage(page);
  }, [fetchPage]);

  // A new query starts from nothing.
  useEffect(() => {
    generation.current += 1;
    cache.current = new RowCache();
    inFlight.current.clear();
    fresh.current.clear();
    totalRef.current = null;
    setTotal(null);
    setError(null);
    fetchWanted();
  }, [fetchWanted]);

  // Live rounds: re-count, move what is known, refetch what is on screen (kept visible meanwhile).
  useEffect(() => {
    if (query === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => {
      timer = null;
      const asked = ++generation.current;
      service
        .getHistoryPage({ game, query, offset: 0, limit: 1 })
        .then(({ total: now }) => {
          if (asked !== generation.current) return;
          const before = totalRef.current;
          inFlight.current.clear();
          fresh.current.clear();
          if (before !== null && now > before && query.sort === 'newest') {
            cache.current = cache.current.shifted(now - before);
            onShiftRef.current(now - before);
          }
          totalRef.current = now;
          setTotal(now);
          setVersion((v) => v + 1);
          fetchWanted();
        })
        .catch(() => {
          // The next round retries; the table keeps what it shows.
        });
    };
    const off = service.onRounds((rounds) => {
      if (timer === null && rounds.some((round) => round.game === game)) timer = setTimeout(recount, LIVE_SETTLE_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [service, game, query, fetchWanted]);

  const want = useCallback(
    (from: number, to: number) => {
      wanted.current = { from, to };
      fetchWanted();
    },
    [fetchWanted],
  );

  const row = useCallback((offset: number) => cache.current.row(offset), []);
  return { total, error, row, want };
}
