import { useId, type ReactNode } from 'react';
import { formatCount } from './format';
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
