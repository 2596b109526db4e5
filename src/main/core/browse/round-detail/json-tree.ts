// A stored row as a tree whose leaves keep their source text: round_index exceeds 2^53 and
// upstream's decimals must be shown as sent, so the row is never turned into JS numbers. Only
// one round is read at a time (the detail dialog), so a plain recursive parser is fast enough.

export type JsonNode =
  | { readonly type: 'object'; readonly entries: readonly (readonly [string, JsonNode])[] }
  | { readonly type: 'array'; readonly items: readonly JsonNode[] }
  /** `text` is the literal as written: `7393228772258146753`, `"cashhunt"`, `true`, `null`. */
  | { readonly type: 'scalar'; readonly text: string };

/** Parses JSON text without converting any number; throws on text that is not JSON. */
export function parseJsonTree(text: string): JsonNode {
  const parser = new TreeParser(text);
  const node = parser.value();
  parser.end();
  return node;
}

class TreeParser {
  private at = 0;

  constructor(private readonly text: string) {}

  value(): JsonNode {
    this.skipSpace();
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return { type: 'scalar', text: this.string() };
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.at, this.at + 400));
    if (literal === null) this.fail('a value');
    this.at += literal[0].length;
    return { type: 'scalar', text: literal[0] };
  }

  end(): void {
    this.skipSpace();
    if (this.at !== this.text.length) this.fail('the end of the text');
  }

  private object(): JsonNode {
    this.at++;
    const entries: [string, JsonNode][] = [];
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      return { type: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') this.fail('a key');
      const key = JSON.parse(this.string()) as string;
      this.skipSpace();
      this.expect(':');
      entries.push([key, this.value()]);
      this.skipSpace();
      if (this.text[this.at] === ',') this.at++;
      else {
        this.expect('}');
        return { type: 'object', entries };
      }
    }
  }

  private array(): JsonNode {
    this.at++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return { type: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.at] === ',') this.at++;
      else {
        this.expect(']');
        return { type: 'array', items };
      }
    }
  }

  /** The string literal at the cursor, quotes and escapes included. */
  private string(): string {
    const start = this.at;
    let at = start + 1;
    while (at < this.text.length) {
      const char = this.text[at];
      if (char === '\\') at += 2;
      else if (char === '"') {
        this.at = at + 1;
        return this.text.slice(start, this.at);
      } else at++;
    }
    return this.fail('the end of a string');
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) this.fail(`'${char}'`);
    this.at++;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private fail(wanted: string): never {
    throw new Error(`stored row is not JSON: expected ${wanted} at ${this.at}`);
  }
}

/** The text of a leaf as a person reads it: strings unquoted, numbers and literals exactly as written. */
export function scalarValue(text: string): string {
  return text.startsWith('"') ? (JSON.parse(text) as string) : text;
}

/** Every leaf of the tree with its dotted path (`raw.bonus_data.rolls.0.dice.1`); empty containers are leaves too. */
export function leafFields(node: JsonNode, path = ''): { path: string; value: string }[] {
  const join = (key: string) => (path === '' ? key : `${path}.${key}`);
  switch (node.type) {
    case 'scalar':
      return [{ path, value: scalarValue(node.text) }];
    case 'object':
      return node.entries.length === 0 ? [{ path, value: '{}' }] : node.entries.flatMap(([key, child]) => leafFields(child, join(key)));
    case 'array':
      return node.items.length === 0 ? [{ path, value: '[]' }] : node.items.flatMap((child, i) => leafFields(child, join(String(i))));
  }
}

/** Pretty-printed with two-space indents; every leaf is its source text, so no digit changes. */
export function prettyJson(node: JsonNode, indent = ''): string {
  const inner = `${indent}  `;
  switch (node.type) {
    case 'scalar':
      return node.text;
    case 'object':
      if (node.entries.length === 0) return '{}';
      return `{\n${node.entries.map(([key, child]) => `${inner}${JSON.stringify(key)}: ${prettyJson(child, inner)}`).join(',\n')}\n${indent}}`;
    case 'array':
      if (node.items.length === 0) return '[]';
      // Short lists of scalars (dice, balls) stay on one line, as a person would write them.
      if (node.items.every((item) => item.type === 'scalar') && node.items.length <= 24) {
        return `[${node.items.map((item) => prettyJson(item)).join(', ')}]`;
      }
      return `[\n${node.items.map((child) => `${inner}${prettyJson(child, inner)}`).join(',\n')}\n${indent}]`;
  }
}

/** The child at a dotted path, or undefined. */
export function nodeAt(node: JsonNode | undefined, path: string): JsonNode | undefined {
  if (path === '') return node;
  let current = node;
  for (const key of path.split('.')) {
    if (current === undefined) return undefined;
    if (current.type === 'object') current = current.entries.find(([name]) => name === key)?.[1];
    else if (current.type === 'array') current = current.items[Number(key)];
    else return undefined;
  }
  return current;
}

/** A scalar's reader text at a path, or null when absent, null or not a scalar. */
export function textAt(node: JsonNode | undefined, path: string): string | null {
  const found = nodeAt(node, path);
  if (found?.type !== 'scalar' || found.text === 'null') return null;
  return scalarValue(found.text);
}

/** The items of an array at a path (empty when absent). */
export function itemsAt(node: JsonNode | undefined, path: string): readonly JsonNode[] {
  const found = nodeAt(node, path);
  return found?.type === 'array' ? found.items : [];
}
