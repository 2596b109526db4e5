import type { GameInfo, GameRules, RoundPlay, SimBet } from './games/game';
import type { OutcomeScript } from './outcome-script';
import { microsToIso } from '../shared/time';
import { endRow, RowHead } from './finalized-row';
import { HASH_AHEAD_ROUNDS, RoundPlayer } from './round-player';
import { RowBytes } from './row-bytes';
import { RowWriter } from './row-writer';
import { multiplierText, runningRowJson } from './row';

export interface SimRoundRecord {
  readonly game: string;
  readonly roundId: string;
  readonly roundIndex: bigint;
  readonly multiplier: string;
  /**
   * When the round finished (integer ms); the row's finalized_at is this floored to the game's
   * precision (the second, or the millisecond for `finalizedPrecision: 'millis'` games).
   */
  readonly finalizedAtMs: number;
  /** The exact row JSON served by REST. */
  readonly json: string;
}

export interface Timeline {
  readonly seed: string;
  /** Wall-clock ms at which round 0 finishes. */
  readonly epochMs: number;
  /** Cadence divisor: speed 100 plays 100 rounds in the time of one. */
  readonly speed: number;
  /** Rounds whose outcome a test chose (outcome-script.ts). */
  readonly script?: OutcomeScript;
}

/** One game's history: finalised rounds, oldest first (array position = round number n). */
export interface RoundLog {
  readonly info: GameInfo;
  readonly records: readonly SimRoundRecord[];
  /** observed_at of the newest finalised round, or null before the first. */
  readonly lastObservedAt: string | null;
  /** When the round in progress is scheduled to finish. */
  readonly nextFinishMs: number;
  /** Finalises every round scheduled to finish by `nowMs`; returns how many it added. */
  finishDue(nowMs: number): number;
  /**
   * Finalises rounds until `count` are, whatever the clock says; returns how many it added. For
   * histories given as a round count: one call writes them in batches, where a finishDue per
   * round would write them one by one.
   */
  finishCount(count: number): number;
  /** The row of the round in progress. */
  runningRowJson(): string;
  /** Observed bets of finalised round `n` (its array position); empty for games without bets. */
  bets(n: number): readonly SimBet[];
  /** The exact bytes of finalised round `n`'s row (its `json`), for serving pages. */
  rowBytes(n: number): Buffer;
}

/**
 * Rows written in one go are registered in chunks of this many: one view of the writer's slab
 * for all of them (row-bytes.ts), where a buffer per row would be a million allocations.
 */
const CHUNK_ROWS = 512;

/** What the log keeps per round, in columns; records read them through these. */
interface Columns {
  readonly info: GameInfo;
  readonly rows: RowBytes;
  finishMs: Float64Array;
  /** The row's multiplier in ten-thousandths; past 2^31 for the rarest crash points. */
  multiplierUnits: Float64Array;
}

/**
 * A finalised round: every field is read from the log's columns and row bytes on demand. Stored
 * per round they would be a BigInt, a heap number and three strings, millions of allocations.
 */
class PlayedRound implements SimRoundRecord {
  readonly #columns: Columns;
  readonly #n: number;

  constructor(columns: Columns, n: number) {
    this.#columns = columns;
    this.#n = n;
  }

  get game(): string {
    return this.#columns.info.slug;
  }

  get roundId(): string {
    return this.#columns.rows.roundId(this.#n);
  }

  get roundIndex(): bigint {
    return this.#columns.info.indexBase + BigInt(this.#n);
  }

  get multiplier(): string {
    return multiplierText(this.#columns.multiplierUnits[this.#n] as number);
  }

  get finalizedAtMs(): number {
    return this.#columns.finishMs[this.#n] as number;
  }

  get json(): string {
    return this.#columns.rows.text(this.#n);
  }
}

export class PlayedRoundLog<P extends RoundPlay> implements RoundLog, Columns {
  readonly info: GameInfo;
  readonly records: SimRoundRecord[] = [];
  readonly rows = new RowBytes();
  nextFinishMs: number;
  finishMs = new Float64Array(1024);
  multiplierUnits = new Float64Array(1024);
  private readonly player: RoundPlayer<P>;
  private readonly out = new RowWriter();
  private readonly head: RowHead;
  private lastObservedMicros = Number.NaN;
  private pending: P;
  private pendingStartMs: number;
  /** The lengths of the rows written since the last commit. */
  private readonly chunkRows: number[] = [];
  /** Bytes of every row written so far, to size a long run's slab (RowWriter.expect). */
  private writtenBytes = 0;

  constructor(
    private readonly rules: GameRules<P>,
    private readonly timeline: Timeline,
  ) {
    this.info = rules.info;
    this.player = new RoundPlayer(rules, timeline);
    this.head = new RowHead(rules.info.indexBase, rules.info.finalizedPrecision ?? 'seconds');
    this.pending = this.player.play(0, null);
    this.nextFinishMs = timeline.epochMs;
    this.pendingStartMs = timeline.epochMs - this.player.cadenceMs(this.pending);
  }

  get lastObservedAt(): string | null {
    return Number.isNaN(this.lastObservedMicros) ? null : microsToIso(this.lastObservedMicros);
  }

  finishDue(nowMs: number): number {
    return this.finishWhile(nowMs, Number.MAX_SAFE_INTEGER);
  }

  finishCount(count: number): number {
    return this.finishWhile(Number.POSITIVE_INFINITY, count);
  }

  runningRowJson(): string {
    const n = this.records.length;
    return runningRowJson(
      this.head.indexText(n),
      this.pending.roundId,
      this.info.runningState,
      microsToIso(this.pendingStartMs * 1000),
    );
  }

  rowBytes(n: number): Buffer {
    return this.rows.of(n);
  }

  bets(n: number): readonly SimBet[] {
    if (n < 0 || n >= this.records.length) return [];
    return this.player.bets(n);
  }

  private finishWhile(nowMs: number, count: number): number {
    const before = this.records.length;
    const startMs = this.nextFinishMs;
    const bytesBefore = this.writtenBytes;
    let n = before;
    // Rounds due, guessed from the next one's cadence: a long run is hashed ahead from the start.
    const guess = Math.min(count - n, (nowMs - this.nextFinishMs) / this.player.cadenceMs(this.pending));
    if (guess >= HASH_AHEAD_ROUNDS) this.player.hashAhead(n + 1);
    try {
      while (this.nextFinishMs <= nowMs && n < count) {
        this.writeRow(n, this.pending, this.nextFinishMs);
        n += 1;
        if (this.chunkRows.length === CHUNK_ROWS) this.commitChunk();
        // The guess can fall short (a long first round): a run found long is hashed ahead from here.
        if (n - before === HASH_AHEAD_ROUNDS) {
          this.player.hashAhead(n);
          this.expectRest(nowMs, count - n, startMs, this.writtenBytes - bytesBefore);
        }
        this.pending = this.player.play(n, this.pending);
        this.pendingStartMs = this.nextFinishMs;
        this.nextFinishMs += this.player.cadenceMs(this.pending);
      }
    } finally {
      this.player.stopHashingAhead();
      this.commitChunk();
    }
    return this.records.length - before;
  }

  /**
   * Sizes the slab for the rest of a run, `maxRounds` at most, from its first HASH_AHEAD_ROUNDS
   * rows (from `startMs`, in `bytes`), +2%: a little short only costs a few more slabs.
   */
  private expectRest(nowMs: number, maxRounds: number, startMs: number, bytes: number): void {
    const meanCadenceMs = (this.nextFinishMs - startMs) / (HASH_AHEAD_ROUNDS - 1);
    const rounds = Math.min(maxRounds, (nowMs - this.nextFinishMs) / meanCadenceMs);
    this.out.expect(((rounds * bytes) / HASH_AHEAD_ROUNDS) * 1.02);
  }

  /** Writes round n's row into the chunk and its finish time and multiplier into the columns. */
  private writeRow(n: number, play: P, finishMs: number): void {
    if (n >= this.finishMs.length) this.growColumns();
    this.finishMs[n] = finishMs;
    this.multiplierUnits[n] = play.multiplierTenThousandths;
    const observedMicros = finishMs * 1000 + Math.round(play.observedDelayMicros / this.timeline.speed);
    this.lastObservedMicros = observedMicros;
    const out = this.out;
    const rowStart = out.length;
    this.head.write(out, n, play.roundId, play.multiplierTenThousandths, play.randomNumber, finishMs, observedMicros);
    if (this.rules.writeRaw !== undefined) this.rules.writeRaw(play, finishMs, this.timeline.speed, out);
    else out.ascii(this.rules.rawJson(play, finishMs, this.timeline.speed));
    endRow(out);
    const rowBytes = out.length - rowStart;
    this.writtenBytes += rowBytes;
    this.chunkRows.push(rowBytes);
  }

  private growColumns(): void {
    const grow = (from: Float64Array): Float64Array<ArrayBuffer> => {
      const grown = new Float64Array(from.length * 2);
      grown.set(from);
      return grown;
    };
    this.finishMs = grow(this.finishMs);
    this.multiplierUnits = grow(this.multiplierUnits);
  }

  private commitChunk(): void {
    const lengths = this.chunkRows;
    if (lengths.length === 0) return;
    const first = this.records.length;
    this.rows.add(this.out.take(), first, lengths);
    for (let i = 0; i < lengths.length; i++) this.records.push(new PlayedRound(this, first + i));
    lengths.length = 0;
  }
}
