import { centsText, fixedText } from '../stats/decimal-text';
import type { JsonValue } from '../stats/json-text';
import { betNote, sampleBets } from './bet-sample';
import { generatedAt, windowHeader, windowSpan, type GameRequest } from './game-request';

// /stats/rtp-empirical (payout / volume over the window's observed bets) and /stats/rtp-detailed
// (the same per cash-out target, one entry per exact target, lowest first). Amounts are dollar
// strings with cents; ratios are 4-decimal strings, null when nothing was staked.

interface Totals {
  betsCount: number;
  volumeCents: number;
  payoutCents: number;
  wins: number;
}

function emptyTotals(): Totals {
  return { betsCount: 0, volumeCents: 0, payoutCents: 0, wins: 0 };
}

function ratio(part: number, whole: number): string | null {
  return fixedText(whole === 0 ? null : part / whole);
}

export function rtpEmpiricalJson(request: GameRequest): JsonValue {
  const span = windowSpan(request);
  const totals = emptyTotals();
  const sample = sampleBets(request, span, (bet) => {
    totals.betsCount += 1;
    totals.volumeCents += bet.amountCents;
    totals.payoutCents += bet.payoutCents;
  });
  return {
    ...windowHeader(request, span),
    rounds_sampled: sample.roundsSampled,
    bets_count: totals.betsCount,
    volume: centsText(totals.volumeCents),
    payout: centsText(totals.payoutCents),
    ratio: ratio(totals.payoutCents, totals.volumeCents),
    note: betNote(sample),
    generated_at: generatedAt(request),
  };
}

export function rtpDetailedJson(request: GameRequest): JsonValue {
  const span = windowSpan(request);
  const byTarget = new Map<number, Totals>();
  const sample = sampleBets(request, span, (bet) => {
    let totals = byTarget.get(bet.targetHundredths);
    if (totals === undefined) {
      totals = emptyTotals();
      byTarget.set(bet.targetHundredths, totals);
    }
    totals.betsCount += 1;
    totals.volumeCents += bet.amountCents;
    totals.payoutCents += bet.payoutCents;
    if (bet.payoutCents > 0) totals.wins += 1;
  });
  return {
    ...windowHeader(request, span),
    rounds_sampled: sample.roundsSampled,
    targets: [...byTarget]
      .sort((a, b) => a[0] - b[0])
      .map(([targetHundredths, totals]) => ({
        target_multiplier: (targetHundredths / 100).toFixed(2),
        bets_count: totals.betsCount,
        volume: centsText(totals.volumeCents),
        payout: centsText(totals.payoutCents),
        win_rate: ratio(totals.wins, totals.betsCount),
        rtp: ratio(totals.payoutCents, totals.volumeCents),
      })),
    note: betNote(sample),
    generated_at: generatedAt(request),
  };
}
