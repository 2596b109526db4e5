import type { BackfillProgress } from '../../../../shared/contract';
import { backfillWords, formatEta } from './statusWords';
import './status.css';

interface BackfillBarProps {
  readonly backfill: BackfillProgress;
  readonly gameName: string;
  /** Compact: the bar and the time left only; the full line goes in its title. */
  readonly compact?: boolean;
}

/** A progress bar with its ETA. Without a known end it shows a quiet sweep, never a fake percent. */
export function BackfillBar({ backfill, gameName, compact = false }: BackfillBarProps) {
  const percent = backfill.fraction === null ? null : Math.round(backfill.fraction * 100);
  const words = backfillWords(backfill);
  return (
    <div className="backfill" data-testid="backfill" title={words}>
      <div
        className={`backfill__track${percent === null ? ' backfill__track--unknown' : ''}`}
        role="progressbar"
        aria-label={`Backfill of ${gameName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={words}
      >
        <div className="backfill__fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <span className="backfill__words">{compact ? `${percent === null ? '' : `${percent}% · `}${formatEta(backfill.etaSeconds)}` : words}</span>
    </div>
  );
}
