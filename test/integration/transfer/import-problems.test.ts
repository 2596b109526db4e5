import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/store/database';
import { RoundExport } from '../../../src/main/core/transfer/export-rounds';
import { importRounds } from '../../../src/main/core/transfer/import-rounds';
import { TransferError } from '../../../src/main/core/transfer/transfer-error';
import { useTempDir } from '../../support/temp-dir';
import { emptyHistory, recordHistory, roundsTable } from './recorded-history';

// What import does with files it cannot fully take: bad records are reported with where they are
// and why, and everything else is imported; files that are not imports are refused with a sentence.

describe('importing imperfect files', () => {
  let dir: ReturnType<typeof useTempDir>;
  let source: string;
  let csv: string;
  let jsonl: string;

  beforeAll(async () => {
    dir = useTempDir();
    source = await recordHistory(join(dir.path, 'recorded'));
    const range = { fromUs: null, untilUs: null };
    csv = readFileSync((await RoundExport.open({ historyFile: source, game: 'stake-crash', range, format: 'csv' }).writeTo(join(dir.path, 'stake.csv'))).file, 'utf8');
    jsonl = readFileSync((await RoundExport.open({ historyFile: source, game: 'stake-crash', range, format: 'jsonl' }).writeTo(join(dir.path, 'stake.jsonl'))).file, 'utf8');
  }, 60_000);
  afterAll(() => dir.remove());

  const stake = (): ReturnType<typeof roundsTable> => roundsTable(source, "g.slug = 'stake-crash'");

  it('a malformed CSV line is reported with its line number and every other round is imported', async () => {
    const lines = csv.split('\r\n');
    // Line 3: a row whose JSON lost a quote. Line 6: a field missing. Line 9: a multiplier edited by hand.
    lines[2] = lines[2]!.replace('""round_id""', 'round_id""');
    lines[5] = lines[5]!.slice(0, lines[5]!.lastIndexOf(',"{'));
    const fields = lines[8]!.split(',');
    fields[4] = '999.99';
    lines[8] = fields.join(',');
    const file = join(dir.path, 'damaged.csv');
    writeFileSync(file, lines.join('\r\n'));
    const targetFile = join(dir.path, 'damaged-csv.sqlite');
    const target = emptyHistory(targetFile);
    const summary = await importRounds(target, { file });
    target.close();
    expect(summary.rejected.map((problem) => problem.where)).toEqual(['line 3', 'line 6', 'line 9']);
    expect(summary.rejected[0]!.reason).toMatch(/row_json is not JSON/);
    expect(summary.rejected[1]!.reason).toMatch(/has 8 fields where the header has 9/);
    expect(summary.rejected[2]!.reason).toMatch(/multiplier "999.99" disagrees with row_json/);
    expect(summary.added).toBe(stake().length - 3);
    const skippedIds = new Set([2, 5, 8].map((i) => csv.split('\r\n')[i]!.split(',')[2]));
    expect(roundsTable(targetFile)).toEqual(stake().filter((row) => !skippedIds.has(row.round_id)));
  });

  it('a CSV field holding line breaks counts them, so later line numbers stay right', async () => {
    const lines = csv.split('\r\n');
    // JSON may hold a raw line break between tokens: the record then spans two lines of the file.
    lines[1] = lines[1]!.replace('"",""', '"",\n""');
    lines[3] = 'not,a,round';
    const file = join(dir.path, 'multiline.csv');
    writeFileSync(file, lines.join('\r\n'));
    const target = emptyHistory(join(dir.path, 'multiline.sqlite'));
    const summary = await importRounds(target, { file });
    target.close();
    expect(lines[1]).toContain('\n');
    expect(summary.rejected).toEqual([{ where: 'line 5', reason: 'has 3 fields where the header has 9' }]);
    expect(summary.added).toBe(stake().length - 1);
  });

  it('a malformed JSON Lines line is reported with its line number and every other round is imported', async () => {
    const lines = jsonl.split('\n');
    lines[1] = '{"game":"stake-crash", "row_json": ';
    lines[4] = JSON.stringify({ ...JSON.parse(lines[4]!), round_index: '1' });
    lines[6] = JSON.stringify({ ...JSON.parse(lines[6]!), game: 'Stake Crash' });
    const file = join(dir.path, 'damaged.jsonl');
    writeFileSync(file, lines.join('\n'));
    const target = emptyHistory(join(dir.path, 'damaged-jsonl.sqlite'));
    const summary = await importRounds(target, { file });
    target.close();
    expect(summary.rejected.map((problem) => problem.where)).toEqual(['line 2', 'line 5', 'line 7']);
    expect(summary.rejected[0]!.reason).toMatch(/^not JSON/);
    expect(summary.rejected[1]!.reason).toMatch(/^round_index "1" disagrees with row_json \("\d{19}"\)/);
    expect(summary.rejected[2]!.reason).toMatch(/game is not a game slug/);
    expect(summary.added).toBe(stake().length - 3);
  });

  it('a history written by a newer Roundlog is refused with a sentence and left untouched', async () => {
    const newer = join(dir.path, 'newer.sqlite');
    openDatabase(newer).close();
    const db = new BetterSqlite3(newer);
    db.pragma('user_version = 99');
    db.close();
    const before = statSync(newer);
    const target = emptyHistory(join(dir.path, 'into-newer.sqlite'));
    const refusal = await importRounds(target, { file: newer }).catch((error: unknown) => error);
    target.close();
    expect(refusal).toBeInstanceOf(TransferError);
    expect((refusal as TransferError).code).toBe('database_too_new');
    expect((refusal as Error).message).toMatch(/written by a newer version of Roundlog \(schema 99, this app knows \d+\)\. Update Roundlog to import it; the file was not changed\./);
    const after = statSync(newer);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  });

  it('refuses a database that is not a Roundlog history, an unknown extension, and a history imported into itself', async () => {
    const other = join(dir.path, 'other.sqlite');
    const db = new BetterSqlite3(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.pragma('user_version = 3');
    db.close();
    const targetFile = join(dir.path, 'refusals.sqlite');
    const target = emptyHistory(targetFile);
    const code = (promise: Promise<unknown>): Promise<string> => promise.then(() => 'imported', (error: unknown) => (error as TransferError).code);
    expect(await code(importRounds(target, { file: other }))).toBe('not_a_history');
    const text = join(dir.path, 'rounds.txt');
    writeFileSync(text, csv);
    expect(await code(importRounds(target, { file: text }))).toBe('unknown_format');
    expect(await code(importRounds(target, { file: targetFile, historyFile: targetFile }))).toBe('same_history');
    // Told the format, the same text imports.
    expect((await importRounds(target, { file: text, format: 'csv' })).added).toBe(stake().length);
    target.close();
  });
});
