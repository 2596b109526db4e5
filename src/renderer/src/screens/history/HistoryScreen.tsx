import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { findGame } from '../../../../shared/games';
import type { RoundView } from '../../../../shared/round';
import { useApp } from '../../app/AppContext';
import { HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { formatRoundCount, localInputToIso } from './historyFormat';
import { draftQuery, EMPTY_DRAFT, type HistoryDraft } from './historyDraft';
import { RoundDetailDialog } from './RoundDetailDialog';
import { ExportDialog } from './ExportDialog';
import { clampTop, type ScrollGeometry } from './scaledScroll';
import { useHistoryRows } from './useHistoryRows';
import './history.css';

// The whole local history of one game, offline: filter, sort, jump to a date, and open any round.

/** Typing in a filter waits this long before the table asks again. */
const SETTLE_MS = 250;

export function HistoryScreen() {
  const { service, route, navigate } = useApp();
  const game = route.screen === 'history' ? route.game : '';
  const openRoundId = route.screen === 'history' ? route.roundId : null;
  const info = findGame(game);
  const showSegment = info === undefined ? true : info.kind !== 'crash' && info.kind !== 'slide' && info.kind !== 'wheel';

  const [draft, setDraft] = useState<HistoryDraft>(EMPTY_DRAFT);
  const asked = useMemo(() => draftQuery(draft), [draft]);
  const askedKey = 'query' in asked ? JSON.stringify(asked.query) : null;
  const [queryKey, setQueryKey] = useState<string | null>(askedKey);
  useEffect(() => {
    if (askedKey === null) return;
    const timer = setTimeout(() => setQueryKey(askedKey), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [askedKey]);
  const query = useMemo(() => (queryKey === null ? null : JSON.parse(queryKey)), [queryKey]);

  const [topRow, setTopRow] = useState(0);
  const [selected, setSelected] = useState(0);
  const [jumpProblem, setJumpProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const geometryRef = useRef<ScrollGeometry | null>(null);
  const topRowRef = useRef(topRow);
  topRowRef.current = topRow;

  // Sorted newest first and scrolled away from the top, live rounds must not move what one reads.
  const onShift = useCallback((added: number) => {
    if (topRowRef.current <= 0) return;
    setTopRow((top) => top + added);
    setSelected((row) => row + added);
  }, []);
  const rows = useHistoryRows(service, game, query, onShift);

  useEffect(() => {
    setTopRow(0);
    setSelected(0);
  }, [queryKey]);

  const open = useCallback((round: RoundView) => navigate({ screen: 'history', game, roundId: round.roundId }), [navigate, game]);
  const close = useCallback(() => navigate({ screen: 'history', game, roundId: null }), [navigate, game]);

  const jump = async (localTime: string) => {
    const start = localInputToIso(localTime);
    if (start === null || query === null) return;
    // Newest first, a jump to 12:30:05 shows the rounds of that second at the top.
    const at = query.sort === 'newest' ? new Date(new Date(start).getTime() + 999).toISOString() : start;
    try {
      const { offset, total } = await service.locateInHistory({ game, query, at });
      // The offset counts the rounds stored when it was read: the table first catches up with them.
      rows.syncTotal(total);
      const row = Math.max(0, Math.min(total - 1, offset));
      setJumpProblem(offset >= total ? 'No round at or past that moment: showing the last one.' : null);
      setSelected(row);
      const geometry = geometryRef.current;
      setTopRow(geometry === null ? row : clampTop({ ...geometry, rows: total }, row));
    } catch (error) {
      setJumpProblem((error as { message?: string }).message ?? String(error));
    }
  };

  const screen = useRef<HTMLElement>(null);
  useFillViewport(screen);

  const title = info === undefined ? game : `${info.name} · ${info.provider}`;
  const unknownGame = rows.error?.code === 'unknown_game';
  return (
    <section ref={screen} className="history-screen" aria-labelledby="history-title">
      <header className="history-screen__head">
        <div>
          <h1 id="history-title" className="history-screen__title">
            History <span className="history-screen__game">{title}</span>
          </h1>
          <p className="history-screen__total" data-testid="history-total" aria-live="polite">
            {rows.total === null ? (unknownGame ? formatRoundCount(0) : 'Counting…') : formatRoundCount(rows.total)}
          </p>
        </div>
        <div className="history-screen__actions">
          <button type="button" className="history-button history-button--quiet" onClick={() => setExporting(true)} data-testid="history-export">
            Export…
          </button>
          <button type="button" className="history-button history-button--quiet" onClick={() => navigate({ screen: 'game', game })}>
            Dashboard
          </button>
        </div>
      </header>
      <HistoryFilters game={game} draft={draft} onDraft={setDraft} problem={'problem' in asked ? asked.problem : jumpProblem} onJump={(time) => void jump(time)} />
      {rows.error !== null && !unknownGame ? (
        <p className="problem" role="alert">
          {rows.error.message}
        </p>
      ) : null}
      {unknownGame || rows.total === 0 ? (
        <p className="history-screen__empty">
          {unknownGame ? rows.error?.message : 'No rounds match these filters.'}
        </p>
      ) : (
        <HistoryTable
          total={rows.total ?? 0}
          row={rows.row}
          want={rows.want}
          topRow={topRow}
          onTopRow={setTopRow}
          selected={selected}
          onSelect={setSelected}
          onOpen={open}
          showSegment={showSegment}
          geometryRef={geometryRef}
        />
      )}
      {openRoundId === null ? null : <RoundDetailDialog service={service} game={game} roundId={openRoundId} onClose={close} />}
      {exporting ? <ExportDialog service={service} game={game} gameName={title} onClose={() => setExporting(false)} /> : null}
    </section>
  );
}

/** The screen takes the window's height below its top, so the table (not the page) scrolls. */
function useFillViewport(element: { current: HTMLElement | null }): void {
  useLayoutEffect(() => {
    const fit = () => {
      const node = element.current;
      if (node === null) return;
      const top = node.getBoundingClientRect().top + window.scrollY;
      node.style.height = `${Math.max(320, window.innerHeight - top - 16)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [element]);
}
