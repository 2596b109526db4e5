// Stats answers are built as plain values and written here: bigint round indices come out as
// bare integers (JSON.stringify refuses them, and a number would round them), and a stored row
// is embedded as its own text, so nothing upstream-shaped passes through a JS number.

/** JSON text kept as is, e.g. a stored round row. */
export class JsonText {
  constructor(readonly text: string) {}
}

export type JsonValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | JsonText
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

export function toJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`sandbox: ${value} cannot be written as JSON`);
      return String(value);
  }
  if (value instanceof JsonText) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  const fields = Object.entries(value as { readonly [key: string]: JsonValue });
  return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${toJson(field)}`).join(',')}}`;
}
