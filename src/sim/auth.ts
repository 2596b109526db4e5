import { createHash } from 'node:crypto';

// Bearer keys and what each grants. Keys are looked up by their SHA-256 digest, so the time a
// lookup takes says nothing about how much of a guessed key was right.

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class KeyCheck<Grant = unknown> {
  private readonly grants = new Map<string, Grant>();

  constructor(entries: Iterable<readonly [key: string, grant: Grant]>) {
    for (const [key, grant] of entries) this.grants.set(digest(key), grant);
  }

  /** What `key` grants, or undefined for a key this server does not know. */
  find(key: string): Grant | undefined {
    return this.grants.get(digest(key));
  }

  /** `Authorization: Bearer <key>`. */
  fromHeader(header: string | undefined): Grant | undefined {
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] === undefined ? undefined : this.find(match[1]);
  }

  /**
   * The seed's browser form, `new WebSocket(url, ['Authorization', 'Bearer KEY'])`: the key rides
   * in Sec-WebSocket-Protocol. Browsers refuse a space in a subprotocol, so `Bearer.KEY` and the
   * bare key are accepted too.
   */
  fromSubprotocols(header: string | undefined): Grant | undefined {
    if (header === undefined) return undefined;
    for (const item of header.split(',')) {
      const token = item.trim();
      const grant = this.find(token.replace(/^Bearer[ .]/i, '')) ?? this.find(token);
      if (grant !== undefined) return grant;
    }
    return undefined;
  }

  acceptsHeader(header: string | undefined): boolean {
    return this.fromHeader(header) !== undefined;
  }

  acceptsSubprotocols(header: string | undefined): boolean {
    return this.fromSubprotocols(header) !== undefined;
  }
}
