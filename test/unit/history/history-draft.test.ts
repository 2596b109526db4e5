import { describe, expect, it } from 'vitest';
import { draftQuery, EMPTY_DRAFT } from '../../../src/renderer/src/screens/history/historyDraft';

describe('the history filter bar', () => {
  it('reads an empty bar as the whole history, newest first', () => {
    expect(draftQuery(EMPTY_DRAFT)).toEqual({ query: { from: null, through: null, minMultiplier: null, maxMultiplier: null, segments: null, bonusOnly: false, sort: 'newest' } });
  });

  it('says what to fix instead of asking an impossible question', () => {
    expect(draftQuery({ ...EMPTY_DRAFT, min: '10', max: '2' })).toEqual({ problem: 'The lowest multiplier is above the highest.' });
    expect(draftQuery({ ...EMPTY_DRAFT, min: 'abc' })).toEqual({ problem: 'The lowest multiplier must be a number of 0 or more.' });
    expect(draftQuery({ ...EMPTY_DRAFT, from: '2026-05-02T00:00', through: '2026-05-01T00:00' })).toEqual({ problem: 'The start of the time range is after its end.' });
  });

  it('takes "through" to the end of its second', () => {
    const asked = draftQuery({ ...EMPTY_DRAFT, through: '2026-05-01T12:00:05', segments: ['n2'] });
    expect('query' in asked && new Date(asked.query.through!).getTime() - new Date('2026-05-01T12:00:05').getTime()).toBe(999);
    expect('query' in asked && asked.query.segments).toEqual(['n2']);
  });
});
