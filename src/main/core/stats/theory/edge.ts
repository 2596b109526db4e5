import { wilsonInterval, type Interval } from './interval';

// Crash-game edge and return at a cash-out target x, from the rate of rounds with M ≥ x
// (game-math.md §5): a player who always cashes out at x gets back x·S(x) per unit, so the edge
// is 1 − x·S(x). The 95% band is the Wilson interval of the rate pushed through the same line.

export interface EdgeEstimate {
  readonly edge: number;
  readonly interval: Interval;
}

export interface ReturnEstimate {
  readonly rtp: number;
  readonly interval: Interval;
}

/** The rolling RTP at target x, x·hits/rounds, with its band; null when there are no rounds. */
export function rtpAt(target: number, hits: number, rounds: number): ReturnEstimate | null {
  const rate = wilsonInterval(hits, rounds);
  if (rate === null) return null;
  return { rtp: (target * hits) / rounds, interval: { low: target * rate.low, high: target * rate.high } };
}

/** ê = 1 − x·hits/rounds, with its band; null when there are no rounds. */
export function edgeAt(target: number, hits: number, rounds: number): EdgeEstimate | null {
  const rtp = rtpAt(target, hits, rounds);
  if (rtp === null) return null;
  // A higher rate means a lower edge, so the rate's upper bound gives the edge's lower bound.
  return { edge: 1 - rtp.rtp, interval: { low: 1 - rtp.interval.high, high: 1 - rtp.interval.low } };
}
