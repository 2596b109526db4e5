// Exact source text of JSON members, for text that JSON.parse has already accepted.
//
// Why: round_index exceeds 2^53 and `raw` must be stored exactly as sent, but a full lossless
// parser in JS runs at a quarter of native JSON.parse speed (measured: 64k vs 250k rows/s), which
// caps ingest below its target. So native JSON.parse validates and yields the ordinary fields, and
// this scanner, which may assume well-formed input, returns where each member's value sits in the
// text. test/unit/json-spans.test.ts checks it against lossless-json as an independent oracle.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

export interface Span {
  readonly start: number;
  readonly end: number;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipWhitespace(text: string, at: number): number {
  while (at < text.length && isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

/** Index just past the string literal that opens at `at`; native indexOf skips its contents. */
function endOfString(text: string, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Index just past the value that starts at `at` (object, array, string or scalar). */
export function endOfValue(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return endOfString(text, at);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let i = at;
    for (;;) {
      const code = text.charCodeAt(i);
      if (i >= text.length || code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) {
        return i;
      }
      i++;
    }
  }
  let depth = 0;
  let i = at;
  for (;;) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
}

function readKey(text: string, at: number, end: number): string {
  const raw = text.slice(at + 1, end - 1);
  // Keys with escapes are rare; let the native parser decode them.
  return raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
}

/**
 * The span of the value of member `key` of the object starting at `at`, or null. It stops at the
 * key, so a member upstream sends first costs almost nothing. Of duplicate keys (which JSON.parse
 * resolves to the last) the first is returned; rows carry none.
 */
export function memberSpan(text: string, at: number, key: string): Span | null {
  let i = skipWhitespace(text, at + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return null;
  for (;;) {
    const keyEnd = endOfString(text, i);
    const found = readKey(text, i, keyEnd) === key;
    i = skipWhitespace(text, keyEnd);
    i = skipWhitespace(text, i + 1); // past the colon
    const valueEnd = endOfValue(text, i);
    if (found) return { start: i, end: valueEnd };
    i = skipWhitespace(text, valueEnd);
    if (text.charCodeAt(i) !== COMMA) return null;
    i = skipWhitespace(text, i + 1);
  }
}

/** The spans of the elements of the top-level array in `text`, in one pass. */
export function arrayElementSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = skipWhitespace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACKET) return spans;
  i = skipWhitespace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return spans;
  for (;;) {
    const end = endOfValue(text, i);
    spans.push({ start: i, end });
    i = skipWhitespace(text, end);
    if (text.charCodeAt(i) !== COMMA) return spans;
    i = skipWhitespace(text, i + 1);
  }
}

