import { useState } from 'react';
import { bonusRuleOf, historySegments, HISTORY_SORTS, type HistorySort } from '../../../../shared/history-query';
import type { HistoryDraft } from './historyDraft';

// The filter bar: time range, multiplier range, segments (shows), bonus only, order, and a jump
// to a date. Every control has a visible label; nothing here talks to the service.

const SORT_NAMES: Record<HistorySort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  highest: 'Highest multiplier',
  lowest: 'Lowest multiplier',
};

interface HistoryFiltersProps {
  readonly game: string;
  readonly draft: HistoryDraft;
  readonly onDraft: (draft: HistoryDraft) => void;
  readonly problem: string | null;
  readonly onJump: (localTime: string) => void;
}

export function HistoryFilters({ game, draft, onDraft, problem, onJump }: HistoryFiltersProps) {
  const segments = historySegments(game);
  const bonus = bonusRuleOf(game);
  const [jumpTo, setJumpTo] = useState('');
  const set = (change: Partial<HistoryDraft>) => onDraft({ ...draft, ...change });
  const timeOrder = draft.sort === 'newest' || draft.sort === 'oldest';

  return (
    <form className="history-filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      <label className="history-field">
        <span>From</span>
        <input type="datetime-local" step={1} value={draft.from} onChange={(event) => set({ from: event.target.value })} />
      </label>
      <label className="history-field">
        <span>Through</span>
        <input type="datetime-local" step={1} value={draft.through} onChange={(event) => set({ through: event.target.value })} />
      </label>
      <label className="history-field history-field--narrow">
        <span>Min ×</span>
        <input type="number" min={0} step="any" inputMode="decimal" placeholder="any" value={draft.min} onChange={(event) => set({ min: event.target.value })} />
      </label>
      <label className="history-field history-field--narrow">
        <span>Max ×</span>
        <input type="number" min={0} step="any" inputMode="decimal" placeholder="any" value={draft.max} onChange={(event) => set({ max: event.target.value })} />
      </label>
      {segments.length === 0 ? null : (
        <details className="history-segments">
          <summary className="history-field__summary">
            <span>Segments</span>
            <strong>{draft.segments.length === 0 ? 'All' : `${draft.segments.length} chosen`}</strong>
          </summary>
          <fieldset className="history-segments__list">
            <legend className="visually-hidden">Segments to show</legend>
            {segments.map(({ code, label }) => (
              <label key={code} className="history-check">
                <input
                  type="checkbox"
                  checked={draft.segments.includes(code)}
                  onChange={(event) =>
                    set({ segments: event.target.checked ? [...draft.segments, code] : draft.segments.filter((chosen) => chosen !== code) })
                  }
                />
                {label}
              </label>
            ))}
            {draft.segments.length === 0 ? null : (
              <button type="button" className="history-button history-button--quiet" onClick={() => set({ segments: [] })}>
                Clear
              </button>
            )}
          </fieldset>
        </details>
      )}
      <label className="history-check history-check--bar" title={bonus.by === 'none' ? bonus.meaning : `Only ${bonus.meaning}`}>
        <input
          type="checkbox"
          checked={draft.bonusOnly && bonus.by !== 'none'}
          disabled={bonus.by === 'none'}
          onChange={(event) => set({ bonusOnly: event.target.checked })}
          aria-describedby="history-bonus-meaning"
        />
        Bonus only
        <span id="history-bonus-meaning" className={bonus.by === 'none' ? 'history-check__note' : 'visually-hidden'}>
          {bonus.by === 'none' ? '(none in this game)' : `Only ${bonus.meaning}.`}
        </span>
      </label>
      <label className="history-field">
        <span>Order</span>
        <select value={draft.sort} onChange={(event) => set({ sort: event.target.value as HistorySort })}>
          {HISTORY_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_NAMES[sort]}
            </option>
          ))}
        </select>
      </label>
      <div className="history-jump" role="group" aria-label="Jump to date">
        <label className="history-field">
          <span>Jump to</span>
          <input
            type="datetime-local"
            step={1}
            value={jumpTo}
            disabled={!timeOrder}
            data-testid="history-jump-input"
            onChange={(event) => setJumpTo(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && jumpTo !== '') onJump(jumpTo);
            }}
          />
        </label>
        <button
          type="button"
          className="history-button"
          disabled={!timeOrder || jumpTo === ''}
          title={timeOrder ? undefined : 'Jumping to a date needs a time order'}
          data-testid="history-jump"
          onClick={() => onJump(jumpTo)}
        >
          Go
        </button>
      </div>
      {problem === null ? null : (
        <p className="history-filters__problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
