import { describe, expect, it } from 'vitest';
import { decodeRollup, encodeRollup } from '../../../src/main/core/stats/rollup/rollup-codec';
import { Rollup, type RolledRound, type RoundRef } from '../../../src/main/core/stats/rollup/rollup';
import { NO_FACTS } from '../../../src/main/core/stats/round-facts-types';

// The live path encodes the same hour again on every commit and reuses the text of what did not
// change. Whatever it reuses, the text must be the one JSON.stringify gives for the layout of
// migration 3, so that every reader (and every older Roundlog) reads it as before.

const ref = (r: RoundRef | null) => (r === null ? null : [r.us, r.id]);

/** The layout written out plainly, as the codec did before it kept any text. */
function plainText(rollup: Rollup): string {
  return JSON.stringify({
    n: rollup.rounds,
    f: ref(rollup.first),
    l: ref(rollup.last),
    s: rollup.sumUnits,
    mu: rollup.maxUnits,
    m: ref(rollup.max),
    h: rollup.hits,
    r: rollup.runs.map((runs) => [runs.head, runs.tail, ref(runs.tailStart), runs.best, ref(runs.bestStart)]),
    q: rollup.sketch.encode(),
    t: [...rollup.tallies],
    b: [rollup.bets.rounds, rollup.bets.volumeCents, rollup.bets.payoutCents, rollup.bets.bettors, rollup.bets.winners],
    top: rollup.top.map((round) => [round.us, round.id, round.key]),
    p: rollup.paidRounds,
  });
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Rounds of a live game: times past 2^31 µs, multipliers from 1× into the thousands, some with payouts. */
function liveRounds(count: number, seed: number): RolledRound[] {
  const random = seeded(seed);
  const startUs = 1_780_000_000_000_000;
  return Array.from({ length: count }, (_, n) => ({
    id: 1_000_000 + n,
    us: startUs + n * 24_000_000 + Math.floor(random() * 1000),
    units: Math.max(10_000, Math.floor(9_900 / (1 - random()))),
    facts: {
      ...NO_FACTS,
      events: n % 5 === 0 ? ['seg:n2'] : [],
      ...(n % 3 === 0 ? { payoutCents: Math.floor(random() * 10_000_000) } : {}),
    },
  }));
}

describe('a rollup encoded again as rounds arrive', () => {
  it('is written exactly as JSON.stringify writes its layout, after every round', () => {
    const hour = new Rollup();
    for (const round of liveRounds(3_000, 11)) {
      hour.add(round);
      expect(encodeRollup(hour)).toBe(plainText(hour));
    }
  });

  it('is written exactly so after being read back, joined and extended', () => {
    const rounds = liveRounds(1_200, 12);
    const first = new Rollup();
    rounds.slice(0, 600).forEach((round) => first.add(round));
    const day = decodeRollup(encodeRollup(first));
    expect(encodeRollup(day)).toBe(plainText(first));
    const later = new Rollup();
    rounds.slice(600).forEach((round) => later.add(round));
    day.append(later);
    expect(encodeRollup(day)).toBe(plainText(day));
    const earlier = new Rollup();
    earlier.add({ id: 1, us: 1_000, units: 1_000_000_000, facts: NO_FACTS });
    earlier.append(day);
    expect(encodeRollup(earlier)).toBe(plainText(earlier));
  });
});
