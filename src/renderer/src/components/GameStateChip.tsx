import type { GameState } from '../../../shared/contract';

const WORDS: Readonly<Record<GameState, string>> = {
  connecting: 'Connecting',
  backfilling: 'Backfilling',
  live: 'Live',
  stale: 'Stale',
  paused: 'Paused',
  error: 'Error',
};

export function GameStateChip({ state }: { readonly state: GameState }) {
  return (
    <span className={`state-chip state-chip--${state}`} data-testid="game-state" data-state={state}>
      {WORDS[state]}
    </span>
  );
}
