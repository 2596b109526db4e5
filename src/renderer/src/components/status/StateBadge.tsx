import type { GameState } from '../../../../shared/contract';
import { STATE_WORDS } from './statusWords';
import './status.css';

/** The live state as a small badge with a dot; the dot pulses only while live and motion is allowed. */
export function StateBadge({ state }: { readonly state: GameState }) {
  return (
    <span className={`state-badge state-badge--${state}`} data-testid="game-state" data-state={state}>
      <span className="state-badge__dot" aria-hidden="true" />
      {STATE_WORDS[state]}
    </span>
  );
}
