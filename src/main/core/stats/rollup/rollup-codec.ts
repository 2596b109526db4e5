import { QuantileSketch } from './quantile-sketch';
import { Rollup, type RoundRef, type UnderRuns } from './rollup';

// Rollups are stored as compact JSON text: arrays rather than objects, refs as [us, id]. The
// layout is versioned by the migration that created the table; a change of layout is a new
// migration that rebuilds the rollups from the rounds.

type Ref = [us: number, id: number] | null;
type Runs = [head: number, tail: number, tailStart: Ref, best: number, bestStart: Ref];

interface Stored {
  n: number;
  f: Ref;
  l: Ref;
  s: number;
  mu: number;
  m: Ref;
  h: number[];
  r: Runs[];
  q: number[];
  t: [string, number][];
  b: [number, number, number, number, number];
  top: [number, number, number][];
  p: number;
}

const refOut = (ref: RoundRef | null): Ref => (ref === null ? null : [ref.us, ref.id]);
const refIn = (ref: Ref): RoundRef | null => (ref === null ? null : { us: ref[0], id: ref[1] });

export function encodeRollup(rollup: Rollup): string {
  const stored: Stored = {
    n: rollup.rounds,
    f: refOut(rollup.first),
    l: refOut(rollup.last),
    s: rollup.sumUnits,
    mu: rollup.maxUnits,
    m: refOut(rollup.max),
    h: rollup.hits,
    r: rollup.runs.map((runs) => [runs.head, runs.tail, refOut(runs.tailStart), runs.best, refOut(runs.bestStart)]),
    q: rollup.sketch.encode(),
    t: [...rollup.tallies],
    b: [rollup.bets.rounds, rollup.bets.volumeCents, rollup.bets.payoutCents, rollup.bets.bettors, rollup.bets.winners],
    top: rollup.top.map((round) => [round.us, round.id, round.key]),
    p: rollup.paidRounds,
  };
  return JSON.stringify(stored);
}

export function decodeRollup(text: string): Rollup {
  const stored = JSON.parse(text) as Stored;
  const rollup = new Rollup();
  rollup.rounds = stored.n;
  rollup.first = refIn(stored.f);
  rollup.last = refIn(stored.l);
  rollup.sumUnits = stored.s;
  rollup.maxUnits = stored.mu;
  rollup.max = refIn(stored.m);
  stored.h.forEach((hits, t) => (rollup.hits[t] = hits));
  stored.r.forEach(([head, tail, tailStart, best, bestStart], t) => {
    const runs: UnderRuns = { head, tail, tailStart: refIn(tailStart), best, bestStart: refIn(bestStart) };
    rollup.runs[t] = runs;
  });
  rollup.sketch = QuantileSketch.decode(stored.q);
  for (const [key, amount] of stored.t) rollup.tallies.set(key, amount);
  const [rounds, volumeCents, payoutCents, bettors, winners] = stored.b;
  Object.assign(rollup.bets, { rounds, volumeCents, payoutCents, bettors, winners });
  rollup.top = stored.top.map(([us, id, key]) => ({ us, id, key }));
  rollup.paidRounds = stored.p;
  return rollup;
}
