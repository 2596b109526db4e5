import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse as parseLossless, isLosslessNumber } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RoundlogHost } from '../../../src/main/core/app-host';
import { dispatchRequest } from '../../../src/main/core/dispatch';
import { fileSecretStore } from '../../../src/main/core/settings/secret-store';
import { csvRecords } from '../../../src/main/core/transfer/csv-format';
import { EXPORT_COLUMN_NAMES } from '../../../src/main/core/transfer/export-columns';
import { RoundExport } from '../../../src/main/core/transfer/export-rounds';
import { boundMicros, rangeFromText } from '../../../src/main/core/transfer/time-range';
import { TransferCancelled, TransferError } from '../../../src/main/core/transfer/transfer-error';
import type { ExportProgress } from '../../../src/shared/transfer';
import { isoToMicros } from '../../../src/shared/time';
import { useTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { recordHistory, roundsTable } from './recorded-history';

// How an export behaves: the documented columns, exact values in the text formats, pages of
// bounded size, a cancel that leaves nothing behind, and the contract's requests through the app host.

const EVERYTHING = { fromUs: null, untilUs: null };

describe('exporting', () => {
  let dir: ReturnType<typeof useTempDir>;
  let source: string;

  beforeAll(async () => {
    dir = useTempDir();
    source = await recordHistory(join(dir.path, 'recorded'));
  }, 60_000);
  afterAll(() => dir.remove());

  it('writes CSV with the documented header and every field exactly as stored', async () => {
    const file = (await RoundExport.open({ historyFile: source, game: 'crazytime', range: EVERYTHING, format: 'csv' }).writeTo(join(dir.path, 'ct.csv'))).file;
    const records: string[][] = [];
    async function* chunks(): AsyncGenerator<string> {
      yield readFileSync(file, 'utf8');
    }
    for await (const record of csvRecords(chunks())) if ('fields' in record) records.push(record.fields);
    expect(records[0]).toEqual([...EXPORT_COLUMN_NAMES]);
    const stored = roundsTable(source, "g.slug = 'crazytime'");
    expect(records.slice(1).map((fields) => fields[2]).sort()).toEqual(stored.map((row) => row.round_id).sort());
    const byId = new Map(stored.map((row) => [row.round_id, row]));
    for (const [game, kind, roundId, roundIndex, multiplier, finalizedAt, finalizedUs, segment, rowJson] of records.slice(1)) {
      const row = byId.get(roundId!)!;
      expect([game, kind, roundIndex, multiplier, finalizedAt, Number(finalizedUs), segment, rowJson]).toEqual([
        row.slug, row.kind, row.round_index ?? '', row.multiplier, row.finalized_at, row.finalized_us, row.segment ?? '', row.row_json,
      ]);
    }
  });

  it('writes round_index in JSON Lines as a string, so no JSON reader can round it', async () => {
    const file = (await RoundExport.open({ historyFile: source, game: 'stake-crash', range: EVERYTHING, format: 'jsonl' }).writeTo(join(dir.path, 'stake.jsonl'))).file;
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const stored = new Map(roundsTable(source, "g.slug = 'stake-crash'").map((row) => [row.round_id, row]));
    expect(lines.length).toBe(stored.size);
    for (const line of lines) {
      // An independent lossless parser sees a string, not a number, and the exact digits.
      const value = parseLossless(line) as Record<string, unknown>;
      expect(isLosslessNumber(value.round_index)).toBe(false);
      const row = stored.get(value.round_id as string)!;
      expect(value.round_index).toBe(row.round_index);
      expect(value.multiplier).toBe(row.multiplier);
      expect(value.row_json).toBe(row.row_json);
      expect(Object.keys(value)).toEqual([...EXPORT_COLUMN_NAMES]);
    }
  });

  it('reads the history in pages of bounded size, never the whole of it at once', async () => {
    const result = await RoundExport.open({ historyFile: source, game: 'all', range: EVERYTHING, format: 'csv', pageRows: 50 }).writeTo(join(dir.path, 'paged.csv'));
    const perGame = new Map<string, number>();
    for (const row of roundsTable(source)) perGame.set(row.slug, (perGame.get(row.slug) ?? 0) + 1);
    expect(result.rows).toBe(roundsTable(source).length);
    expect(result.largestPage).toBe(50);
    expect(result.pages).toBe([...perGame.values()].reduce((sum, n) => sum + Math.ceil(n / 50), 0));
  });

  it('a cancelled export stops and leaves no file, not even a partial one', async () => {
    const folder = join(dir.path, 'cancelled');
    const controller = new AbortController();
    const exporter = RoundExport.open({ historyFile: source, game: 'all', range: EVERYTHING, format: 'parquet', pageRows: 20 });
    let pagesSeen = 0;
    const outcome = await exporter
      .writeTo(join(folder, 'rounds.parquet'), {
        signal: controller.signal,
        onProgress: () => {
          if (++pagesSeen === 3) controller.abort();
        },
      })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(TransferCancelled);
    expect(pagesSeen).toBe(3);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('an export of a game the history does not hold says so', () => {
    expect(() => RoundExport.open({ historyFile: source, game: 'lightningdice', range: EVERYTHING, format: 'csv' })).toThrow(
      new TransferError('unknown_game', 'This history holds no rounds of lightningdice.'),
    );
  });

  it('reads --since and --until as ISO instants, UTC dates or presets back from now', () => {
    const now = isoToMicros('2026-06-02T12:00:00Z')!;
    expect(rangeFromText('2026-06-01', '2026-06-01T18:30:00.250Z', now)).toEqual({
      fromUs: isoToMicros('2026-06-01T00:00:00Z'),
      untilUs: isoToMicros('2026-06-01T18:30:00.250Z'),
    });
    expect(boundMicros('24h', now)).toBe(isoToMicros('2026-06-01T12:00:00Z'));
    expect(rangeFromText('7d', undefined, now)).toEqual({ fromUs: isoToMicros('2026-05-26T12:00:00Z'), untilUs: null });
    expect(() => rangeFromText('yesterday', undefined, now)).toThrow(/--since yesterday is not a time: give an ISO instant/);
    expect(() => rangeFromText('2026-06-02', '2026-06-01', now)).toThrow(/The range is empty/);
  });
});

describe('exporting through the contract', () => {
  let dir: ReturnType<typeof useTempDir>;
  let host: RoundlogHost;

  beforeAll(async () => {
    dir = useTempDir();
    host = await startHost({
      dataDir: dir.path,
      secrets: fileSecretStore(join(dir.path, 'api-key')),
      composeOptions: { sandbox: { speed: 40, epochMs: Date.now() - 5 * 60_000 } },
      log: () => {},
    });
    await waitFor(async () => (await host.service.getStatus({})).games.every((game) => game.roundsStored > 20), () => 'rounds recorded');
  }, 60_000);
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  it('writes into the data folder under a name the app makes, pushing progress until done', async () => {
    const events: ExportProgress[] = [];
    const off = host.service.onExportProgress((event) => events.push(event));
    const started = await host.service.startExport({ game: 'stake-crash', range: '24h', format: 'jsonl' });
    await waitFor(() => events.some((event) => event.exportId === started.exportId && event.state !== 'running'), () => JSON.stringify(events));
    off();
    expect(dirname(started.file)).toBe(join(dir.path, 'exports'));
    expect(basename(started.file)).toMatch(/^stake-crash_last-24h-to-\d{8}T\d{6}Z\.jsonl$/);
    expect(events.at(-1)).toEqual({ exportId: started.exportId, state: 'done', rows: started.total, total: started.total, file: started.file, message: null });
    expect(readFileSync(started.file, 'utf8').trimEnd().split('\n').length).toBe(started.total);
  });

  it('a cancel through the contract ends the export as cancelled, with no file', async () => {
    const events: ExportProgress[] = [];
    const off = host.service.onExportProgress((event) => events.push(event));
    const started = await host.service.startExport({ game: 'crazytime', range: 'all', format: 'parquet' });
    await host.service.cancelExport({ exportId: started.exportId });
    await waitFor(() => events.some((event) => event.exportId === started.exportId && event.state !== 'running'), () => JSON.stringify(events));
    off();
    expect(events.at(-1)).toMatchObject({ state: 'cancelled', message: 'The export was cancelled; no file was written.' });
    expect(existsSync(started.file)).toBe(false);
    expect(readdirSync(join(dir.path, 'exports')).filter((name) => name.includes('crazytime'))).toEqual([]);
  });

  it('the page cannot name a path or an unknown format: the request is refused before the service sees it', async () => {
    const withPath = await dispatchRequest(host.service, 'startExport', { game: 'stake-crash', range: 'all', format: 'csv', file: '/etc/cron.d/x' });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badFormat = await dispatchRequest(host.service, 'startExport', { game: 'stake-crash', range: 'all', format: 'xlsx' });
    expect(badFormat).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const noRounds = await dispatchRequest(host.service, 'startExport', { game: 'lightningdice', range: 'all', format: 'csv' });
    expect(noRounds).toEqual({ ok: false, error: { code: 'unknown_game', message: 'This history holds no rounds of lightningdice.' } });
  });
});
