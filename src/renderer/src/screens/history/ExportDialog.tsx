import { keepTabInside } from '../../components/modal/focusTrap';
import '../../components/modal/modal.css';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
import { IMPORT_HINT, type ExportFormat, type ExportProgress, type ExportRange } from '../../../../shared/transfer';
import { formatRoundCount, localInputToIso } from './historyFormat';
import './export.css';

// Export of the history to a file, opened from the history browser. The page chooses what to
// export, never where: the app writes into its data folder's `exports/` and the dialog shows the
// path it chose. Import is on the command line for now, and the dialog says how.

interface ExportDialogProps {
  readonly service: RoundlogService;
  readonly game: string;
  readonly gameName: string;
  readonly onClose: () => void;
}

type RangeChoice = 'all' | '24h' | '7d' | '30d' | 'custom';

const RANGES: readonly { value: RangeChoice; label: string }[] = [
  { value: 'all', label: 'All history' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'From … until …' },
];

const FORMATS: readonly { value: ExportFormat; label: string; note: string }[] = [
  { value: 'csv', label: 'CSV', note: 'spreadsheets' },
  { value: 'jsonl', label: 'JSON Lines', note: 'scripts, jq' },
  { value: 'parquet', label: 'Parquet', note: 'DuckDB, pandas' },
];

type Job =
  | { readonly phase: 'choosing' }
  | { readonly phase: 'starting' }
  | { readonly phase: 'running' | 'done' | 'cancelled' | 'failed'; readonly exportId: string; readonly file: string; readonly rows: number; readonly total: number; readonly message: string | null };


/** The range the form describes, or a sentence saying what is missing. */
function rangeOf(choice: RangeChoice, since: string, until: string): { range: ExportRange } | { problem: string } {
  if (choice !== 'custom') return { range: choice };
  const from = localInputToIso(since);
  const to = localInputToIso(until);
  if (from === null && to === null) return { problem: 'Give a start, an end, or both.' };
  if (from !== null && to !== null && from >= to) return { problem: 'The start must be before the end.' };
  return { range: { since: from, until: to } };
}

export function ExportDialog({ service, game, gameName, onClose }: ExportDialogProps) {
  const [scope, setScope] = useState<'game' | 'all'>('game');
  const [choice, setChoice] = useState<RangeChoice>('all');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [job, setJob] = useState<Job>({ phase: 'choosing' });
  const [problem, setProblem] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  /** Every export's latest event, kept from the start: an event may arrive before the reply that names its export. */
  const latest = useRef(new Map<string, ExportProgress>());
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      service.onExportProgress((event) => {
        latest.current.set(event.exportId, event);
        if (event.exportId === current.current) setJob({ phase: event.state, ...event });
      }),
    [service],
  );

  useEffect(() => {
    const returnTo = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>('select, button')?.focus();
    return () => returnTo?.focus?.();
  }, []);

  const running = job.phase === 'running' || job.phase === 'starting';
  const start = async () => {
    const asked = rangeOf(choice, since, until);
    if ('problem' in asked) return setProblem(asked.problem);
    const { range } = asked;
    setProblem(null);
    setJob({ phase: 'starting' });
    try {
      const started = await service.startExport({ game: scope === 'all' ? 'all' : game, range, format });
      current.current = started.exportId;
      const seen = latest.current.get(started.exportId);
      setJob(seen ? { phase: seen.state, ...seen } : { phase: 'running', exportId: started.exportId, file: started.file, rows: 0, total: started.total, message: null });
    } catch (error) {
      setJob({ phase: 'choosing' });
      setProblem((error as { message?: string }).message ?? String(error));
    }
  };

  const cancel = () => {
    if (job.phase === 'running') void service.cancelExport({ exportId: job.exportId });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      // An export keeps running if the dialog closes; Esc never leaves one without its cancel button.
      if (!running) onClose();
      return;
    }
    keepTabInside(event, dialog.current);
  };

  const settled = job.phase === 'done' || job.phase === 'cancelled' || job.phase === 'failed';
  return (
    <div className="modal__backdrop" onMouseDown={(event) => event.target === event.currentTarget && !running && onClose()}>
      <div ref={dialog} className="modal export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog" onKeyDown={onKeyDown}>
        <header className="export-dialog__header">
          <h2 id="export-title" className="export-dialog__title">
            Export rounds
          </h2>
          <button type="button" className="export-dialog__close" onClick={onClose} disabled={running} aria-label="Close export">
            ✕
          </button>
        </header>
        <div className="export-dialog__body">
          <fieldset className="export-dialog__form" disabled={running}>
            <label className="history-field">
              <span>Game</span>
              <select value={scope} onChange={(event) => setScope(event.target.value as 'game' | 'all')} data-testid="export-scope">
                <option value="game">{gameName}</option>
                <option value="all">Every game</option>
              </select>
            </label>
            <label className="history-field">
              <span>Finalised</span>
              <select value={choice} onChange={(event) => setChoice(event.target.value as RangeChoice)} data-testid="export-range">
                {RANGES.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
            {choice === 'custom' ? (
              <>
                <label className="history-field">
                  <span>From (included)</span>
                  <input type="datetime-local" step={1} value={since} onChange={(event) => setSince(event.target.value)} data-testid="export-since" />
                </label>
                <label className="history-field">
                  <span>Until (not included)</span>
                  <input type="datetime-local" step={1} value={until} onChange={(event) => setUntil(event.target.value)} data-testid="export-until" />
                </label>
              </>
            ) : null}
            <div className="export-dialog__formats" role="radiogroup" aria-label="Format">
              {FORMATS.map((option) => (
                <label key={option.value} className="export-dialog__format" data-checked={format === option.value ? 'yes' : undefined}>
                  <input type="radio" name="export-format" value={option.value} checked={format === option.value} onChange={() => setFormat(option.value)} />
                  <span className="export-dialog__format-name">{option.label}</span>
                  <span className="export-dialog__format-note">{option.note}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {problem === null ? null : (
            <p className="export-dialog__problem" role="alert">
              {problem}
            </p>
          )}
          {job.phase === 'choosing' || job.phase === 'starting' ? null : <ExportStatus job={job} />}
          <p className="export-dialog__hint">
            Files go to the <code>exports</code> folder of Roundlog&apos;s data folder, complete or not at all. Every format keeps
            round_index and the multiplier exactly as received, and the raw row.
          </p>
          <p className="export-dialog__hint" data-testid="export-import-hint">
            {IMPORT_HINT}
          </p>
        </div>
        <footer className="export-dialog__footer">
          {job.phase === 'running' ? (
            <button type="button" className="history-button history-button--quiet" onClick={cancel} data-testid="export-cancel">
              Cancel export
            </button>
          ) : (
            <button type="button" className="history-button" onClick={() => void start()} disabled={job.phase === 'starting'} data-testid="export-start">
              {settled ? 'Export again' : 'Export'}
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}

function ExportStatus({ job }: { readonly job: Extract<Job, { exportId: string }> }) {
  const { phase, rows, total, file, message } = job;
  return (
    <section className="export-dialog__status" data-state={phase} data-testid="export-status" aria-live="polite">
      <progress className="export-dialog__progress" max={Math.max(total, 1)} value={phase === 'done' ? Math.max(total, 1) : rows} data-testid="export-progress" />
      <p className="export-dialog__count">
        {phase === 'running' ? `${formatRoundCount(rows)} of ${formatRoundCount(total)} written…` : null}
        {phase === 'done' ? `${formatRoundCount(rows)} exported to` : null}
        {phase === 'cancelled' || phase === 'failed' ? message : null}
      </p>
      {phase === 'done' ? (
        <code className="export-dialog__path" data-testid="export-path">
          {file}
        </code>
      ) : null}
    </section>
  );
}
