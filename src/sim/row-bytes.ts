import { roundIdOf } from './finalized-row';

// The finalised rows of a log, as bytes: they are written as bytes (row-writer.ts) and pages are
// served by copying byte ranges, so no row exists as a string unless something reads its text.
//
// Why: measured, a /rounds page of 1,000 rows cost ~3 ms of CPU as a string (join the row
// slices, scan for Content-Length, encode UTF-8 on write), and building a million rows as
// strings took longer than generating their rounds. Rows are ASCII (RowWriter refuses anything
// else), so their Latin-1 text is their UTF-8 text.

export class RowBytes {
  private readonly chunks: Buffer[] = [];
  private chunkOf = new Int32Array(1024);
  private offsetOf = new Int32Array(1024);
  private lengthOf = new Int32Array(1024);

  /** Registers `chunk`, the bytes of rows `first`, `first + 1`, … of the given lengths, back to back. */
  add(chunk: Buffer, first: number, lengths: readonly number[]): void {
    const id = this.chunks.push(chunk) - 1;
    this.reserve(first + lengths.length);
    let offset = 0;
    for (let i = 0; i < lengths.length; i++) {
      this.chunkOf[first + i] = id;
      this.offsetOf[first + i] = offset;
      this.lengthOf[first + i] = lengths[i]!;
      offset += lengths[i]!;
    }
  }

  /** Row `n`'s bytes: a view into its chunk, not a copy. */
  of(n: number): Buffer {
    const offset = this.offsetOf[n]!;
    return this.chunks[this.chunkOf[n]!]!.subarray(offset, offset + this.lengthOf[n]!);
  }

  /** Row `n`'s JSON text, decoded on each call: rows are read as text far less often than written or served. */
  text(n: number): string {
    const offset = this.offsetOf[n]!;
    return this.chunks[this.chunkOf[n]!]!.toString('latin1', offset, offset + this.lengthOf[n]!);
  }

  /** Row `n`'s round_id. */
  roundId(n: number): string {
    return roundIdOf(this.chunks[this.chunkOf[n]!]!, this.offsetOf[n]!);
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
