// "Spins since last" for an outcome of probability p per round (game-math.md §5): the gap, the
// number of rounds in a row without it, is geometric, P(gap ≥ g) = (1 − p)^g.

function checkChance(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`drought: probability ${p} is not in [0, 1]`);
}

/** P(a drought lasts at least `gap` rounds) = (1 − p)^gap. */
export function droughtChance(p: number, gap: number): number {
  checkChance(p);
  if (gap <= 0) return 1;
  return (1 - p) ** gap;
}

/** The share of droughts shorter than `gap`: "the current gap is at the 93rd percentile". */
export function droughtPercentile(p: number, gap: number): number {
  return 1 - droughtChance(p, gap);
}

/**
 * The drought length reached or exceeded with probability `chance` (the "5% drought length" of
 * game-math.md §5): ln(chance) / ln(1 − p), rounded to the nearest whole round. Rounding is what
 * reproduces the game-math table (Crazy Time bonus 160.3 → 160, Coin Flip 38.9 → 39, Monopoly
 * 2 Rolls 80.6 → 81); ceil or floor would each miss some of its rows. Infinite when p = 0 (the
 * outcome never comes), 0 when p = 1.
 */
export function droughtLength(p: number, chance: number): number {
  checkChance(p);
  if (!(chance > 0 && chance <= 1)) throw new RangeError(`droughtLength: chance ${chance} is not in (0, 1]`);
  if (p === 1 || chance === 1) return 0;
  if (p === 0) return Number.POSITIVE_INFINITY;
  return Math.round(Math.log(chance) / Math.log1p(-p));
}
