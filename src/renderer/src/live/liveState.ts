import type { Status } from '../../../shared/contract';
import type { RoundView } from '../../../shared/round';
import { groupRoundsByGame, mergeRounds } from '../round/roundOrder';

/** What the first screen shows: the latest status and, per game slug, its rounds oldest first. */
export interface LiveState {
  readonly status: Status | null;
  readonly roundsByGame: ReadonlyMap<string, readonly RoundView[]>;
  /**
   * Per game, how many times new rounds arrived: it keeps counting after the kept rounds reach
   * their limit (their count stops there), so screens refresh on it.
   */
  readonly arrivalsByGame: ReadonlyMap<string, number>;
  /** A sentence for the user when loading failed; cleared by the next good status. */
  readonly problem: string | null;
}

export type LiveAction =
  | { readonly type: 'status'; readonly status: Status }
  | { readonly type: 'rounds'; readonly rounds: readonly RoundView[] }
  | { readonly type: 'problem'; readonly message: string };

export const initialLiveState: LiveState = { status: null, roundsByGame: new Map(), arrivalsByGame: new Map(), problem: null };

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'status':
      return { ...state, status: action.status, problem: null };
    case 'problem':
      return { ...state, problem: action.message };
    case 'rounds':
      return withRounds(state, action.rounds);
  }
}

function withRounds(state: LiveState, rounds: readonly RoundView[]): LiveState {
  let next: Map<string, readonly RoundView[]> | null = null;
  let arrivals: Map<string, number> | null = null;
  for (const [game, incoming] of groupRoundsByGame(rounds)) {
    const existing = state.roundsByGame.get(game) ?? [];
    const merged = mergeRounds(existing, incoming);
    if (merged === existing) continue;
    next ??= new Map(state.roundsByGame);
    next.set(game, merged);
    arrivals ??= new Map(state.arrivalsByGame);
    arrivals.set(game, (arrivals.get(game) ?? 0) + 1);
  }
  // Untouched games keep their arrays, so only the cards that got rounds re-render.
  return next === null ? state : { ...state, roundsByGame: next, arrivalsByGame: arrivals! };
}
