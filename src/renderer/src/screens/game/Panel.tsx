import { useId, type ReactNode } from 'react';
import type { GoodnessOfFitView } from '../../../../shared/stats/common';
import { formatCount, formatPValue } from './format';
import { usePanelWindowControl } from './PanelWindow';

interface PanelProps {
  readonly name: string;
  readonly title: string;
  /** Rounds the panel's figures are based on; null while nothing has loaded yet. */
  readonly rounds: number | null;
  readonly note?: ReactNode;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** One dashboard panel: a heading, what it is based on, and its figures. */
export function Panel({ name, title, rounds, note, wide = false, children }: PanelProps) {
  const titleId = useId();
  const windowControl = usePanelWindowControl();
  return (
    <section className={wide ? 'panel panel--wide' : 'panel'} data-testid="panel" data-panel={name} aria-labelledby={titleId}>
      <header className="panel__header">
        <h2 className="panel__title" id={titleId}>
          {title}
        </h2>
        {windowControl}
        <span className="panel__rounds" data-testid="panel-rounds">
          {rounds === null ? '…' : `${formatCount(rounds)} ${rounds === 1 ? 'round' : 'rounds'}`}
        </span>
      </header>
      {note === undefined ? null : <p className="panel__note">{note}</p>}
      <div className="panel__body">{children}</div>
    </section>
  );
}

/** Says so where the game has no published theory, instead of inventing one. */
export function NoTheory({ children = 'no published theory' }: { readonly children?: ReactNode }) {
  return <span className="no-theory">{children}</span>;
}

/** A χ² goodness of fit in one line ("χ² across pockets = 31.2 on 36 df, p = 0.69"), or why there is none. */
export function FitLine({ fit, across, missing }: { readonly fit: GoodnessOfFitView | null; readonly across?: string; readonly missing?: string | null }) {
  if (fit === null) return <NoTheory>χ²: {missing ?? 'no published theory'}</NoTheory>;
  return (
    <>
      χ²{across === undefined ? '' : ` across ${across}`} = {fit.statistic.toFixed(1)} on {fit.degreesOfFreedom} df, {formatPValue(fit.pValue)}
    </>
  );
}
