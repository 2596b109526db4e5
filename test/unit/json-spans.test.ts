import { isLosslessNumber, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { arrayElementSpans, memberSpan } from '../../src/main/core/sources/trackersino/json-spans';

// lossless-json is the independent oracle: the scanner must find, in text JSON.parse accepted,
// exactly the member texts that a full lossless parser sees.

function randomValue(random: () => number, depth: number): string {
  const pick = Math.floor(random() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return JSON.stringify(['a', 'b"q', 'c\\d', 'é✓', '', ' ,}]{['][Math.floor(random() * 6)]);
    case 1:
      return ['7393228772258146753', '-12', '0', '3.1611', '1e-7', '25825.0', '9007199254740993'][Math.floor(random() * 7)]!;
    case 2:
      return ['true', 'false', 'null'][Math.floor(random() * 3)]!;
    case 3:
    case 4:
      return JSON.stringify(`s${Math.floor(random() * 1000)}`);
    case 5:
      return `[ ${Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1)).join(' , ')} ]`;
    default:
      return `{${Array.from({ length: Math.floor(random() * 4) }, (_, i) => `"k${i}"\n:\t${randomValue(random, depth + 1)}`).join(',')}}`;
  }
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** The text lossless-json would give back for a value: its own exact number strings. */
function exactText(value: unknown): string {
  if (isLosslessNumber(value)) return value.value;
  return JSON.stringify(value, (_key, inner: unknown) => (isLosslessNumber(inner) ? inner.value : inner));
}

describe('json spans', () => {
  it('finds every member of random objects exactly as a lossless parser reads it', () => {
    const random = seeded(42);
    for (let round = 0; round < 500; round++) {
      const keys = ['round_index', 'raw', 'multiplier', 'nested'];
      const members = keys.map((key) => `"${key}" : ${randomValue(random, 0)}`);
      const text = ` {${members.join(' ,\n ')}} `;
      JSON.parse(text); // the scanner's precondition
      const oracle = parse(text) as Record<string, unknown>;
      for (const key of keys) {
        const span = memberSpan(text, text.indexOf('{'), key)!;
        expect(exactText(parse(text.slice(span.start, span.end)))).toBe(exactText(oracle[key]));
      }
    }
  });

  it('keeps a 64-bit round_index digit for digit', () => {
    const text = '{"round_index":7393228772258146753,"raw":{"round_index":1}}';
    const span = memberSpan(text, 0, 'round_index')!;
    expect(text.slice(span.start, span.end)).toBe('7393228772258146753');
    expect(memberSpan(text, 0, 'absent')).toBeNull();
  });

  it('splits a top-level array into its elements', () => {
    const text = '[ {"a":"]"} ,{"b":[1,2]},\n3 ]';
    const spans = arrayElementSpans(text);
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual(['{"a":"]"}', '{"b":[1,2]}', '3']);
    expect(arrayElementSpans('[]')).toEqual([]);
  });
});
