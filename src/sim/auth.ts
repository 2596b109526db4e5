import { createHash, timingSafeEqual } from 'node:crypto';

// One Bearer key, checked in constant time (digests make the lengths equal).

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export class KeyCheck {
  private readonly keyDigest: Buffer;

  constructor(key: string) {
    this.keyDigest = digest(key);
  }

  private matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.keyDigest);
  }

  /** `Authorization: Bearer <key>`. */
  acceptsHeader(header: string | undefined): boolean {
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] !== undefined && this.matches(match[1]);
  }

  /**
   * The seed's browser form, `new WebSocket(url, ['Authorization', 'Bearer KEY'])`: the key rides
   * in Sec-WebSocket-Protocol. Browsers refuse a space in a subprotocol, so `Bearer.KEY` and the
   * bare key are accepted too.
   */
  acceptsSubprotocols(header: string | undefined): boolean {
    if (header === undefined) return false;
    return header.split(',').some((item) => {
      const token = item.trim();
      return this.matches(token.replace(/^Bearer[ .]/i, '')) || this.matches(token);
    });
  }
}
