import { parseLimit } from '../rounds-params';
import { centsText } from '../stats/decimal-text';
import type { JsonValue } from '../stats/json-text';
import { finalizedAtText } from '../stats/round-facts';
import { NO_BETS_NOTE, SNAPSHOT_NOTE } from './bet-sample';
import { generatedAt, recordAt, type GameRequest } from './game-request';

// /stats/recent-bets?limit=N: the newest observed bets with their round's outcome, newest round
// first and, within a round, in snapshot order. Reads at most SCAN_ROUNDS rounds back, so a game
// without bets answers at once (empty, with a note).

const DEFAULT_LIMIT = 50;
const SCAN_ROUNDS = 1_000;

export function recentBetsJson(request: GameRequest): JsonValue {
  const limit = parseLimit(request.query.get('limit'), DEFAULT_LIMIT);
  const bets: JsonValue[] = [];
  const oldest = Math.max(0, request.settled - SCAN_ROUNDS);
  for (let position = request.settled - 1; position >= oldest && bets.length < limit; position--) {
    const record = recordAt(request, position);
    for (const bet of request.log.bets(position)) {
      if (bets.length === limit) break;
      bets.push({
        round_index: record.roundIndex,
        round_id: record.roundId,
        finalized_at: finalizedAtText(record),
        bet_amount: centsText(bet.amountCents),
        balance_type: bet.currency,
        target_multiplier: (bet.targetHundredths / 100).toFixed(2),
        round_multiplier: record.multiplier,
        won: bet.payoutCents > 0,
        payout: centsText(bet.payoutCents),
      });
    }
  }
  return {
    game_id: request.log.info.slug,
    kind: request.log.info.kind,
    bets,
    note: bets.length > 0 ? SNAPSHOT_NOTE : NO_BETS_NOTE,
    generated_at: generatedAt(request),
  };
}
