import { describe, expect, it } from 'vitest';
import { FIRST_CATCH_UP_US, mergeSpan, plannedWalks, type Span } from '../../src/main/core/sync/coverage';

const S = 1_000_000;
const span = (from: number, through: number, atStart = false): Span => ({
  fromUs: from * S,
  fromIndex: BigInt(from),
  throughUs: through * S,
  throughIndex: BigInt(through),
  atStart,
});

describe('spans of complete history', () => {
  it('merges a span with every span it overlaps or touches, and keeps the others apart', () => {
    let spans = mergeSpan([], span(100, 200));
    spans = mergeSpan(spans, span(10, 50));
    expect(spans).toEqual([span(100, 200), span(10, 50)]);
    spans = mergeSpan(spans, span(50, 100));
    expect(spans).toEqual([span(10, 200)]);
  });

  it('keeps the known start of the history and the round indices at its edges', () => {
    const proven = mergeSpan([span(10, 50, true)], { fromUs: 20 * S, fromIndex: null, throughUs: 60 * S, throughIndex: 60n, atStart: false });
    expect(proven).toEqual([{ ...span(10, 60, true) }]);
    // A walk that found nothing new proves a span without indices: it never erases known ones.
    expect(mergeSpan([span(10, 50)], { fromUs: 50 * S, fromIndex: null, throughUs: 50 * S, throughIndex: null, atStart: false })).toEqual([span(10, 50)]);
  });
});

describe('walks planned from the spans', () => {
  const now = 10_000 * S;

  it('starts a game with its last hour, within the chosen depth', () => {
    expect(plannedWalks([], null, 0, now)).toEqual([{ kind: 'catch-up', beforeIndex: null, top: null, sinceUs: now - FIRST_CATCH_UP_US }]);
    expect(plannedWalks([], now - 60 * S, 0, now)[0]!.sinceUs).toBe(now - 60 * S);
  });

  it('catches up from the newest round, fills each hole between spans, then walks deeper', () => {
    const plans = plannedWalks([span(100, 200), span(10, 50)], 0, 5 * S, now);
    expect(plans).toEqual([
      { kind: 'catch-up', beforeIndex: null, top: null, sinceUs: 195 * S },
      { kind: 'hole', beforeIndex: 100n, top: { us: 100 * S, index: 100n }, sinceUs: 45 * S },
      { kind: 'deep', beforeIndex: 10n, top: { us: 10 * S, index: 10n }, sinceUs: 0 },
    ]);
  });

  it('walks no deeper once the depth or the first round is reached', () => {
    expect(plannedWalks([span(10, 50)], 20 * S, 0, now).map((plan) => plan.kind)).toEqual(['catch-up']);
    expect(plannedWalks([span(10, 50, true)], null, 0, now).map((plan) => plan.kind)).toEqual(['catch-up']);
    expect(plannedWalks([span(10, 50)], null, 0, now).at(-1)).toMatchObject({ kind: 'deep', sinceUs: null });
  });
});
