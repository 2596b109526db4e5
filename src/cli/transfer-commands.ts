import { apiKeyFromFlags, SOURCE_FLAGS } from './source-flags';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, resolveConfig, type RoundlogConfig } from '../main/core/config';
import { demoUniverse } from '../main/core/demo-universe';
import { demoHistoryFile, liveHistoryFile } from '../main/core/history-file';
import { openDatabase } from '../main/core/store/database';
import { History } from '../main/core/store/history';
import { exportFileBase, exportsFolder, freeExportFile } from '../main/core/transfer/export-names';
import { FORMAT_EXTENSION, RoundExport } from '../main/core/transfer/export-rounds';
import { IMPORT_FORMATS, type ImportFormat } from '../main/core/transfer/import-sources';
import { importRounds, type ImportSummary } from '../main/core/transfer/import-rounds';
import { rangeFromText } from '../main/core/transfer/time-range';
import { TransferCancelled, TransferError } from '../main/core/transfer/transfer-error';
import { canonicalSlug, catalogKind, SLUG_PATTERN } from '../shared/games';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/transfer';
import { historyFileOf, NoHistoryError } from './stats-command';

// `roundlog export` and `roundlog import`: the history `serve` and `sync` record into (picked by
// --data-dir, --base-url and --api-key, as for `roundlog stats`) to and from files. Data goes to
// the file; progress and problems go to stderr; the last line on stdout says what was done.

export const TRANSFER_USAGE = `  export  Write one game's rounds (or all games') to a file, oldest first
            --game G                the game, e.g. stake-crash, or all (required)
            --format F              csv, jsonl or parquet (required)
            --since T  --until T    finalised at or after --since, and before --until: an ISO instant
                                    (2025-01-01T12:00:00Z), a date (2025-01-01, UTC) or a preset such as
                                    24h or 7d (that long before now); default the whole history
            --out FILE              where to write (default: <data dir>/exports/<game>_<range>.<format>);
                                    the file appears only once complete
  import  Merge an export, or another Roundlog history (.sqlite), into the history; each round once
            roundlog import FILE [--game a,b] [--format csv|jsonl|parquet|sqlite]
                                    the format follows the file's extension unless --format is given;
                                    records that cannot be imported are listed with their line number
            --data-dir, --base-url, --api-key(-file) as for stats pick the history exported or imported into
`;

const SOURCE = SOURCE_FLAGS;

/** Progress on stderr every few seconds, as `roundlog sync` prints its own. */
const PRINT_EVERY_MS = 2_000;

function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(args: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args, options: { ...SOURCE, ...options }, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function configOf(values: Record<string, unknown>): RoundlogConfig {
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  return resolveConfig({ dataDir: text('data-dir'), baseUrl: text('base-url'), apiKey: apiKeyFromFlags(values, console.warn) });
}

/** A bad file, range or game is the user's to fix, like a bad flag: exit code 2 with the sentence. */
function asUsage(error: unknown): never {
  if (error instanceof TransferError || error instanceof NoHistoryError) throw new ConfigError(error.message);
  throw error;
}

/** Cancels on Ctrl-C (the second one quits at once). */
function abortOnSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

const count = (n: number): string => n.toLocaleString('en-US');

export async function runExport(args: string[]): Promise<void> {
  const text = { type: 'string' } as const;
  const { values } = parse(args, { game: text, format: text, since: text, until: text, out: text });
  const game = values.game?.trim() ?? '';
  if (game === '') throw new ConfigError('--game is required, e.g. --game stake-crash (or --game all).');
  if (game !== 'all' && !SLUG_PATTERN.test(game)) throw new ConfigError(`--game ${game} is not a game slug (lowercase letters, digits and dashes), e.g. stake-crash.`);
  const format = values.format?.trim();
  if (format === undefined) throw new ConfigError('--format is required: csv, jsonl or parquet.');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ConfigError(`--format ${format} is not an export format: give csv, jsonl or parquet.`);
  const exportFormat = format as ExportFormat;
  const config = configOf(values);
  const nowUs = Date.now() * 1000;
  let exporter: RoundExport;
  try {
    const range = rangeFromText(values.since, values.until, nowUs);
    const historyFile = historyFileOf(config);
    if (historyFile === null) throw new NoHistoryError(config);
    exporter = RoundExport.open({ historyFile, game: game === 'all' ? 'all' : canonicalSlug(game), range, format: exportFormat });
    const out =
      values.out === undefined
        ? freeExportFile(exportsFolder(config.dataDir), exportFileBase(game, range, nowUs, values.since === undefined && values.until === undefined ? 'all' : undefined), FORMAT_EXTENSION[exportFormat])
        : resolve(values.out);
    const total = exporter.total;
    console.error(`Exporting ${count(total)} rounds of ${game === 'all' ? 'every game' : game} to ${out}`);
    const cancel = abortOnSignal();
    let lastPrint = Date.now();
    try {
      const result = await exporter.writeTo(out, {
        signal: cancel.signal,
        onProgress: (rows) => {
          if (Date.now() - lastPrint < PRINT_EVERY_MS) return;
          lastPrint = Date.now();
          console.error(`  ${total === 0 ? 100 : Math.floor((rows / total) * 100)}% (${count(rows)} of ${count(total)} rounds)`);
        },
      });
      console.log(`Wrote ${count(result.rows)} rounds to ${result.file}`);
    } catch (error) {
      if (error instanceof TransferCancelled) {
        console.error(`roundlog export: ${error.message}`);
        process.exit(130);
      }
      throw error;
    } finally {
      cancel.dispose();
    }
  } catch (error) {
    asUsage(error);
  }
}

/**
 * The history import merges into: the one `serve` and `sync` record into for these flags (as
 * compose.ts picks it), created when nothing has been recorded there yet.
 */
function importTarget(config: RoundlogConfig): string {
  const existing = historyFileOf(config);
  if (existing !== null) return existing;
  return config.upstream ? liveHistoryFile(config.dataDir) : demoHistoryFile(config.dataDir, demoUniverse(config.dataDir).seed);
}

export async function runImport(args: string[]): Promise<void> {
  const text = { type: 'string' } as const;
  const { values, positionals } = parse(args, { game: text, format: text }, true);
  if (positionals.length !== 1) throw new ConfigError('Give exactly one file to import, e.g. roundlog import stake-crash.csv.');
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new ConfigError(`${file} does not exist.`);
  const format = values.format?.trim();
  if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError(`--format ${format} is not an import format: give csv, jsonl, parquet or sqlite.`);
  }
  const games = values.game === undefined ? undefined : values.game.split(',').map((slug) => slug.trim()).filter(Boolean);
  for (const slug of games ?? []) if (!SLUG_PATTERN.test(slug)) throw new ConfigError(`--game ${slug} is not a game slug, e.g. stake-crash.`);
  const config = configOf(values);
  const target = importTarget(config);
  const db = openDatabase(target);
  const cancel = abortOnSignal();
  let summary: ImportSummary;
  try {
    const history = new History(db, catalogKind);
    console.error(`Importing ${file} into ${target}`);
    let lastPrint = Date.now();
    summary = await importRounds(history, {
      file,
      ...(format !== undefined ? { format: format as ImportFormat } : {}),
      ...(games !== undefined ? { games } : {}),
      historyFile: target,
      signal: cancel.signal,
      onProgress: (progress) => {
        if (Date.now() - lastPrint < PRINT_EVERY_MS) return;
        lastPrint = Date.now();
        console.error(`  ${Math.floor(progress.fraction * 100)}%: ${count(progress.read)} read, ${count(progress.added)} new`);
      },
    });
  } catch (error) {
    if (error instanceof TransferCancelled) {
      console.error(`roundlog import: ${error.message} Importing the file again adds only what is missing.`);
      process.exit(130);
    }
    asUsage(error);
  } finally {
    cancel.dispose();
    db.close();
  }
  for (const { where, reason } of summary.rejected) console.error(`  ${where}: ${reason}`);
  if (summary.rejectedCount > summary.rejected.length) console.error(`  … and ${count(summary.rejectedCount - summary.rejected.length)} more`);
  const skipped = summary.skipped > 0 ? `, ${count(summary.skipped)} of other games skipped` : '';
  console.log(`Imported ${file}: ${count(summary.added)} rounds added, ${count(summary.alreadyStored)} already in the history${skipped}.`);
  if (summary.rejectedCount > 0) {
    console.error(`roundlog import: ${count(summary.rejectedCount)} records could not be imported (listed above); every other round was.`);
    process.exit(1);
  }
}
