import { describe, expect, it } from 'vitest';
import { decimalUnits, parseBetSnapshot } from '../../src/main/core/sources/trackersino/bet-snapshot';

// A recent-bets answer becomes rounds of bets in upstream's order; a bet that cannot be read is
// counted, and nothing after it in its round is kept (its place in the round's list is lost).

function betJson(roundId: string, amount: string, target: string, won: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    round_index: 7_393_228_772_258_146_753n.toString(),
    round_id: roundId,
    finalized_at: '2026-11-20T10:00:05Z',
    bet_amount: amount,
    balance_type: 'USDT',
    target_multiplier: target,
    round_multiplier: '3.21',
    won,
    payout: won ? (Number(amount) * Number(target)).toFixed(2) : '0.00',
    ...extra,
  };
}

describe('reading bet snapshots', () => {
  it('reads decimals exactly into integer units, rounding half up past their precision', () => {
    expect(decimalUnits('12.34', 1_000_000)).toBe(12_340_000);
    expect(decimalUnits('0.0000005', 1_000_000)).toBe(1);
    expect(decimalUnits('0.0000004', 1_000_000)).toBe(0);
    expect(decimalUnits(2.5, 10_000)).toBe(25_000);
    expect(decimalUnits('999999999.999999', 1_000_000)).toBe(999_999_999_999_999);
    // Over a billion dollars a bet is not read: its millionths would pass 2^53.
    expect(decimalUnits('1000000000.00', 1_000_000)).toBeNull();
    for (const bad of ['-1', '1e3', '', '1.2.3', null, true]) expect(decimalUnits(bad, 100)).toBeNull();
  });

  it('groups bets by round in the order listed, and keeps a round\'s bets only up to an unreadable one', () => {
    const text = JSON.stringify({
      game_id: 'stake-crash',
      bets: [
        betJson('b', '1.00', '2.00', true),
        betJson('b', '2.50', '1.50', true),
        betJson('a', '3.00', '10.00', false),
        betJson('a', 'lots', '2.00', true),
        betJson('a', '4.00', '2.00', true),
        betJson('c', '1.00', '0.50', false),
        betJson('b', '9.00', '2.00', true),
      ],
    });
    const snapshot = parseBetSnapshot(text);
    expect(snapshot.rounds.map((round) => [round.roundId, round.bets.length])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    expect(snapshot.rounds[0]!.bets[1]).toEqual({ amountMicros: 2_500_000, payoutMicros: 3_750_000, targetUnits: 15_000, currency: 'usdt', won: true });
    expect(snapshot.rounds[0]!.finalizedUs).toBe(Date.UTC(2026, 10, 20, 10, 0, 5) * 1000);
    expect(snapshot.rejected.map((one) => one.reason)).toEqual([
      expect.stringMatching(/^bet_amount is not a decimal/),
      'follows an unreadable bet of its round',
      expect.stringMatching(/^target_multiplier is not a multiplier/),
      'round b listed twice',
    ]);
  });

  it('pays stake × target on a win when a snapshot carries no payout', () => {
    const text = JSON.stringify({ bets: [betJson('a', '2.00', '3.50', true, { payout: null }), betJson('a', '2.00', '3.50', false, { payout: undefined })] });
    expect(parseBetSnapshot(text).rounds[0]!.bets.map((one) => one.payoutMicros)).toEqual([7_000_000, 0]);
  });

  it('refuses an answer that is not a list of bets, in words', () => {
    expect(() => parseBetSnapshot('{"bets": 3}')).toThrow(/no bets array/);
    expect(() => parseBetSnapshot('<html>')).toThrow(/not JSON/);
  });
});
