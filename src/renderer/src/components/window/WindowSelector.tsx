import { useId, useState } from 'react';
import type { StatsWindow } from '../../../../shared/stats/window';
import { customWindow, isoToLocalInput, sameWindow, WINDOW_CHOICES, windowLabel } from './windowChoice';
import './window.css';

interface WindowSelectorProps {
  /** The chosen window; null when none of these is chosen (a panel following its dashboard). */
  readonly value: StatsWindow | null;
  onChange(window: StatsWindow): void;
  /** What the window applies to, for screen readers: "Statistics window". */
  readonly label?: string;
}

/** The documented presets, all history, and a custom range of local date-times. */
export function WindowSelector({ value, onChange, label = 'Statistics window' }: WindowSelectorProps) {
  const custom = value !== null && typeof value !== 'string';
  const [editing, setEditing] = useState(false);
  const now = new Date();
  const [from, setFrom] = useState(custom ? isoToLocalInput(value.from) : isoToLocalInput(new Date(now.getTime() - 86_400_000).toISOString()));
  const [through, setThrough] = useState(custom ? isoToLocalInput(value.through) : isoToLocalInput(now.toISOString()));
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const apply = (): void => {
    const chosen = customWindow(from, through);
    if ('problem' in chosen) {
      setProblem(chosen.problem);
      return;
    }
    setProblem(null);
    setEditing(false);
    onChange(chosen.window);
  };

  return (
    <div className="window-selector" data-testid="window-selector" role="group" aria-label={label}>
      <div className="window-selector__presets">
        {WINDOW_CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className="window-selector__choice"
            aria-pressed={value !== null && sameWindow(value, choice)}
            data-window={choice}
            onClick={() => {
              setEditing(false);
              onChange(choice);
            }}
          >
            {choice === 'all' ? 'All' : choice}
          </button>
        ))}
        <button type="button" className="window-selector__choice" aria-pressed={custom || editing} aria-expanded={editing} aria-controls={`${id}-custom`} onClick={() => setEditing((open) => !open)} data-window="custom">
          {custom ? windowLabel(value) : 'Custom…'}
        </button>
      </div>
      {editing ? (
        <form
          className="window-selector__custom"
          id={`${id}-custom`}
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <label>
            From <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
          </label>
          <label>
            Through <input type="datetime-local" value={through} onChange={(event) => setThrough(event.target.value)} />
          </label>
          <button type="submit" className="window-selector__apply">
            Apply
          </button>
          {problem === null ? null : (
            <span className="window-selector__problem" role="alert">
              {problem}
            </span>
          )}
        </form>
      ) : null}
    </div>
  );
}
