// JSON Lines: one object per line, LF line ends, keys in the column order. round_index is a JSON
// string of digits (a bare number above 2^53 is rounded by JSON.parse, jq and most JSON tools);
// row_json is a JSON string holding the row's exact text (JSON.parse returns it character for
// character). finalized_us stays a number: it is below 2^53. Lines are assembled by SQLite's
// json_object, a page at a time, for the reason csv-format.ts gives; its string escaping is
// standard JSON, and the tests read every line back with an independent lossless parser.

/** A row of `rounds` as one JSON line; `@game` and `@kind` are the game's. */
export const JSONL_LINE_SQL =
  "json_object('game', @game, 'kind', @kind, 'round_id', round_id, 'round_index', CAST(round_index AS TEXT), " +
  "'multiplier', multiplier, 'finalized_at', finalized_at, 'finalized_us', finalized_us, 'segment', segment, 'row_json', row_json) || char(10)";
