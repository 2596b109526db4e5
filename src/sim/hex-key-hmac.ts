import { hash } from 'node:crypto';

/**
 * HMAC-SHA256(key = a round's game hash as its 64 hex characters, msg = salt): what decides a crash
 * round (game-math.md §1). Spelled out (RFC 2104) over two reused buffers: createHmac builds a
 * stream object per call, which at a million rounds costs more than the rest of a round. The key
 * is exactly one SHA-256 block, so it needs no padding.
 *
 * The last digest is kept (Duel asks for a round's again to write its row), and can be handed in
 * (`prime`) when a worker computed it ahead (hash-ahead.ts).
 */
export class HexKeyHmac {
  private static readonly BLOCK = 64;
  private readonly inner: Buffer;
  private readonly outer = Buffer.alloc(HexKeyHmac.BLOCK + 32);
  // The last key's digest: as text, or (when primed) as bytes until text is asked for.
  private lastKey: string | null = null;
  private lastDigest: string | null = null;
  private readonly lastWords = new Int32Array(8);
  private readonly lastBytes = new Uint8Array(this.lastWords.buffer);

  constructor(readonly salt: string) {
    this.inner = Buffer.alloc(HexKeyHmac.BLOCK + Buffer.byteLength(salt));
    this.inner.write(salt, HexKeyHmac.BLOCK);
  }

  /**
   * Takes the 32 bytes at `words[at…at+8)` as the digest of `keyHex`, computed elsewhere with the
   * same salt. Copied as 8 words rather than 32 bytes: the bytes keep their order either way.
   */
  prime(keyHex: string, words: Int32Array, at: number): void {
    const last = this.lastWords;
    for (let i = 0; i < 8; i++) last[i] = words[at + i] as number;
    this.lastKey = keyHex;
    this.lastDigest = null;
  }

  /** The digest as 'binary' (latin1) text, one char per byte: cheaper than a Buffer. */
  digest(keyHex: string): string {
    if (keyHex === this.lastKey) return (this.lastDigest ??= Buffer.from(this.lastBytes).toString('latin1'));
    const inner = this.inner;
    const outer = this.outer;
    for (let i = 0; i < HexKeyHmac.BLOCK; i++) {
      const keyByte = keyHex.charCodeAt(i);
      inner[i] = keyByte ^ 0x36;
      outer[i] = keyByte ^ 0x5c;
    }
    // Byte by byte: Buffer#write costs ~180 ns a call (measured), twice this loop.
    const innerDigest = hash('sha256', inner, 'binary');
    for (let i = 0; i < 32; i++) outer[HexKeyHmac.BLOCK + i] = innerDigest.charCodeAt(i);
    const digest = hash('sha256', outer, 'binary');
    this.lastKey = keyHex;
    this.lastDigest = digest;
    return digest;
  }

  /** The digest's first 4 bytes as an unsigned 32-bit integer. */
  first32(keyHex: string): number {
    if (keyHex === this.lastKey && this.lastDigest === null) {
      const b = this.lastBytes;
      return (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
    }
    const d = this.digest(keyHex);
    return ((d.charCodeAt(0) << 24) | (d.charCodeAt(1) << 16) | (d.charCodeAt(2) << 8) | d.charCodeAt(3)) >>> 0;
  }
}
