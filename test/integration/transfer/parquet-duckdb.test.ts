import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoundExport } from '../../../src/main/core/transfer/export-rounds';
import { EXPORT_COLUMN_NAMES } from '../../../src/main/core/transfer/export-columns';
import { useTempDir } from '../../support/temp-dir';
import { recordHistory, roundsTable } from './recorded-history';

// A Parquet file Roundlog writes is read by an independent reader, DuckDB, with identical values:
// round_index as a BIGINT equal to SQLite's 64-bit integer, the multiplier as the exact string,
// the row text byte for byte. Row groups are small here so that the file holds several.

describe('a Parquet export read by DuckDB', () => {
  let dir: ReturnType<typeof useTempDir>;
  let source: string;
  let file: string;

  beforeAll(async () => {
    dir = useTempDir();
    source = await recordHistory(join(dir.path, 'recorded'));
    const exporter = RoundExport.open({ historyFile: source, game: 'all', range: { fromUs: null, untilUs: null }, format: 'parquet', rowGroupRows: 100 });
    file = (await exporter.writeTo(join(dir.path, 'rounds.parquet'))).file;
  }, 60_000);
  afterAll(() => dir.remove());

  async function duck<T>(sql: string): Promise<T[]> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjects() as T[];
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it('has the documented columns with exact types', async () => {
    const columns = await duck<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(columns.map((column) => column.column_name)).toEqual([...EXPORT_COLUMN_NAMES, 'multiplier_value']);
    const typeOf = Object.fromEntries(columns.map((column) => [column.column_name, column.column_type]));
    expect(typeOf).toMatchObject({ round_index: 'BIGINT', multiplier: 'VARCHAR', finalized_us: 'BIGINT', row_json: 'VARCHAR', multiplier_value: 'DOUBLE' });
    const [groups] = await duck<{ n: bigint }>(`SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${file}')`);
    expect(Number(groups!.n)).toBeGreaterThan(2);
  });

  it('holds every round of the history with identical values', async () => {
    const rows = await duck<Record<string, unknown>>(`SELECT * FROM read_parquet('${file}') ORDER BY game, finalized_us, round_id`);
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
    // The values that a double would have rounded are exact: DuckDB's BIGINT equals SQLite's integer.
    const big = expected.filter((want) => want.round_index !== null && BigInt(want.round_index) > 2n ** 53n);
    expect(big.length).toBeGreaterThan(0);
  });
});
