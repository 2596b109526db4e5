// The columns of every export, documented once (README "Export and import" repeats this table).
// Every format carries the same columns in the same order; Parquet adds `multiplier_value`.
//
// Exactness, per format:
// - round_index is a 64-bit integer above 2^53. CSV: its decimal digits. JSON Lines: a JSON
//   *string* of digits, because every JSON.parse-based reader (jq, JavaScript, Python's default
//   float handling in some tools) silently rounds a bare number that large. Parquet: INT64, which
//   always fits, since SQLite stores it as a signed 64-bit INTEGER.
// - multiplier is upstream's decimal string, unchanged, in every format (a string column in
//   Parquet; `multiplier_value` beside it is a DOUBLE for convenience and is rounded).
// - finalized_at is upstream's text (its precision varies: seconds, ms or µs); finalized_us is the
//   same instant in integer microseconds since the epoch (UTC), which is what ranges filter on.
// - row_json is the row's JSON text exactly as upstream sent it (for a stream frame, the frame).
//   Import rebuilds each round from it through the same parser recording uses, and checks that the
//   other columns agree with it, so a file edited by hand cannot import a round that differs from
//   the row it carries.

export interface ExportColumn {
  readonly name: string;
  readonly meaning: string;
}

export const EXPORT_COLUMNS = [
  { name: 'game', meaning: 'the game slug the round is stored under (aliases such as roobet-crash resolved)' },
  { name: 'kind', meaning: 'the game kind Roundlog stored it as (crash, wheel-show…, unknown for a game not in its catalog)' },
  { name: 'round_id', meaning: "upstream's round id" },
  { name: 'round_index', meaning: 'exact 64-bit index: digits in CSV, a JSON string in JSON Lines, INT64 in Parquet; empty/null when the row has none' },
  { name: 'multiplier', meaning: "upstream's decimal string, exactly as received" },
  { name: 'finalized_at', meaning: "upstream's finalisation time text, exactly as received" },
  { name: 'finalized_us', meaning: 'the same instant in integer microseconds since 1970-01-01T00:00:00Z' },
  { name: 'segment', meaning: 'the winning segment of a wheel show (raw.segment), empty/null elsewhere' },
  { name: 'row_json', meaning: "the row's JSON text exactly as received; import rebuilds the round from it" },
] as const satisfies readonly ExportColumn[];

export type ExportColumnName = (typeof EXPORT_COLUMNS)[number]['name'];

export const EXPORT_COLUMN_NAMES: readonly ExportColumnName[] = EXPORT_COLUMNS.map((column) => column.name);

/** Parquet only: a DOUBLE of the multiplier for tools that want a number; rounded, never imported. */
export const PARQUET_EXTRA_COLUMN: ExportColumn = { name: 'multiplier_value', meaning: 'the multiplier as a DOUBLE (rounded; Parquet only)' };

/** One round as every export writes it: the history's stored columns, untouched. */
export interface ExportRow {
  readonly game: string;
  readonly kind: string;
  readonly roundId: string;
  /** Exact decimal digits, or null. */
  readonly roundIndex: string | null;
  readonly multiplier: string;
  readonly finalizedAt: string;
  readonly finalizedUs: number;
  readonly segment: string | null;
  readonly rowJson: string;
}
