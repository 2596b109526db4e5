import { centsText } from '../stats/decimal-text';
import type { JsonValue } from '../stats/json-text';
import { betNote, sampleBets } from './bet-sample';
import { generatedAt, windowHeader, windowSpan, type GameRequest } from './game-request';

// /stats/currency-volume: volume and payout per balance type, largest volume first, plus totals.
// Snapshot amounts are USD-equivalent, which is what makes the totals across currencies a sum.

interface Volume {
  betsCount: number;
  volumeCents: number;
  payoutCents: number;
}

function volumeJson(volume: Volume): Record<string, JsonValue> {
  return { bets_count: volume.betsCount, volume: centsText(volume.volumeCents), payout: centsText(volume.payoutCents) };
}

export function currencyVolumeJson(request: GameRequest): JsonValue {
  const span = windowSpan(request);
  const byCurrency = new Map<string, Volume>();
  const totals: Volume = { betsCount: 0, volumeCents: 0, payoutCents: 0 };
  const sample = sampleBets(request, span, (bet) => {
    let volume = byCurrency.get(bet.currency);
    if (volume === undefined) {
      volume = { betsCount: 0, volumeCents: 0, payoutCents: 0 };
      byCurrency.set(bet.currency, volume);
    }
    for (const sum of [volume, totals]) {
      sum.betsCount += 1;
      sum.volumeCents += bet.amountCents;
      sum.payoutCents += bet.payoutCents;
    }
  });
  return {
    ...windowHeader(request, span),
    rounds_sampled: sample.roundsSampled,
    currencies: [...byCurrency]
      .sort((a, b) => b[1].volumeCents - a[1].volumeCents || a[0].localeCompare(b[0]))
      .map(([currency, volume]) => ({ balance_type: currency, ...volumeJson(volume) })),
    totals: volumeJson(totals),
    note: betNote(sample),
    generated_at: generatedAt(request),
  };
}
