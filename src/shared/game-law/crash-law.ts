// The theoretical P(M ≥ x) of crash games, from game-math.md §1. Games whose law is unknown
// (Roobet Slide, every game show above 1×) get none: the docs say never invent one.
// Shared by the app and the sandbox, so it imports nothing from either.
// UNVERIFIED rows of game-math.md §1 that are used here anyway, each named in its `baseline`:
// Stake Slide (1% or 2% edge; 1% assumed) and Shuffle Crash (single third-party source).
// Roobet's formula is derived from code quoted by a third party; its stated edge was not found.

export interface CrashLaw {
  /** The house edge the law assumes, when it is a plain edge; null for Roobet's formula. */
  readonly houseEdge: number | null;
  /** What the theoretical column is computed from, for the answer's `baseline` field. */
  readonly baseline: string;
  survival(x: number): number;
}

const TWO_32 = 2 ** 32;

export function fairLaw(houseEdge: number, baseline = `(1 - ${houseEdge}) / x`): CrashLaw {
  return { houseEdge, baseline, survival: (x) => Math.min(1, (1 - houseEdge) / x) };
}

const STAKE: CrashLaw = {
  houseEdge: 0.01,
  baseline: 'Stake: floor(0.99 * 2^32 / x) / 2^32',
  survival: (x) => (x <= 1 ? 1 : Math.floor((0.99 * TWO_32) / x) / TWO_32),
};

const ROOBET: CrashLaw = {
  houseEdge: null,
  baseline: 'Roobet: 0.96 * 99 / (100x - 1) (4% instant 1.00x, then a 1% edge)',
  survival: (x) => (x <= 1 ? 1 : Math.min(1, (0.96 * 99) / (100 * x - 1))),
};

const LAWS: ReadonlyMap<string, CrashLaw> = new Map([
  ['stake-crash', STAKE],
  ['duel-crash', fairLaw(0.001, 'Duel: 0.999 / x')],
  ['shuffle-crash', fairLaw(0.01, 'Shuffle (UNVERIFIED 1% edge): 0.99 / x')],
  ['crash', ROOBET],
  ['stake-slide', fairLaw(0.01, 'Stake Slide (UNVERIFIED 1% edge): 0.99 / x')],
]);

/** The game's own law, or null when no reliable public figure exists. */
export function crashLaw(slug: string): CrashLaw | null {
  return LAWS.get(slug) ?? null;
}
