import type { GameInfo, GameRules, RoundPlay, SimBet } from './games/game';
import type { OutcomeScript } from './outcome-script';
import { isoSeconds, microsToIso } from '../shared/time';
import { SeededDice, RoundHasher } from './round-hash';
import { RowBytes } from './row-bytes';
import { finalizedRowJson, flatRowJson, isoMillis, multiplierText, ROUND_ID_OFFSET, runningRowJson } from './row';

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

const INDEX_LOW_DIGITS = 12;
const INDEX_LOW_SPAN = 10n ** BigInt(INDEX_LOW_DIGITS);
const INDEX_LOW_SPAN_NUMBER = Number(INDEX_LOW_SPAN);

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
 * Rows written in one go are joined into one string and each row is a slice of it: V8 then keeps
 * a row as a small view (no copy), and a chunk this size lives outside the young generation, so
 * the garbage collector neither copies nor promotes a million row texts one by one.
 */
const CHUNK_ROWS = 512;

/** Multiplier strings repeat (`"1.0000"`, `"2.0000"`…): one shared copy each, up to this many. */
const MULTIPLIER_CACHE_LIMIT = 200_000;

/** What the log keeps per round, in columns; records read them through these. */
interface Columns {
  readonly info: GameInfo;
  finishMs: Float64Array;
}

/**
 * A finalised round. round_index and the finish time are read from the log's columns on demand:
 * stored per round they would be a BigInt and a heap number, a million allocations apiece.
 */
class PlayedRound implements SimRoundRecord {
  readonly #columns: Columns;
  readonly #n: number;

  constructor(
    columns: Columns,
    n: number,
    readonly roundId: string,
    readonly multiplier: string,
    readonly json: string,
  ) {
    this.#columns = columns;
    this.#n = n;
  }

  get game(): string {
    return this.#columns.info.slug;
  }

  get roundIndex(): bigint {
    return this.#columns.info.indexBase + BigInt(this.#n);
  }

  get finalizedAtMs(): number {
    return this.#columns.finishMs[this.#n] as number;
  }
}

export class PlayedRoundLog<P extends RoundPlay> implements RoundLog, Columns {
  readonly info: GameInfo;
  readonly records: SimRoundRecord[] = [];
  lastObservedAt: string | null = null;
  nextFinishMs: number;
  finishMs = new Float64Array(1024);
  private readonly bytes = new RowBytes();
  private readonly dice = new SeededDice();
  private readonly hasher: RoundHasher;
  private readonly finalizedText: (ms: number) => string;
  /** round_index = indexBase + n, written as text without BigInt while the low digits do not carry. */
  private readonly indexHighText: string;
  private readonly indexLow: number;
  private readonly multipliers = new Map<number, string>();
  private pending: P;
  private pendingStartMs: number;
  // The chunk being written: its rows' text, each row's length, where its round_id starts.
  private chunkText = '';
  private readonly chunkRows: number[] = [];
  private readonly chunkIdStarts: number[] = [];
  private readonly chunkIdLengths: number[] = [];
  private readonly chunkMultipliers: string[] = [];

  constructor(
    private readonly rules: GameRules<P>,
    private readonly timeline: Timeline,
  ) {
    this.info = rules.info;
    this.hasher = new RoundHasher(timeline.seed, rules.info.slug);
    this.finalizedText = rules.info.finalizedPrecision === 'millis' ? isoMillis : isoSeconds;
    this.indexHighText = (rules.info.indexBase / INDEX_LOW_SPAN).toString();
    this.indexLow = Number(rules.info.indexBase % INDEX_LOW_SPAN);
    this.pending = this.play(0, null);
    this.nextFinishMs = timeline.epochMs;
    this.pendingStartMs = timeline.epochMs - this.scaled(this.pending.cadenceMs);
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
      this.indexText(n),
      this.pending.roundId,
      this.info.runningState,
      microsToIso(this.pendingStartMs * 1000),
    );
  }

  rowBytes(n: number): Buffer {
    return this.bytes.of(n);
  }

  bets(n: number): readonly SimBet[] {
    if (!this.rules.bets || n < 0 || n >= this.records.length) return [];
    const play = this.play(n, null);
    return this.rules.bets(play, this.dice);
  }

  private finishWhile(nowMs: number, count: number): number {
    const before = this.records.length;
    let n = before;
    while (this.nextFinishMs <= nowMs && n < count) {
      this.writeRow(n, this.pending, this.nextFinishMs);
      n += 1;
      if (this.chunkRows.length === CHUNK_ROWS) this.commitChunk();
      this.pending = this.play(n, this.pending);
      this.pendingStartMs = this.nextFinishMs;
      this.nextFinishMs += this.scaled(this.pending.cadenceMs);
    }
    this.commitChunk();
    return this.records.length - before;
  }

  private play(n: number, previous: P | null): P {
    const hash = this.hasher.hash(n);
    const script = this.timeline.script;
    if (script !== undefined && script.covers(this.info.slug, n)) {
      const playFrom = (candidate: string): P => this.playHash(candidate, previous);
      return script.choose(this.info.slug, n, hash, playFrom, (play) => ({ units: play.multiplierTenThousandths, raw: this.rules.rawJson(play, 0, 1) }));
    }
    return this.playHash(hash, previous);
  }

  private playHash(hash: string, previous: P | null): P {
    this.dice.reseed(hash);
    return this.rules.play(hash, this.dice, previous);
  }

  /** Whole ms, at least 1, so finish times stay integers and strictly increase at any speed. */
  private scaled(ms: number): number {
    return Math.max(1, Math.round(ms / this.timeline.speed));
  }

  private indexText(n: number): string {
    const low = this.indexLow + n;
    if (this.indexHighText === '0' || low >= INDEX_LOW_SPAN_NUMBER) return (this.info.indexBase + BigInt(n)).toString();
    return this.indexHighText + String(low).padStart(INDEX_LOW_DIGITS, '0');
  }

  private multiplierOf(tenThousandths: number): string {
    let text = this.multipliers.get(tenThousandths);
    if (text === undefined) {
      text = multiplierText(tenThousandths);
      if (this.multipliers.size < MULTIPLIER_CACHE_LIMIT) this.multipliers.set(tenThousandths, text);
    }
    return text;
  }

  /** Writes round n's row into the chunk and its finish time into the column. */
  private writeRow(n: number, play: P, finishMs: number): void {
    if (n >= this.finishMs.length) {
      const grown = new Float64Array(this.finishMs.length * 2);
      grown.set(this.finishMs);
      this.finishMs = grown;
    }
    this.finishMs[n] = finishMs;
    const multiplier = this.multiplierOf(play.multiplierTenThousandths);
    const observedMicros = finishMs * 1000 + Math.round(play.observedDelayMicros / this.timeline.speed);
    const observedAt = microsToIso(observedMicros);
    this.lastObservedAt = observedAt;
    const indexText = this.indexText(n);
    const row = finalizedRowJson(
      indexText,
      play.roundId,
      multiplier,
      play.randomNumber,
      this.finalizedText(finishMs),
      observedAt,
      this.rules.rawJson(play, finishMs, this.timeline.speed),
    );
    // Appending builds a tree that is flattened once, in commitChunk: cheaper than join().
    this.chunkText += row;
    this.chunkRows.push(row.length);
    this.chunkIdStarts.push(ROUND_ID_OFFSET + indexText.length);
    this.chunkIdLengths.push(play.roundId.length);
    this.chunkMultipliers.push(multiplier);
  }

  private commitChunk(): void {
    const lengths = this.chunkRows;
    if (lengths.length === 0) return;
    const first = this.records.length;
    const chunk = flatRowJson(this.chunkText);
    this.bytes.add(chunk, first, lengths);
    let offset = 0;
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i] as number;
      const idStart = offset + (this.chunkIdStarts[i] as number);
      // A chunk of one row is the row itself; slice() of the whole string returns it uncopied.
      this.records.push(
        new PlayedRound(
          this,
          first + i,
          chunk.slice(idStart, idStart + (this.chunkIdLengths[i] as number)),
          this.chunkMultipliers[i] as string,
          chunk.slice(offset, offset + length),
        ),
      );
      offset += length;
    }
    this.chunkText = '';
    lengths.length = 0;
    this.chunkIdStarts.length = 0;
    this.chunkIdLengths.length = 0;
    this.chunkMultipliers.length = 0;
  }
}
