import { QuantileSketch } from './quantile-sketch';
import { Rollup, type RankedRound, type RoundRef, type UnderRuns } from './rollup';

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

const refIn = (ref: Ref): RoundRef | null => (ref === null ? null : { us: ref[0], id: ref[1] });

/**
 * The stored text, written member by member in the order of `Stored`: exactly what JSON.stringify
 * gives for it. The live path encodes its hour and day on every commit while little in them
 * changes, so the costly parts (times past 2^31, hundreds of sketch counts) are kept as text with
 * what they describe: each round ref, the top list, the sketch's runs of buckets.
 */
export function encodeRollup(rollup: Rollup): string {
  const { bets } = rollup;
  return (
    `{"n":${number(rollup.rounds)},"f":${refText(rollup.first)},"l":${refText(rollup.last)},"s":${number(rollup.sumUnits)},` +
    `"mu":${number(rollup.maxUnits)},"m":${refText(rollup.max)},"h":${JSON.stringify(rollup.hits)},"r":${runsText(rollup.runs)},` +
    `"q":${rollup.sketch.json()},"t":${JSON.stringify([...rollup.tallies])},` +
    `"b":${JSON.stringify([bets.rounds, bets.volumeCents, bets.payoutCents, bets.bettors, bets.winners])},` +
    `"top":${topText(rollup.top)},"p":${number(rollup.paidRounds)}}`
  );
}

const number = (value: number): string => JSON.stringify(value);

/** Refs and top lists are never changed in place (a new one replaces them), so their text keeps. */
const refTexts = new WeakMap<RoundRef, string>();
const topTexts = new WeakMap<readonly RankedRound[], string>();

function refText(ref: RoundRef | null): string {
  if (ref === null) return 'null';
  let text = refTexts.get(ref);
  if (text === undefined) {
    text = JSON.stringify([ref.us, ref.id]);
    refTexts.set(ref, text);
  }
  return text;
}

/** Runs are counts of rounds: whole numbers, which a template writes as JSON does. */
function runsText(runs: readonly UnderRuns[]): string {
  const each = runs.map((run) => `[${run.head},${run.tail},${refText(run.tailStart)},${run.best},${refText(run.bestStart)}]`);
  return `[${each.join(',')}]`;
}

function topText(top: readonly RankedRound[]): string {
  let text = topTexts.get(top);
  if (text === undefined) {
    text = JSON.stringify(top.map((round) => [round.us, round.id, round.key]));
    topTexts.set(top, text);
  }
  return text;
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
