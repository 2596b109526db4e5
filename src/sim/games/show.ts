import type { SeededDice } from '../round-hash';

// What the Evolution game shows share: a wheel (or board) of equally likely physical segments,
// and a crowd whose winners and payout the tracker rows report.

/** One entry per physical segment, so a uniform pick lands on each spot at its count / total. */
export function segmentWheel<S extends { readonly segments: number }>(spots: readonly S[]): readonly S[] {
  return spots.flatMap((spot) => Array<S>(spot.segments).fill(spot));
}

export interface Crowd {
  readonly totalWinners: number;
  /** Whole currency units, as tracksino's total_payout. */
  readonly totalPayout: number;
  readonly bettorsCount: number;
}

/**
 * UNVERIFIED crowd model (trackers publish only the totals): 2,000-12,000 players, about
 * `winnerShare` of them holding the winning bet, average stake $0.80-$2.00, each paid
 * stake × `returnPerStake` (the multiplier a winning bet returns, stake included).
 */
export function playCrowd(dice: SeededDice, winnerShare: number, returnPerStake: number): Crowd {
  const bettorsCount = dice.between(2_000, 12_000);
  const totalWinners = Math.round((bettorsCount * winnerShare * dice.between(80, 120)) / 100);
  const stakeCents = dice.between(80, 200);
  return { bettorsCount, totalWinners, totalPayout: Math.round((totalWinners * stakeCents * returnPerStake) / 100) };
}

/** `k` distinct integers of [0, n), in draw order (a partial Fisher-Yates shuffle). */
export function drawDistinct(dice: SeededDice, n: number, k: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + dice.below(n - i);
    const swap = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = swap;
  }
  return pool.slice(0, k);
}

/** A wheel show's round id: base64url of the hash's last 9 bytes, as tracksino's 12-character ids. */
export function showRoundId(hashHex: string): string {
  return Buffer.from(hashHex.slice(46), 'hex').toString('base64url');
}
