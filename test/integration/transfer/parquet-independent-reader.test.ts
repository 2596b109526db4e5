import { tableFromIPC, type Table as ArrowTable } from 'apache-arrow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParquetFile, readParquet } from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoundExport } from '../../../src/main/core/transfer/export-rounds';
import { EXPORT_COLUMN_NAMES } from '../../../src/main/core/transfer/export-columns';
import { useTempDir } from '../../support/temp-dir';
import { recordHistory, roundsTable } from './recorded-history';

// A Parquet file Roundlog writes is read by an independent reader with identical values: the Rust
// `parquet` crate of Apache Arrow (arrow-rs, through parquet-wasm), shared with Apache Arrow's JS
// library. round_index is an Int64 equal to SQLite's 64-bit integer, the multiplier the exact
// string, the row text byte for byte. Row groups are small here so that the file holds several.
// (DuckDB was the reader before; its npm package needs platform packages our registry lacks,
// which broke `npm ci` on a clean clone.)

describe('a Parquet export read by Apache Arrow (arrow-rs)', () => {
  let dir: ReturnType<typeof useTempDir>;
  let source: string;
  let bytes: Uint8Array;
  let table: ArrowTable;

  beforeAll(async () => {
    dir = useTempDir();
    source = await recordHistory(join(dir.path, 'recorded'));
    const exporter = RoundExport.open({ historyFile: source, game: 'all', range: { fromUs: null, untilUs: null }, format: 'parquet', rowGroupRows: 100 });
    const file = (await exporter.writeTo(join(dir.path, 'rounds.parquet'))).file;
    bytes = new Uint8Array(readFileSync(file));
    table = tableFromIPC(readParquet(bytes).intoIPCStream());
  }, 60_000);
  afterAll(() => dir.remove());

  it('has the documented columns with exact types and several row groups', async () => {
    expect(table.schema.fields.map((field) => field.name)).toEqual([...EXPORT_COLUMN_NAMES, 'multiplier_value']);
    const typeOf = Object.fromEntries(table.schema.fields.map((field) => [field.name, String(field.type)]));
    expect(typeOf).toMatchObject({ round_index: 'Int64', multiplier: 'Utf8', finalized_us: 'Int64', row_json: 'Utf8', multiplier_value: 'Float64' });
    const parquet = await ParquetFile.fromFile(new Blob([bytes]));
    try {
      expect(parquet.metadata().numRowGroups()).toBeGreaterThan(2);
    } finally {
      parquet.free();
    }
  });

  it('holds every round of the history with identical values', () => {
    // In the order the expected table is read (SQLite's binary collation equals `<` on ASCII).
    const key = (row: Record<string, unknown>): [string, bigint, string] => [String(row.game), row.finalized_us as bigint, String(row.round_id)];
    const rows = table
      .toArray()
      .map((row) => row.toJSON() as Record<string, unknown>)
      .sort((a, b) => {
        const [ga, fa, ra] = key(a);
        const [gb, fb, rb] = key(b);
        return ga !== gb ? (ga < gb ? -1 : 1) : fa !== fb ? (fa < fb ? -1 : 1) : ra === rb ? 0 : ra < rb ? -1 : 1;
      });
    const expected = roundsTable(source);
    expect(rows.length).toBe(expected.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const want = expected[i]!;
      expect(typeof row.round_index === 'bigint' || row.round_index === null).toBe(true);
      expect({
        game: row.game,
        kind: row.kind,
        round_id: row.round_id,
        round_index: row.round_index === null ? null : String(row.round_index),
        multiplier: row.multiplier,
        finalized_at: row.finalized_at,
        finalized_us: Number(row.finalized_us as bigint),
        segment: row.segment,
        row_json: row.row_json,
        multiplier_value: row.multiplier_value,
      }).toEqual({
        game: want.slug,
        kind: want.kind,
        round_id: want.round_id,
        round_index: want.round_index,
        multiplier: want.multiplier,
        finalized_at: want.finalized_at,
        finalized_us: want.finalized_us,
        segment: want.segment,
        row_json: want.row_json,
        multiplier_value: want.multiplier_value,
      });
    }
    // The values that a double would have rounded are exact: the reader's Int64 equals SQLite's integer.
    const big = expected.filter((want) => want.round_index !== null && BigInt(want.round_index) > 2n ** 53n);
    expect(big.length).toBeGreaterThan(0);
  });
});
