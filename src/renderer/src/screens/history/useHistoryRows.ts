import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
import type { HistoryPage, HistoryQuery } from '../../../../shared/history-query';
import type { RoundView } from '../../../../shared/round';
import { pagesCovering, PAGE_ROWS, RowCache } from './rowCache';

// The table's data: the query's total and the rows fetched around what is on screen. Every
// answer carries the total it was read at. Sorted newest first, rounds added since are in front
// of every known row: rows move down by that many, and the table keeps its place (`onShift`).
// Live rounds of the game re-read the total and refresh what is on screen, which stays visible
// meanwhile.

export interface HistoryRows {
  /** Null until the first answer. */
  readonly total: number | null;
  readonly error: { code: string; message: string } | null;
  row(offset: number): RoundView | undefined;
  /** Asks for the rows [from, to) (plus half a page either side); rows arrive by re-render. */
  want(from: number, to: number): void;
  /** Brings the rows to a total another answer was read at (locateInHistory's), before using its offsets. */
  syncTotal(total: number): void;
}

/** Live rounds arriving this close together are counted with one request. */
const LIVE_SETTLE_MS = 750;

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
  /** Bumped for every new query: answers to an older one are dropped. */
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  /** Pages read since the total last changed. */
  const fresh = useRef(new Set<number>());
  const wanted = useRef<{ from: number; to: number }>({ from: 0, to: PAGE_ROWS });
  const totalRef = useRef<number | null>(null);
  const onShiftRef = useRef(onShift);
  onShiftRef.current = onShift;

  /** Takes in the total an answer was read at; returns how far its rows lag the rows known. */
  const acceptTotal = useCallback(
    (answered: number): number => {
      const known = totalRef.current;
      if (known === answered) return 0;
      if (known !== null && query?.sort === 'newest') {
        if (answered < known) return known - answered;
        cache.current = cache.current.shifted(answered - known);
        onShiftRef.current(answered - known);
      }
      totalRef.current = answered;
      fresh.current.clear();
      setTotal(answered);
      return 0;
    },
    [query],
  );

  const fetchWanted = useRef<() => void>(() => {});

  const fetchPage = useCallback(
    (page: number) => {
      if (query === null || inFlight.current.has(page) || fresh.current.has(page)) return;
      const asked = generation.current;
      inFlight.current.add(page);
      service
        .getHistoryPage({ game, query, offset: page * PAGE_ROWS, limit: PAGE_ROWS })
        .then((answer: HistoryPage) => {
          if (asked !== generation.current) return;
          inFlight.current.delete(page);
          const lag = acceptTotal(answer.total);
          cache.current.putAt(answer.offset + lag, answer.rows);
          if (lag === 0) fresh.current.add(page);
          setError(null);
          setVersion((v) => v + 1);
          fetchWanted.current();
        })
        .catch((failure: unknown) => {
          if (asked !== generation.current) return;
          inFlight.current.delete(page);
          const { code = 'error', message = String(failure) } = failure as { code?: string; message?: string };
          setError({ code, message });
        });
    },
    [service, game, query, acceptTotal],
  );

  fetchWanted.current = () => {
    const known = totalRef.current ?? PAGE_ROWS;
    const { from, to } = wanted.current;
    const pages = pagesCovering(from - PAGE_ROWS / 2, to + PAGE_ROWS / 2, Math.max(known, 1));
    cache.current.touch(pages);
    for (const page of pages) fetchPage(page);
  };

  // A new query starts from nothing.
  useEffect(() => {
    generation.current += 1;
    cache.current = new RowCache();
    inFlight.current.clear();
    fresh.current.clear();
    totalRef.current = null;
    setTotal(null);
    setError(null);
    fetchWanted.current();
  }, [fetchPage]);

  // Live rounds: re-count; a changed total refreshes what is on screen.
  useEffect(() => {
    if (query === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => {
      timer = null;
      const asked = generation.current;
      service
        .getHistoryPage({ game, query, offset: 0, limit: 1 })
        .then(({ total: now }) => {
          if (asked !== generation.current) return;
          acceptTotal(now);
          setVersion((v) => v + 1);
          fetchWanted.current();
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
  }, [service, game, query, acceptTotal]);

  const want = useCallback((from: number, to: number) => {
    wanted.current = { from, to };
    fetchWanted.current();
  }, []);

  const row = useCallback((offset: number) => cache.current.row(offset), []);
  const syncTotal = useCallback(
    (now: number) => {
      acceptTotal(now);
      setVersion((v) => v + 1);
      fetchWanted.current();
    },
    [acceptTotal],
  );
  return { total, error, row, want, syncTotal };
}
