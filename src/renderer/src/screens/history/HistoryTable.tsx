import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RoundView } from '../../../../shared/round';
import { formatMultiplier, multiplierBand } from '../../../../shared/multiplier-text';
import { segmentLabel } from '../../../../shared/segment-text';
import { formatLocalTime } from './historyFormat';
import { contentHeight, scrollTopFor, topRowAt, topRowShowing, type ScrollGeometry } from './scaledScroll';

// The virtualized table: fixed-height rows drawn only for the viewport, inside a scroller whose
// height is scaled when the history is too long for the browser (scaledScroll.ts). The top row
// is the parent's state, so a jump or a live shift moves the view exactly, to the row.

export interface HistoryTableProps {
  readonly total: number;
  readonly row: (offset: number) => RoundView | undefined;
  readonly want: (from: number, to: number) => void;
  readonly topRow: number;
  readonly onTopRow: (topRow: number) => void;
  readonly selected: number;
  readonly onSelect: (offset: number) => void;
  readonly onOpen: (round: RoundView) => void;
  readonly showSegment: boolean;
  /** Filled as the table measures itself, for key handling above it. */
  readonly geometryRef: { current: ScrollGeometry | null };
}

const ROW_EM = 2.25;

function rowHeightPx(): number {
  return Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize) * ROW_EM);
}

export function HistoryTable(props: HistoryTableProps) {
  const { total, row, want, topRow, onTopRow, selected, onSelect, onOpen, showSegment, geometryRef } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewportHeight, setViewportHeight] = useState(600);
  const [rowHeight, setRowHeight] = useState(32);
  /** The scrollTop the table set itself: its scroll event is not the user's. */
  const expected = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const measure = () => {
      setViewportHeight(element.clientHeight);
      setRowHeight(rowHeightPx());
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const geometry: ScrollGeometry = { rows: total, rowHeight, viewportHeight };
  geometryRef.current = geometry;
  const visibleRows = Math.ceil(viewportHeight / rowHeight) + 1;
  const first = Math.floor(topRow);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const wanted = scrollTopFor(geometry, topRow);
    if (Math.abs(element.scrollTop - wanted) >= 1) {
      element.scrollTop = wanted;
      expected.current = element.scrollTop;
    }
  });

  useEffect(() => {
    want(first, first + visibleRows);
  }, [want, first, visibleRows, total]);

  const onScroll = () => {
    const element = scroller.current;
    if (element === null) return;
    if (expected.current !== null && Math.abs(element.scrollTop - expected.current) < 1) return;
    expected.current = null;
    onTopRow(topRowAt(geometry, element.scrollTop));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowUp: selected - 1,
      PageDown: selected + page,
      PageUp: selected - page,
      Home: 0,
      End: total - 1,
    };
    if (event.key === 'Enter') {
      const round = row(selected);
      if (round !== undefined) onOpen(round);
      event.preventDefault();
      return;
    }
    const next = moves[event.key];
    if (next === undefined || total === 0) return;
    event.preventDefault();
    const target = Math.min(total - 1, Math.max(0, next));
    onSelect(target);
    onTopRow(topRowShowing(geometry, topRow, target));
  };

  const rows = [];
  for (let offset = first; offset < Math.min(total, first + visibleRows); offset++) {
    const round = row(offset);
    const y = (offset - topRow) * rowHeight;
    rows.push(
      <HistoryRow
        key={offset}
        offset={offset}
        round={round}
        y={y}
        height={rowHeight}
        selected={offset === selected}
        showSegment={showSegment}
        onClick={() => {
          onSelect(offset);
          if (round !== undefined) onOpen(round);
        }}
      />,
    );
  }

  return (
    <div className="history-table" data-testid="history-table" data-segments={showSegment ? 'yes' : 'no'}>
      <div className="history-table__head" role="presentation">
        <span>Time</span>
        <span>Round index</span>
        <span className="history-table__num">Multiplier</span>
        {showSegment ? <span>Segment</span> : null}
        <span>Round id</span>
      </div>
      <div
        ref={scroller}
        className="history-table__scroller"
        role="grid"
        aria-label="Rounds"
        aria-rowcount={total}
        aria-activedescendant={total > 0 ? `history-row-${selected}` : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div className="history-table__content" style={{ height: contentHeight(geometry) }}>
          <div className="history-table__window" style={{ height: viewportHeight }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}

interface HistoryRowProps {
  readonly offset: number;
  readonly round: RoundView | undefined;
  readonly y: number;
  readonly height: number;
  readonly selected: boolean;
  readonly showSegment: boolean;
  readonly onClick: () => void;
}

function HistoryRow({ offset, round, y, height, selected, showSegment, onClick }: HistoryRowProps) {
  const style = { transform: `translateY(${y}px)`, height };
  if (round === undefined) {
    return (
      <div className="history-row history-row--loading" role="row" aria-rowindex={offset + 1} aria-busy="true" id={`history-row-${offset}`} style={style}>
        <span className="history-row__placeholder" />
      </div>
    );
  }
  const band = multiplierBand(round.multiplier);
  const segment = round.segment === null ? null : segmentLabel(round.segment, round.game);
  return (
    <div
      className={selected ? 'history-row history-row--selected' : 'history-row'}
      role="row"
      aria-rowindex={offset + 1}
      aria-selected={selected}
      id={`history-row-${offset}`}
      data-testid="history-row"
      data-offset={offset}
      data-round-id={round.roundId}
      style={style}
      onClick={onClick}
    >
      <span role="gridcell" className="history-row__time">
        {formatLocalTime(round.finalizedUs)}
      </span>
      <span role="gridcell" className="history-row__index">
        {round.roundIndex ?? '—'}
      </span>
      <span role="gridcell" className="history-row__multiplier" data-band={band ?? undefined} title={`Shown as ${formatMultiplier(round.multiplier)} by the casino`}>
        {round.multiplier}×
      </span>
      {showSegment ? (
        <span role="gridcell" className="history-row__segment" data-kind={segment?.kind}>
          {segment?.text ?? '—'}
        </span>
      ) : null}
      <span role="gridcell" className="history-row__id">
        {round.roundId}
      </span>
    </div>
  );
}
