import { keepTabInside } from '../../components/modal/focusTrap';
import '../../components/modal/modal.css';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
import type { BonusDetail, RoundDetail } from '../../../../shared/round-detail';
import { multiplierBand } from '../../../../shared/multiplier-text';
import { segmentLabel } from '../../../../shared/segment-text';
import { formatLocalTime } from './historyFormat';

// One round, opened from the table as a modal dialog: focus moves in and stays in until it
// closes (Esc, the close button or the backdrop), then returns to where it was.

interface RoundDetailDialogProps {
  readonly service: RoundlogService;
  readonly game: string;
  readonly roundId: string;
  readonly onClose: () => void;
}


export function RoundDetailDialog({ service, game, roundId, onClose }: RoundDetailDialogProps) {
  const [detail, setDetail] = useState<RoundDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const rawBlock = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let cancelled = false;
    setDetail(null);
    setProblem(null);
    service
      .getRoundDetail({ game, roundId })
      .then((answer) => {
        if (!cancelled) setDetail(answer);
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem((error as { message?: string }).message ?? String(error));
      });
    return () => {
      cancelled = true;
    };
  }, [service, game, roundId]);

  useEffect(() => {
    const returnTo = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>('.round-detail__close')?.focus();
    return () => returnTo?.focus?.();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    keepTabInside(event, dialog.current);
  };

  const copy = () => {
    if (detail === null) return;
    const done = () => setCopied('copied');
    const fallback = () => {
      // Outside a secure context (serve over http) the clipboard API is absent: copy the selection.
      const range = document.createRange();
      if (rawBlock.current === null) return setCopied('failed');
      range.selectNodeContents(rawBlock.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setCopied(document.execCommand('copy') ? 'copied' : 'failed');
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(detail.rawJson).then(done, fallback);
    else fallback();
  };

  const round = detail?.round;
  return (
    <div className="modal__backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="modal round-detail"
        role="dialog"
        aria-modal="true"
        aria-labelledby="round-detail-title"
        data-testid="round-detail"
        onKeyDown={onKeyDown}
      >
        <header className="round-detail__header">
          <div>
            <p className="round-detail__eyebrow">Round {roundId}</p>
            <h2 id="round-detail-title" className="round-detail__title">
              {round === undefined ? 'Loading round…' : (
                <>
                  <span className="round-detail__multiplier" data-band={multiplierBand(round.multiplier) ?? undefined}>
                    {round.multiplier}×
                  </span>
                  {round.segment === null ? null : <span className="round-detail__segment">{segmentLabel(round.segment, game).text}</span>}
                  <span className="round-detail__time">{formatLocalTime(round.finalizedUs)}</span>
                </>
              )}
            </h2>
          </div>
          <button type="button" className="round-detail__close" onClick={onClose} aria-label="Close round detail">
            ✕
          </button>
        </header>
        {problem === null ? null : (
          <p className="round-detail__problem" role="alert">
            {problem}
          </p>
        )}
        {detail === null ? null : (
          <div className="round-detail__body">
            {detail.bonuses.length === 0 ? null : (
              <section className="round-detail__bonuses" aria-label="Bonus">
                {detail.bonuses.map((bonus, i) => (
                  <BonusPanel key={`${bonus.kind}-${i}`} bonus={bonus} />
                ))}
              </section>
            )}
            <section className="round-detail__section" aria-labelledby="round-detail-fields">
              <h3 id="round-detail-fields" className="round-detail__heading">
                Fields
              </h3>
              <dl className="round-detail__fields" data-testid="round-detail-fields">
                {detail.fields.map((field) => (
                  <div key={field.path} className="round-detail__field" data-path={field.path}>
                    <dt>{field.path}</dt>
                    <dd>{field.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <section className="round-detail__section" aria-labelledby="round-detail-raw">
              <div className="round-detail__raw-head">
                <h3 id="round-detail-raw" className="round-detail__heading">
                  Raw payload
                </h3>
                <button type="button" className="history-button" onClick={copy}>
                  Copy
                </button>
                <span className="round-detail__copied" role="status">
                  {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Select the text and copy it' : ''}
                </span>
              </div>
              <pre ref={rawBlock} className="round-detail__raw" data-testid="round-detail-raw" tabIndex={0}>
                {detail.rawJson}
              </pre>
            </section>
          </div>
        )}
      </div>
    </div>
  );
}

function BonusPanel({ bonus }: { readonly bonus: BonusDetail }) {
  return (
    <article className="bonus-panel" data-kind={bonus.kind}>
      <h3 className="bonus-panel__title">{bonus.title}</h3>
      {bonus.facts.length === 0 ? null : (
        <dl className="bonus-panel__facts">
          {bonus.facts.map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {bonus.grid === null ? null : (
        <table className="bonus-panel__grid">
          <tbody>
            {bonus.grid.map((cells, r) => (
              <tr key={r}>
                {cells.map((cell, c) => (
                  <td key={c} data-marked={bonus.marks?.[r]?.[c] ? 'yes' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
