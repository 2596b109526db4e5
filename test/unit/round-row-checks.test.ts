import { describe, expect, it } from 'vitest';
import { parseRoundFrame, rowChecks } from '../../src/main/core/sources/trackersino/round-row';

// Rows and frames are checked by hand on the hot path and by zod only when the hand check fails,
// to word the reason. So a hand check may be stricter than its schema, never looser: whatever it
// lets through, the schema must let through too.

const ROW = { round_id: 'a1', round_index: 5, multiplier: '2.00', state: 'finalized', finalized_at: '2026-06-01T12:19:36Z' };

const values: unknown[] = [
  null,
  undefined,
  0,
  'round',
  [],
  [ROW],
  {},
  ROW,
  { ...ROW, raw: { segment: 'n2' } },
  { ...ROW, raw: null },
  { ...ROW, round_index: undefined },
  { ...ROW, round_index: null },
  { ...ROW, round_index: '7393228772258146753' },
  { ...ROW, round_index: 1.5 },
  { ...ROW, round_index: Infinity },
  { ...ROW, round_index: true },
  { ...ROW, round_index: {} },
  { ...ROW, round_id: '' },
  { ...ROW, round_id: 'x'.repeat(200) },
  { ...ROW, round_id: 'x'.repeat(201) },
  { ...ROW, round_id: 12 },
  { ...ROW, round_id: -Infinity },
  { ...ROW, round_id: NaN },
  { ...ROW, round_id: null },
  { ...ROW, multiplier: 2 },
  { ...ROW, multiplier: Infinity },
  { ...ROW, multiplier: null },
  { ...ROW, multiplier: ['2'] },
  { ...ROW, state: 'running' },
  { ...ROW, state: undefined },
  { ...ROW, finalized_at: null },
  { ...ROW, finalized_at: 1_780_000_000 },
  Object.fromEntries(Object.entries(ROW).filter(([key]) => key !== 'round_id')),
  Object.fromEntries(Object.entries(ROW).filter(([key]) => key !== 'round_index')),
  Object.fromEntries(Object.entries(ROW).filter(([key]) => key !== 'multiplier')),
  Object.fromEntries(Object.entries(ROW).filter(([key]) => key !== 'finalized_at')),
  JSON.parse('{"round_id":"a","multiplier":"1","state":"finalized","finalized_at":"t","__proto__":{"x":1}}'),
  JSON.parse('{"round_id":1e400,"multiplier":"1","state":"finalized","finalized_at":"t"}'),
];

describe('the hand checks of rows and frames', () => {
  it('let through only what their schema accepts', () => {
    for (const value of values) {
      if (rowChecks.isRow(value)) expect(rowChecks.rowSchema.safeParse(value).success, JSON.stringify(value)).toBe(true);
      if (rowChecks.isRoundLike(value)) expect(rowChecks.roundLikeSchema.safeParse(value).success, JSON.stringify(value)).toBe(true);
    }
  });

  it('let through every row upstream really sends, so the hot path never needs zod', () => {
    for (const value of [ROW, { ...ROW, raw: { segment: 'n2' } }, { ...ROW, round_index: null }, { ...ROW, round_id: 12, multiplier: 2 }]) {
      expect(rowChecks.isRow(value)).toBe(true);
      expect(rowChecks.isRoundLike(value)).toBe(true);
    }
  });
});

describe('a stream frame read on the hot path', () => {
  it('is stored as the object it holds, without the whitespace around it', () => {
    const frame = '{"game_id":"stake-crash","round_index":7393228772258146753,"round_id":"r1","multiplier":"1.50","state":"finalized","finalized_at":"2026-06-01T12:19:36Z"}';
    const round = parseRoundFrame(`\r\n\t ${frame} \n`);
    expect(round.json).toBe(frame);
    expect(round.roundIndex).toBe(7393228772258146753n);
    expect(round.game).toBe('stake-crash');
  });

  it('words what is wrong with a frame the hand checks refuse', () => {
    expect(() => parseRoundFrame('{"game_id":"Stake Crash","round_id":"r1"}')).toThrow(/game_id/);
    expect(() => parseRoundFrame('{"game_id":"stake-crash","round_id":"r1","multiplier":"1.50","state":"finalized","finalized_at":7}')).toThrow(
      /not a round row: .*finalized_at/s,
    );
  });
});
