// The bytes of finalised rows, for serving pages without building a string per page.
//
// Why: measured, a /rounds page of 1,000 rows cost ~3 ms of CPU as a string (join the row
// slices, scan for Content-Length, encode UTF-8 on write). Rows are ASCII, so each chunk of rows
// is encoded once, on the first request that needs it, and a page copies byte ranges out of it.

const NON_ASCII = /[^\x00-\x7f]/;

export class RowBytes {
  private readonly chunkTexts: string[] = [];
  private readonly chunkBytes: (Buffer | undefined)[] = [];
  private chunkOf = new Int32Array(1024);
  private offsetOf = new Int32Array(1024);
  private lengthOf = new Int32Array(1024);

  /** Registers `chunk`, the texts of rows `first`, `first + 1`, … of the given lengths, back to back. */
  add(chunk: string, first: number, lengths: readonly number[]): void {
    // Latin-1 bytes equal UTF-8 bytes only for ASCII; a game writing other text is a sandbox bug.
    if (NON_ASCII.test(chunk)) throw new Error('sandbox rows must be ASCII JSON (escape other characters)');
    const id = this.chunkTexts.push(chunk) - 1;
    this.chunkBytes.push(undefined);
    this.reserve(first + lengths.length);
    let offset = 0;
    for (let i = 0; i < lengths.length; i++) {
      this.chunkOf[first + i] = id;
      this.offsetOf[first + i] = offset;
      this.lengthOf[first + i] = lengths[i]!;
      offset += lengths[i]!;
    }
  }

  /** Row `n`'s bytes: a view into its chunk's buffer, not a copy. */
  of(n: number): Buffer {
    const id = this.chunkOf[n]!;
    let bytes = this.chunkBytes[id];
    if (bytes === undefined) {
      bytes = Buffer.from(this.chunkTexts[id]!, 'latin1');
      this.chunkBytes[id] = bytes;
    }
    const offset = this.offsetOf[n]!;
    return bytes.subarray(offset, offset + this.lengthOf[n]!);
  }

  private reserve(count: number): void {
    if (count <= this.chunkOf.length) return;
    let size = this.chunkOf.length;
    while (size < count) size *= 2;
    const grow = (from: Int32Array): Int32Array<ArrayBuffer> => {
      const grown = new Int32Array(size);
      grown.set(from);
      return grown;
    };
    this.chunkOf = grow(this.chunkOf);
    this.offsetOf = grow(this.offsetOf);
    this.lengthOf = grow(this.lengthOf);
  }
}
