// The longest run of failures ("below x": a crash under x, a spin without the segment) in n
// rounds, each a success with probability p and a failure with q = 1 − p (game-math.md §5).

const EXACT_UP_TO = 20_000;

function checkRounds(n: number, p: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`longest run: ${n} rounds`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`longest run: probability ${p} is not in [0, 1]`);
}

/**
 * The typical longest run: log_{1/q}(n·p). This is the form game-math.md's examples use (Stake
 * below 2×: 9.1 in 1,000 and 12.4 in 10,000 rounds; below 10×: 44.1 and 66.2). Schilling's mean
 * adds γ/ln(1/q) − 1/2 to it (9.4 and 12.8 below 2×, 49 and 71 below 10×), which misses those
 * figures; the value here is the run reached with probability about 1 − 1/e ≈ 63%. Clamped to
 * [0, n]; n when p = 0, 0 when p = 1.
 */
export function expectedLongestRun(n: number, p: number): number {
  checkRounds(n, p);
  if (p === 0) return n;
  if (p === 1 || n === 0) return 0;
  const run = Math.log(n * p) / -Math.log1p(-p);
  return Math.min(n, Math.max(0, run));
}

/**
 * P(the longest run of failures in n rounds is at least `length`).
 * For n ≤ 20,000 it is exact: with k = length, let r_m = P(a run of k failures within the first m
 * rounds). The first such run ends at round m either right at the start (m = k: q^k) or after a
 * success at m − k with no run before it, so r_m = r_{m−1} + p·q^k·(1 − r_{m−k−1}) for m > k.
 * Summing positive terms keeps tiny probabilities accurate. Above 20,000 rounds it uses the
 * standard approximation P(longest < k) ≈ exp(−n·p·q^k), good once q^k is small.
 */
export function longestRunChance(n: number, p: number, length: number): number {
  checkRounds(n, p);
  if (length <= 0) return 1;
  if (length > n) return 0;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const k = Math.ceil(length);
  const q = 1 - p;
  const qk = q ** k;
  if (n > EXACT_UP_TO) return -Math.expm1(-n * p * qk);
  const reached = new Float64Array(n + 1);
  reached[k] = qk;
  const step = p * qk;
  for (let m = k + 1; m <= n; m++) reached[m] = (reached[m - 1] as number) + step * (1 - (reached[m - k - 1] as number));
  return Math.min(1, reached[n] as number);
}
