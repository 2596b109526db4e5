import { isLosslessNumber, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { leafFields, parseJsonTree, prettyJson } from '../../../src/main/core/browse/round-detail/json-tree';

// lossless-json is the independent oracle: every leaf keeps its exact text.

const ROW =
  '{"round_index":7393228772258146753,"round_id":"a\\"b","multiplier":"3.1611","random_number":null,' +
  '"raw":{"x":25825.0,"e":1e-7,"neg":-12,"ok":true,"list":[1,2,{"deep":9007199254740993}],"empty":[],"obj":{}}}';

describe('a stored row read without touching a digit', () => {
  it('lists every leaf with its dotted path and exact text', () => {
    const fields = Object.fromEntries(leafFields(parseJsonTree(ROW)).map((field) => [field.path, field.value]));
    expect(fields).toEqual({
      round_index: '7393228772258146753',
      round_id: 'a"b',
      multiplier: '3.1611',
      random_number: 'null',
      'raw.x': '25825.0',
      'raw.e': '1e-7',
      'raw.neg': '-12',
      'raw.ok': 'true',
      'raw.list.0': '1',
      'raw.list.1': '2',
      'raw.list.2.deep': '9007199254740993',
      'raw.empty': '[]',
      'raw.obj': '{}',
    });
  });

  it('pretty-prints to text a lossless parser reads as the same row', () => {
    const pretty = prettyJson(parseJsonTree(ROW));
    expect(pretty).toContain('\n  "round_index": 7393228772258146753,');
    const text = (value: unknown): unknown =>
      isLosslessNumber(value) ? value.toString() : Array.isArray(value) ? value.map(text) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)])) : value;
    expect(text(parse(pretty))).toEqual(text(parse(ROW)));
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseJsonTree('{"a":1')).toThrow(/not JSON/);
    expect(() => parseJsonTree('{"a":1} x')).toThrow(/not JSON/);
  });
});
