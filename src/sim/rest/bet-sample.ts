import type { SimBet } from '../games/game';
import type { SimRoundRecord } from '../round-log';
import { recordAt, type GameRequest, type RoundSpan } from './game-request';

// The observed bets behind the bet-based stats. Bets are re-derived per round on demand, so a
// window is read newest first and capped: the answer says how many rounds it sampled.

/** At most this many rounds of a window are read for bets (over a day of a crash game). */
export const MAX_BET_ROUNDS = 10_000;

export const SNAPSHOT_NOTE =
  'Directional only: computed from observed bet snapshots, which miss bets placed or cashed out between ' +
  'snapshots and favour large, visible bets; do not read it as the game\u2019s certified RTP.';

export const NO_BETS_NOTE = 'This game publishes no bet snapshots, so every bet figure here is zero.';

export interface BetSample {
  /** Rounds of the window read for bets. */
  readonly roundsSampled: number;
  /** Whether any bet was seen: false for games without bet snapshots. */
  readonly anyBets: boolean;
}

/** Calls `visit` for each bet of the window's newest MAX_BET_ROUNDS rounds, newest round first. */
export function sampleBets(
  request: GameRequest,
  span: RoundSpan,
  visit: (bet: SimBet, record: SimRoundRecord) => void,
): BetSample {
  const oldest = Math.max(span.first, span.end - MAX_BET_ROUNDS);
  let anyBets = false;
  for (let position = span.end - 1; position >= oldest; position--) {
    const bets = request.log.bets(position);
    if (bets.length === 0) continue;
    anyBets = true;
    const record = recordAt(request, position);
    for (const bet of bets) visit(bet, record);
  }
  return { roundsSampled: span.end - oldest, anyBets };
}

export function betNote(sample: BetSample): string {
  return sample.anyBets ? SNAPSHOT_NOTE : NO_BETS_NOTE;
}
