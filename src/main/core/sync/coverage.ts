// The spans of a game's history known to be complete, and the walks that would make it whole.
// A span [from, through] means: every round upstream finalised in that time is stored. Spans only
// grow from what a walk proved (an empty page, or every row between two known rounds) or what an
// unbroken stream delivered, in the same transaction as the rounds themselves.

export interface Span {
  readonly fromUs: number;
  /** round_index of the span's oldest round: the `before_index` that continues older. */
  readonly fromIndex: bigint | null;
  readonly throughUs: number;
  readonly throughIndex: bigint | null;
  /** Upstream has nothing older: the span begins at the game's first round. */
  readonly atStart: boolean;
}

/** A point of the history: a round's time and index. */
export interface Edge {
  readonly us: number;
  readonly index: bigint | null;
}

/** Newest first, as walks and the UI read them. */
export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) => b.throughUs - a.throughUs);
}

/**
 * Adds a proven span, merging it with every span it overlaps or touches: since walks ask for
 * `since` inclusively, a walk that reached a span's newest round shares that instant with it.
 */
export function mergeSpan(spans: readonly Span[], added: Span): Span[] {
  let merged = added;
  const rest: Span[] = [];
  for (const span of spans) {
    if (span.fromUs <= merged.throughUs && merged.fromUs <= span.throughUs) merged = union(merged, span);
    else rest.push(span);
  }
  rest.push(merged);
  return sortSpans(rest);
}

function union(a: Span, b: Span): Span {
  // On a tie the span that knows its edge's round_index (or its start) wins: a walk that found
  // nothing new proves a span without rounds at its edges.
  const older = a.fromUs < b.fromUs || (a.fromUs === b.fromUs && (a.atStart || (a.fromIndex !== null && !b.atStart))) ? a : b;
  const newer = a.throughUs > b.throughUs || (a.throughUs === b.throughUs && a.throughIndex !== null) ? a : b;
  return {
    fromUs: older.fromUs,
    fromIndex: older.fromIndex,
    throughUs: newer.throughUs,
    throughIndex: newer.throughIndex,
    atStart: older.atStart,
  };
}

/** One keyset walk: pages of rows older than `beforeIndex` (null: from the newest) back to `sinceUs`. */
export interface WalkPlan {
  readonly kind: 'catch-up' | 'hole' | 'deep';
  readonly beforeIndex: bigint | null;
  /** The newest point the walk's rows join (the span above a hole or the bottom), null for catch-up. */
  readonly top: Edge | null;
  /** Oldest time wanted (inclusive), or null for everything upstream has. */
  readonly sinceUs: number | null;
}

/** A game's first catch-up reaches this far back; the rest of its depth is walked behind live tracking. */
export const FIRST_CATCH_UP_US = 60 * 60 * 1_000_000;

/**
 * What is missing, newest first: the catch-up from now back to the newest span (on a game's first
 * start, its last hour), the holes between spans (walks a restart interrupted), and the deep walk
 * below the oldest span down to `depthUs` (null: everything upstream has). Walks start
 * `overlapUs` early so that a round stamped with another precision than REST's cannot fall
 * between them.
 */
export function plannedWalks(spans: readonly Span[], depthUs: number | null, overlapUs: number, nowUs: number): WalkPlan[] {
  const sorted = sortSpans(spans);
  const newest = sorted[0];
  if (newest === undefined) {
    const firstUs = nowUs - FIRST_CATCH_UP_US;
    return [{ kind: 'catch-up', beforeIndex: null, top: null, sinceUs: depthUs === null ? firstUs : Math.max(depthUs, firstUs) }];
  }
  const plans: WalkPlan[] = [{ kind: 'catch-up', beforeIndex: null, top: null, sinceUs: newest.throughUs - overlapUs }];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const upper = sorted[i]!;
    const lower = sorted[i + 1]!;
    if (upper.fromIndex === null) continue;
    plans.push({ kind: 'hole', beforeIndex: upper.fromIndex, top: { us: upper.fromUs, index: upper.fromIndex }, sinceUs: lower.throughUs - overlapUs });
  }
  const oldest = sorted[sorted.length - 1]!;
  if (!depthReached(oldest, depthUs)) {
    // A span proven by an empty page knows no round to page back from: the walk starts at the newest.
    plans.push(
      oldest.fromIndex === null
        ? { kind: 'deep', beforeIndex: null, top: null, sinceUs: depthUs }
        : { kind: 'deep', beforeIndex: oldest.fromIndex, top: { us: oldest.fromUs, index: oldest.fromIndex }, sinceUs: depthUs },
    );
  }
  return plans;
}

export function depthReached(oldest: Span | undefined, depthUs: number | null): boolean {
  if (oldest === undefined) return false;
  return oldest.atStart || (depthUs !== null && oldest.fromUs <= depthUs);
}
