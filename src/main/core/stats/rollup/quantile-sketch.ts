// A mergeable quantile sketch: DDSketch's logarithmic mapping (Masson, Rim & Lee, VLDB 2019)
// with a relative accuracy of 1%. A value v > 0 falls in bucket ceil(log_γ v), γ = 1.01/0.99;
// a bucket's counts are exact, so sketches of hours add into the sketch of a day, and any
// quantile read back is within 1% of a value that really occurred in that rank's bucket.
// Hand-written rather than @datadog/sketches-js: that library serialises through protobuf, and
// the rollups merge hundreds of stored sketches per query, so the codec is the hot path.

const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Buckets kept: values from ~3e-4 to ~4e10, far beyond any multiplier; outliers clamp to the ends. */
const MIN_INDEX = -400;
const MAX_INDEX = 1200;
const SIZE = MAX_INDEX - MIN_INDEX + 1;

export function bucketOf(value: number): number {
  if (!(value > 0)) return MIN_INDEX;
  const index = Math.ceil(Math.log(value) / LOG_GAMMA);
  return index < MIN_INDEX ? MIN_INDEX : index > MAX_INDEX ? MAX_INDEX : index;
}

/** The value a bucket stands for: the point within 1% of every value in it. */
export function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}

/** Lowest value of a bucket (exclusive): values in bucket i lie in (γ^(i−1), γ^i]. */
export function bucketFloor(index: number): number {
  return GAMMA ** (index - 1);
}

/** Buckets whose counts are turned into text together, and kept as text until one of them moves. */
const TEXT_RUN = 32;

export class QuantileSketch {
  /** Dense counts over [low, high] bucket offsets: cheap to add into, cheap to merge. */
  private counts: Float64Array | null = null;
  private low = SIZE;
  private high = -1;
  count = 0;
  /** Per run of TEXT_RUN offsets: its counts as JSON text, and the offsets that text covers. */
  private texts: ({ readonly from: number; readonly to: number; readonly text: string } | undefined)[] = [];

  add(value: number, times = 1): void {
    this.addBucket(bucketOf(value) - MIN_INDEX, times);
  }

  merge(other: QuantileSketch): void {
    if (other.counts === null) return;
    for (let offset = other.low; offset <= other.high; offset++) {
      const times = other.counts[offset] as number;
      if (times !== 0) this.addBucket(offset, times);
    }
  }

  /**
   * The q-quantile (0..1) interpolated between the ranks around q·(n − 1), as PostgreSQL's
   * percentile_cont (and the vendor) computes it: each rank's value is read from its bucket, so
   * the answer is within 1% of the exact interpolated quantile. Null when empty.
   */
  quantile(q: number): number | null {
    if (this.counts === null || this.count === 0) return null;
    const rank = q * (this.count - 1);
    const below = Math.floor(rank);
    const low = this.valueAtRank(below);
    const high = rank > below ? this.valueAtRank(below + 1) : low;
    return low + (high - low) * (rank - below);
  }

  /** The value standing for the round at 0-based `rank` in ascending order. */
  private valueAtRank(rank: number): number {
    const counts = this.counts as Float64Array;
    let seen = 0;
    for (let offset = this.low; offset <= this.high; offset++) {
      seen += counts[offset] as number;
      if (seen > rank) return bucketValue(offset + MIN_INDEX);
    }
    return bucketValue(this.high + MIN_INDEX);
  }

  /** Non-empty buckets, lowest first, as (bucket index, count): for histograms and KS. */
  *buckets(): Generator<[index: number, count: number]> {
    if (this.counts === null) return;
    for (let offset = this.low; offset <= this.high; offset++) {
      const times = this.counts[offset] as number;
      if (times !== 0) yield [offset + MIN_INDEX, times];
    }
  }

  /** `[firstIndex, count, count, …]` over the occupied range: compact in JSON for hourly rows. */
  encode(): number[] {
    if (this.counts === null || this.high < this.low) return [];
    const out = [this.low + MIN_INDEX];
    for (let offset = this.low; offset <= this.high; offset++) out.push(this.counts[offset] as number);
    return out;
  }

  /**
   * `JSON.stringify(this.encode())`, without turning every count into text again: a live hour's
   * sketch gains one count per round, so all but one run of buckets keep their text.
   */
  json(): string {
    if (this.counts === null || this.high < this.low) return '[]';
    let text = `[${this.low + MIN_INDEX}`;
    for (let run = Math.floor(this.low / TEXT_RUN); run <= Math.floor(this.high / TEXT_RUN); run++) {
      text += `,${this.runText(run, Math.max(this.low, run * TEXT_RUN), Math.min(this.high, run * TEXT_RUN + TEXT_RUN - 1))}`;
    }
    return `${text}]`;
  }

  private runText(run: number, from: number, to: number): string {
    const kept = this.texts[run];
    if (kept !== undefined && kept.from === from && kept.to === to) return kept.text;
    const counts = this.counts as Float64Array;
    const numbers: number[] = [];
    for (let offset = from; offset <= to; offset++) numbers.push(counts[offset] as number);
    const text = JSON.stringify(numbers).slice(1, -1);
    this.texts[run] = { from, to, text };
    return text;
  }

  static decode(encoded: readonly number[]): QuantileSketch {
    const sketch = new QuantileSketch();
    const first = encoded[0];
    if (first === undefined) return sketch;
    for (let i = 1; i < encoded.length; i++) {
      const times = encoded[i] as number;
      if (times !== 0) sketch.addBucket(first - MIN_INDEX + i - 1, times);
    }
    return sketch;
  }

  private addBucket(offset: number, times: number): void {
    this.counts ??= new Float64Array(SIZE);
    this.counts[offset] = (this.counts[offset] as number) + times;
    this.texts[Math.floor(offset / TEXT_RUN)] = undefined;
    if (offset < this.low) this.low = offset;
    if (offset > this.high) this.high = offset;
    this.count += times;
  }
}
