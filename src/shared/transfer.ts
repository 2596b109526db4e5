import { z } from 'zod';
import { SLUG_PATTERN } from './games';
import { WINDOW_PRESETS } from './stats/window';
import { isoToMicros } from './time';

// Export of the local history to a file, as the contract carries it. The renderer never names a
// path: the main process writes into `<data folder>/exports/` under a name it makes from the game,
// the range and the format, and tells the page where the file went. Import is command-line only
// for now (`roundlog import FILE`), so no request here can read a file the user did not place.

export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

const isoInstant = z
  .string()
  .max(40)
  .refine((text) => isoToMicros(text) !== null, 'not an ISO 8601 instant');

/**
 * Which rounds, by finalisation time: everything, a preset back from now, or a custom range whose
 * `since` is inclusive and `until` exclusive (either may be open).
 */
export const exportRangeSchema = z.union([
  z.literal('all'),
  z.enum(WINDOW_PRESETS),
  z
    .object({ since: isoInstant.nullable(), until: isoInstant.nullable() })
    .strict()
    .refine(({ since, until }) => since === null || until === null || (isoToMicros(since) as number) < (isoToMicros(until) as number), 'since must be before until'),
]);
export type ExportRange = z.infer<typeof exportRangeSchema>;

export const startExportInputSchema = z
  .object({
    game: z.string().regex(SLUG_PATTERN, 'not a game slug'),
    range: exportRangeSchema,
    format: exportFormatSchema,
  })
  .strict();
export type StartExportInput = z.infer<typeof startExportInputSchema>;

export const startExportOutputSchema = z
  .object({
    exportId: z.string(),
    /** Where the finished file will be (absolute); it appears there only once complete. */
    file: z.string(),
    /** Rounds the export will write: the history's snapshot when it began. */
    total: z.number().int().nonnegative(),
  })
  .strict();
export type StartExportOutput = z.infer<typeof startExportOutputSchema>;

export const exportIdSchema = z.string().min(1).max(64);

/** Pushed while an export runs and once when it ends; `message` says what went wrong on `failed`. */
export const exportProgressSchema = z
  .object({
    exportId: z.string(),
    state: z.enum(['running', 'done', 'cancelled', 'failed']),
    rows: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    file: z.string(),
    message: z.string().nullable(),
  })
  .strict();
export type ExportProgress = z.infer<typeof exportProgressSchema>;

/** How import is done in this version; the UI shows it next to the export. */
export const IMPORT_HINT = 'Import is on the command line for now: roundlog import FILE (CSV, JSON Lines, Parquet or another Roundlog .sqlite).';

/** The contract's export requests (spread into `requestSchemas` in contract.ts). */
export const transferRequestSchemas = {
  /**
   * Starts exporting a game's rounds over a range to `<data folder>/exports/`; answers at once
   * with the file it will write and how many rounds, then pushes `onExportProgress`.
   */
  startExport: {
    input: startExportInputSchema,
    output: startExportOutputSchema,
  },
  /** Stops an export; it ends with state `cancelled` and leaves no file. */
  cancelExport: {
    input: z.object({ exportId: exportIdSchema }).strict(),
    output: z.null(),
  },
} as const;

/** The contract's export events (spread into `eventSchemas`). */
export const transferEventSchemas = {
  /** An export's progress while it runs, and its end (done, cancelled or failed). */
  onExportProgress: exportProgressSchema,
} as const;
