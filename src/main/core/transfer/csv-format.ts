import { EXPORT_COLUMN_NAMES } from './export-columns';

// CSV as RFC 4180 writes it: a header row, CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break (quotes doubled). A null round_index or segment is an empty field. Lines
// are assembled by SQLite (csvLineSql), a page at a time: measured, building eight JS strings per
// row (row_json's above all) made CSV export 3× slower than the same text made in SQLite's C. The
// reader below is the inverse, streaming: it never holds more than one chunk and one record.

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as CSV writes it, for the values the SQL below does not see (game, kind). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const CSV_HEADER = `${EXPORT_COLUMN_NAMES.join(',')}\r\n`;

/** SQL quoting a text column as csvField does (NULL stays NULL). */
const quoted = (column: string): string =>
  `CASE WHEN instr(${column}, '"') OR instr(${column}, ',') OR instr(${column}, char(10)) OR instr(${column}, char(13)) ` +
  `THEN '"' || replace(${column}, '"', '""') || '"' ELSE ${column} END`;

/**
 * A row of `rounds` as one CSV line; `@prefix` is the game's and kind's fields with their commas.
 * Quoting is decided per column by what it can hold, since every stored round passed readRow:
 * multiplier is digits and a point (never quoted), finalized_at an ISO time whose only possible
 * special character is a decimal comma, row_json a JSON object (always quoted). Measured, this
 * saves a fifth of the export's time over testing every column.
 */
export const CSV_LINE_SQL =
  `@prefix || ${quoted('round_id')} || ',' || ifnull(CAST(round_index AS TEXT), '') || ',' || multiplier || ',' || ` +
  `CASE WHEN instr(finalized_at, ',') THEN '"' || finalized_at || '"' ELSE finalized_at END || ',' || finalized_us || ',' || ` +
  `ifnull(${quoted('segment')}, '') || ',"' || replace(row_json, '"', '""') || '"' || char(13, 10)`;

/** One record of a CSV file, with the line it starts on (1 is the header). */
export type CsvRecord = { readonly line: number; readonly fields: string[] } | { readonly line: number; readonly error: string };

type Parsed = { fields: string[]; next: number; lines: number } | { error: string; next: number; lines: number } | 'incomplete';

/** Counts line feeds in text[from, to). */
function lineFeeds(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Skips past the end of the current line, to resynchronise after a malformed record. */
function skipLine(text: string, at: number, final: boolean, lines: number, error: string): Parsed {
  const end = text.indexOf('\n', at);
  if (end === -1) return final ? { error, next: text.length, lines } : 'incomplete';
  return { error, next: end + 1, lines: lines + 1 };
}

/** The record starting at `start`, or 'incomplete' when the text ends before it does (and more will come). */
function parseRecord(text: string, start: number, final: boolean): Parsed {
  const fields: string[] = [];
  let at = start;
  let lines = 0;
  for (;;) {
    if (text.charCodeAt(at) === 0x22) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return final ? { error: 'a quoted field is never closed', next: text.length, lines: lines + lineFeeds(text, at, text.length) } : 'incomplete';
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 0x22) {
          value += '"';
          from = quote + 2;
          continue;
        }
        // A closing quote at the very end of the chunk may be the first of a doubled pair.
        if (quote + 1 === text.length && !final) return 'incomplete';
        lines += lineFeeds(text, at, quote);
        at = quote + 1;
        break;
      }
      fields.push(value);
    } else {
      let end = at;
      while (end < text.length) {
        const code = text.charCodeAt(end);
        if (code === 0x2c || code === 0x0a) break;
        end++;
      }
      if (end === text.length && !final) return 'incomplete';
      let value = text.slice(at, end);
      if (text.charCodeAt(end) === 0x0a && value.endsWith('\r')) value = value.slice(0, -1);
      if (value.includes('"')) return skipLine(text, end, final, lines, 'a quote inside an unquoted field');
      fields.push(value);
      at = end;
    }
    const code = text.charCodeAt(at);
    if (code === 0x2c) {
      at++;
      continue;
    }
    if (code === 0x0a) return { fields, next: at + 1, lines: lines + 1 };
    if (code === 0x0d) {
      if (at + 1 === text.length && !final) return 'incomplete';
      if (text.charCodeAt(at + 1) === 0x0a) return { fields, next: at + 2, lines: lines + 1 };
    }
    if (at >= text.length) return { fields, next: at, lines };
    return skipLine(text, at, final, lines, 'text after the closing quote of a field');
  }
}

/** The records of a CSV text arriving in chunks (a BOM is skipped); blank lines are not records. */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let text = '';
  let line = 1;
  let first = true;
  const drain = function* (final: boolean): Generator<CsvRecord> {
    let at = 0;
    while (at < text.length) {
      const parsed = parseRecord(text, at, final);
      if (parsed === 'incomplete') break;
      if ('error' in parsed) yield { line, error: parsed.error };
      else if (!(parsed.fields.length === 1 && parsed.fields[0] === '')) yield { line, fields: parsed.fields };
      line += parsed.lines;
      at = parsed.next;
    }
    text = text.slice(at);
  };
  for await (const chunk of chunks) {
    text += first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    first = false;
    yield* drain(false);
  }
  yield* drain(true);
}
