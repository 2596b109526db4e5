import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoundExport } from '../../../src/main/core/transfer/export-rounds';
import { importRounds } from '../../../src/main/core/transfer/import-rounds';
import type { TimeRange } from '../../../src/main/core/transfer/round-pages';
import { EXPORT_FORMATS } from '../../../src/shared/transfer';
import { isoToMicros } from '../../../src/shared/time';
import { useTempDir } from '../../support/temp-dir';
import { emptyHistory, recordHistory, roundsTable, UNKNOWN_GAME } from './recorded-history';

// Export then import reproduces a recorded history bit for bit, in every format and from another
// Roundlog database, and the merge keeps the recorder's exactly-once guarantee.

const EVERYTHING: TimeRange = { fromUs: null, untilUs: null };

describe('export and import round trip', () => {
  let dir: ReturnType<typeof useTempDir>;
  let source: string;

  beforeAll(async () => {
    dir = useTempDir();
    source = await recordHistory(join(dir.path, 'recorded'));
  }, 60_000);
  afterAll(() => dir.remove());

  async function exportAll(format: (typeof EXPORT_FORMATS)[number], name: string, range = EVERYTHING): Promise<string> {
    // Small Parquet row groups, so that import reads a file of many.
    const exporter = RoundExport.open({ historyFile: source, game: 'all', range, format, rowGroupRows: 100 });
    return (await exporter.writeTo(join(dir.path, name))).file;
  }

  it('the recorded history has what makes a round trip hard', () => {
    const rows = roundsTable(source);
    expect(rows.length).toBeGreaterThan(200);
    // round_index beyond 2^53, stored as an INTEGER; multipliers with trailing zeros; segments; frames.
    expect(rows.some((row) => row.round_index !== null && BigInt(row.round_index) > 2n ** 53n)).toBe(true);
    expect(rows.every((row) => row.round_index === null || row.round_index_type === 'integer')).toBe(true);
    expect(rows.some((row) => /\.\d*0$/.test(row.multiplier))).toBe(true);
    expect(rows.some((row) => row.segment !== null)).toBe(true);
    expect(rows.some((row) => row.row_json.startsWith('{"game_id"'))).toBe(true);
    expect(rows.some((row) => row.slug === UNKNOWN_GAME && row.kind === 'unknown')).toBe(true);
  });

  for (const format of EXPORT_FORMATS) {
    it(`a ${format} export imported into a fresh history gives the same rounds table, bit for bit`, async () => {
      const file = await exportAll(format, `all.${format}`);
      const target = emptyHistory(join(dir.path, `fresh-${format}.sqlite`));
      const summary = await importRounds(target, { file });
      target.close();
      const original = roundsTable(source);
      expect(summary).toMatchObject({ read: original.length, added: original.length, alreadyStored: 0, rejectedCount: 0 });
      expect(roundsTable(join(dir.path, `fresh-${format}.sqlite`))).toEqual(original);
    });
  }

  it('another Roundlog history imported into a fresh one gives the same rounds table', async () => {
    const file = join(dir.path, 'fresh-from-sqlite.sqlite');
    const target = emptyHistory(file);
    const summary = await importRounds(target, { file: source });
    target.close();
    expect(summary.rejectedCount).toBe(0);
    expect(roundsTable(file)).toEqual(roundsTable(source));
  });

  it('importing the same file twice adds every round once', async () => {
    const file = await exportAll('jsonl', 'twice.jsonl');
    const targetFile = join(dir.path, 'twice.sqlite');
    const target = emptyHistory(targetFile);
    const first = await importRounds(target, { file });
    const second = await importRounds(target, { file });
    target.close();
    expect(first.added).toBe(roundsTable(source).length);
    expect(second).toMatchObject({ added: 0, alreadyStored: first.added, rejectedCount: 0 });
    expect(roundsTable(targetFile)).toEqual(roundsTable(source));
  });

  it('an overlapping file adds only the rounds not yet held, so two recorders combine into one history', async () => {
    const times = roundsTable(source).map((row) => row.finalized_us).sort((a, b) => a - b);
    const a = times[Math.floor(times.length * 0.2)]!;
    const c = times[Math.floor(times.length * 0.8)]!;
    const early = await exportAll('csv', 'early.csv', { fromUs: null, untilUs: c });
    const late = await exportAll('parquet', 'late.parquet', { fromUs: a, untilUs: null });
    const targetFile = join(dir.path, 'combined.sqlite');
    const target = emptyHistory(targetFile);
    const first = await importRounds(target, { file: early });
    const second = await importRounds(target, { file: late });
    target.close();
    const overlap = roundsTable(source, `r.finalized_us >= ${a} AND r.finalized_us < ${c}`).length;
    const onlyLate = roundsTable(source, `r.finalized_us >= ${c}`).length;
    expect(overlap).toBeGreaterThan(0);
    expect(second).toMatchObject({ added: onlyLate, alreadyStored: overlap });
    expect(first.added + second.added).toBe(roundsTable(source).length);
    expect(roundsTable(targetFile)).toEqual(roundsTable(source));
  });

  it('an import can take only some games, leaving the others out', async () => {
    const file = await exportAll('csv', 'games.csv');
    const targetFile = join(dir.path, 'one-game.sqlite');
    const target = emptyHistory(targetFile);
    const summary = await importRounds(target, { file, games: ['crazytime'] });
    target.close();
    const crazytime = roundsTable(source, "g.slug = 'crazytime'");
    expect(summary.added).toBe(crazytime.length);
    expect(summary.skipped).toBe(roundsTable(source).length - crazytime.length);
    expect(roundsTable(targetFile)).toEqual(crazytime);
  });

  it('a range takes rounds finalised at or after since and before until', async () => {
    const stake = roundsTable(source, "g.slug = 'stake-crash'");
    const since = stake[10]!;
    const until = stake[40]!;
    const exporter = RoundExport.open({ historyFile: source, game: 'stake-crash', range: { fromUs: since.finalized_us, untilUs: until.finalized_us }, format: 'jsonl' });
    const file = (await exporter.writeTo(join(dir.path, 'range.jsonl'))).file;
    const targetFile = join(dir.path, 'range.sqlite');
    const target = emptyHistory(targetFile);
    await importRounds(target, { file });
    target.close();
    const got = roundsTable(targetFile);
    // Rows share a finalisation second: every round at `since` is in, every round at `until` out.
    expect(got.filter((row) => row.finalized_us === since.finalized_us)).toEqual(stake.filter((row) => row.finalized_us === since.finalized_us));
    expect(got.some((row) => row.finalized_us === until.finalized_us)).toBe(false);
    expect(got).toEqual(stake.filter((row) => row.finalized_us >= since.finalized_us && row.finalized_us < until.finalized_us));
    expect(isoToMicros(got[0]!.finalized_at)).toBe(since.finalized_us);
  });
});
