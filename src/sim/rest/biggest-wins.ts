import { parseLimit } from '../rounds-params';
import { finalizedAtText, unitsOf, rawNumber, rawOf, rawString, totalAmountOf } from '../stats/round-facts';
import type { JsonValue } from '../stats/json-text';
import { generatedAt, recordAt, windowHeader, windowSpan, type GameRequest } from './game-request';

// /stats/biggest-wins: the window's top rounds by total_amount × multiplier when the game reports
// a payout (crash `totalAmount`, wheel shows `total_payout`), else by multiplier alone. Ties go to
// the newer round.

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

interface Win {
  readonly position: number;
  readonly units: number;
  readonly totalAmount: number | null;
  readonly key: number;
}

export function biggestWinsJson(request: GameRequest): JsonValue {
  const limit = parseLimit(request.query.get('limit'), DEFAULT_LIMIT, MAX_LIMIT);
  const span = windowSpan(request);
  const wins: Win[] = [];
  for (let position = span.first; position < span.end; position++) {
    const record = recordAt(request, position);
    const units = unitsOf(record);
    const totalAmount = totalAmountOf(record);
    wins.push({ position, units, totalAmount, key: totalAmount === null ? units : totalAmount * units });
  }
  wins.sort((a, b) => b.key - a.key || b.position - a.position);
  return {
    ...windowHeader(request, span),
    ranked_by: wins.some((win) => win.totalAmount !== null) ? 'total_amount_x_multiplier' : 'multiplier',
    wins: wins.slice(0, limit).map((win) => {
      const record = recordAt(request, win.position);
      const raw = rawOf(record);
      const winners = rawNumber(raw, 'totalWinners', 'total_winners');
      return {
        round_index: record.roundIndex,
        round_id: record.roundId,
        multiplier: record.multiplier,
        finalized_at: finalizedAtText(record),
        segment: rawString(raw, 'segment'),
        total_amount: win.totalAmount === null ? null : String(win.totalAmount),
        total_winners: winners,
      };
    }),
    generated_at: generatedAt(request),
  };
}
