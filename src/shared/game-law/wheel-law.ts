// Segment tables of the Evolution wheels, game-math.md §2, keyed by the `raw.segment` codes the
// sandbox writes. A code the table lacks is served with no theoretical share, never a guess.
// Only segment counts live here. UNVERIFIED in game-math.md §2 and §4, and so absent: every
// per-bet RTP (Crazy Time "reported", MONOPOLY Live), Top Slot and all bonus-round
// distributions, the Lightning Storm bonus allocation, and Ice Fishing's multipliers and RTP.

export interface WheelSegment {
  readonly code: string;
  /** The label a player sees on the wheel: the `sector` of /spins. */
  readonly label: string;
  readonly count: number;
}

function wheel(entries: readonly [string, string, number][]): readonly WheelSegment[] {
  return entries.map(([code, label, count]) => ({ code, label, count }));
}

const CRAZY_TIME = wheel([
  ['n1', '1', 21],
  ['n2', '2', 13],
  ['n5', '5', 7],
  ['n10', '10', 4],
  ['coinflip', 'Coin Flip', 4],
  ['cashhunt', 'Cash Hunt', 2],
  ['pachinko', 'Pachinko', 2],
  ['crazytime', 'Crazy Time', 1],
]);

// The codes below are the ones the games' modules write (`n<value>` for numbers); a module that
// changes a code must change it here too, or that segment loses its theoretical column.
const MONOPOLY_LIVE = wheel([
  ['n1', '1', 22],
  ['n2', '2', 15],
  ['n5', '5', 7],
  ['n10', '10', 4],
  ['chance', 'Chance', 2],
  ['2rolls', '2 Rolls', 3],
  ['4rolls', '4 Rolls', 1],
]);

const DREAM_CATCHER = wheel([
  ['n1', '1', 23],
  ['n2', '2', 15],
  ['n5', '5', 7],
  ['n10', '10', 4],
  ['n20', '20', 2],
  ['n40', '40', 1],
  ['x2', '2×', 1],
  ['x7', '7×', 1],
]);

/** game-math.md §4: 19 Leaf segments and one each of 1-20 (39 in all). */
const LIGHTNING_STORM = wheel([
  ['leaf', 'Leaf', 19],
  ...Array.from({ length: 20 }, (_, i): [string, string, number] => [`n${i + 1}`, String(i + 1), 1]),
]);

/** game-math.md §4: the 53-segment wheel of the casino help page. */
const ICE_FISHING = wheel([
  ['leaf1', 'Leaf 1', 23],
  ['leaf2', 'Leaf 2', 23],
  ['lilblues', "Lil' Blues", 4],
  ['bigoranges', 'Big Oranges', 2],
  ['hugereds', 'Huge Reds', 1],
]);

// MONOPOLY Big Baller is a ball draw, not a wheel: it has no segment table.
const WHEELS: ReadonlyMap<string, readonly WheelSegment[]> = new Map([
  ['crazytime', CRAZY_TIME],
  ['crazytimea', CRAZY_TIME],
  ['monopolylive', MONOPOLY_LIVE],
  ['dreamcatcher', DREAM_CATCHER],
  ['lightningstorm', LIGHTNING_STORM],
  ['icefishing', ICE_FISHING],
]);

/** The game's published segment table, or an empty one when none is published. */
export function wheelSegments(slug: string): readonly WheelSegment[] {
  return WHEELS.get(slug) ?? [];
}

export function segmentCount(segments: readonly WheelSegment[]): number {
  return segments.reduce((total, segment) => total + segment.count, 0);
}
