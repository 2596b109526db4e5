import { MICROS_HOLE, MILLIS_HOLE, RowStretch, SECONDS_HOLE, textHole, timeFits } from './row-stretch';
import {
  asciiBytes,
  FIELD_BOUND,
  putAscii,
  putConstant,
  putDigits,
  putIsoMicros,
  putIsoMillis,
  putIsoSeconds,
  putMultiplier,
  putNumber,
  type RowWriter,
} from './row-writer';

// A finalized row's layout in bytes. Key order and text are the seed's:
// {"round_index":…,"round_id":"…","multiplier":"4.7100","random_number":null,"state":"finalized",
//  "time_spin_stop":"…","finalized_at":"…","observed_at":"…","raw":{…}}

const ROW_START = '{"round_index":';
const ROUND_ID_KEY = ',"round_id":"';
const MULTIPLIER_KEY = '","multiplier":"';
const RANDOM_NUMBER_KEY = '","random_number":';
const STATE_AND_SPIN_STOP = ',"state":"finalized","time_spin_stop":"';
const FINALIZED_AT_KEY = '","finalized_at":"';
const OBSERVED_AT_KEY = '","observed_at":"';
const RAW_KEY = '","raw":';
const ROW_END = 0x7d;

const ROW_START_BYTES = asciiBytes(ROW_START);
const ROUND_ID_KEY_BYTES = asciiBytes(ROUND_ID_KEY);
const MULTIPLIER_KEY_BYTES = asciiBytes(MULTIPLIER_KEY);
const RANDOM_NUMBER_KEY_BYTES = asciiBytes(RANDOM_NUMBER_KEY);
const NULL_BYTES = asciiBytes('null');
const STATE_AND_SPIN_STOP_BYTES = asciiBytes(STATE_AND_SPIN_STOP);
const FINALIZED_AT_KEY_BYTES = asciiBytes(FINALIZED_AT_KEY);
const OBSERVED_AT_KEY_BYTES = asciiBytes(OBSERVED_AT_KEY);
const RAW_KEY_BYTES = asciiBytes(RAW_KEY);

const HEAD_BOUND =
  ROW_START.length + ROUND_ID_KEY.length + MULTIPLIER_KEY.length + RANDOM_NUMBER_KEY.length + STATE_AND_SPIN_STOP.length +
  FINALIZED_AT_KEY.length + OBSERVED_AT_KEY.length + RAW_KEY.length + 6 * FIELD_BOUND;

const INDEX_LOW_DIGITS = 12;
const INDEX_LOW_SPAN = 10n ** BigInt(INDEX_LOW_DIGITS);
const INDEX_LOW_SPAN_NUMBER = Number(INDEX_LOW_SPAN);

/**
 * Writes one game's finalized rows up to raw's value (the game writes raw, then endRow).
 * round_index = base + n (past 2^53) is written without BigInt while its 12 low digits do not
 * carry; a row of the common shape (random_number null, ids of one width, 4-digit years) is
 * written through stretches (row-stretch.ts), any other piece by piece.
 */
export class RowHead {
  private readonly indexHigh: string | null;
  private readonly indexLow: number;
  /** `{"round_index":…,"round_id":"…","multiplier":"`, for ids of its width. */
  private start: RowStretch | null = null;
  /** The round whose index the start stretch holds (−2: none). */
  private startN = -2;
  /** `","random_number":null,…,"raw":`. */
  private readonly times: RowStretch;

  constructor(
    private readonly indexBase: bigint,
    private readonly precision: 'seconds' | 'millis',
  ) {
    const high = indexBase / INDEX_LOW_SPAN;
    this.indexHigh = high === 0n ? null : high.toString();
    this.indexLow = Number(indexBase % INDEX_LOW_SPAN);
    const finalized = precision === 'millis' ? MILLIS_HOLE : SECONDS_HOLE;
    this.times = new RowStretch([
      `${RANDOM_NUMBER_KEY}null${STATE_AND_SPIN_STOP}`,
      finalized,
      FINALIZED_AT_KEY,
      finalized,
      OBSERVED_AT_KEY,
      MICROS_HOLE,
      RAW_KEY,
    ]);
  }

  /** Round n's round_index as text. */
  indexText(n: number): string {
    return (this.indexBase + BigInt(n)).toString();
  }

  /** Row n up to raw's value; finalized_at is `finishMs` at the game's precision, observed_at `observedMicros`. */
  write(
    out: RowWriter,
    n: number,
    roundId: string,
    multiplierTenThousandths: number,
    randomNumber: number | null,
    finishMs: number,
    observedMicros: number,
  ): void {
    const bytes = out.reserve(HEAD_BOUND + roundId.length);
    const start = this.startFor(n, roundId);
    if (start !== null && randomNumber === null && this.timesFit(finishMs, observedMicros)) {
      // Rows are mostly written in order: the index in the stretch is then the last one plus one.
      if (n !== this.startN + 1 || !start.incrementDigits(0)) start.setDigits(0, this.indexLow + n);
      this.startN = n;
      start.setText(1, roundId);
      const at = putMultiplier(bytes, start.put(bytes, out.at), multiplierTenThousandths);
      const times = this.times;
      if (this.precision === 'millis') times.setMillis(0, finishMs);
      else times.setSeconds(0, finishMs);
      // finalized_at is time_spin_stop.
      times.copyHole(1, 0);
      times.setMicros(2, observedMicros);
      out.at = times.put(bytes, at);
      return;
    }
    let at = putConstant(bytes, out.at, ROW_START_BYTES);
    at = this.putIndex(bytes, at, n);
    at = putConstant(bytes, at, ROUND_ID_KEY_BYTES);
    at = putAscii(bytes, at, roundId);
    at = putConstant(bytes, at, MULTIPLIER_KEY_BYTES);
    at = putMultiplier(bytes, at, multiplierTenThousandths);
    at = putConstant(bytes, at, RANDOM_NUMBER_KEY_BYTES);
    at = randomNumber === null ? putConstant(bytes, at, NULL_BYTES) : putNumber(bytes, at, randomNumber);
    at = putConstant(bytes, at, STATE_AND_SPIN_STOP_BYTES);
    at = this.putFinalizedAt(bytes, at, finishMs);
    at = putConstant(bytes, at, FINALIZED_AT_KEY_BYTES);
    at = this.putFinalizedAt(bytes, at, finishMs);
    at = putConstant(bytes, at, OBSERVED_AT_KEY_BYTES);
    at = putIsoMicros(bytes, at, observedMicros);
    out.at = putConstant(bytes, at, RAW_KEY_BYTES);
  }

  /** The start stretch, if round n's index does not carry and its id has the stretch's width. */
  private startFor(n: number, roundId: string): RowStretch | null {
    if (this.indexHigh === null || this.indexLow + n >= INDEX_LOW_SPAN_NUMBER) return null;
    // Built for the first id's width: a game's ids all have one.
    this.start ??= new RowStretch([
      `${ROW_START}${this.indexHigh}`,
      textHole(INDEX_LOW_DIGITS),
      ROUND_ID_KEY,
      textHole(roundId.length),
      MULTIPLIER_KEY,
    ]);
    return this.start.width(1) === roundId.length ? this.start : null;
  }

  private timesFit(finishMs: number, observedMicros: number): boolean {
    return (
      timeFits(finishMs) &&
      (this.precision === 'seconds' || Number.isSafeInteger(finishMs)) &&
      Number.isSafeInteger(observedMicros) &&
      timeFits(observedMicros / 1000)
    );
  }

  private putIndex(bytes: Uint8Array, at: number, n: number): number {
    const low = this.indexLow + n;
    if (this.indexHigh === null || low >= INDEX_LOW_SPAN_NUMBER) return putAscii(bytes, at, this.indexText(n));
    return putDigits(bytes, putAscii(bytes, at, this.indexHigh), low, INDEX_LOW_DIGITS);
  }

  private putFinalizedAt(bytes: Uint8Array, at: number, finishMs: number): number {
    return this.precision === 'millis' ? putIsoMillis(bytes, at, finishMs) : putIsoSeconds(bytes, at, finishMs);
  }
}

/** Closes a row after its raw value. */
export function endRow(out: RowWriter): void {
  out.reserve(1)[out.at++] = ROW_END;
}

/** A finalized row's round_id, read from its bytes (`row` starts at `start`): ids hold no quote. */
export function roundIdOf(row: Buffer, start: number): string {
  let at = start + ROW_START.length;
  while (row[at] !== 0x2c) at++; // the comma after round_index's digits
  const idStart = at + ROUND_ID_KEY.length;
  let idEnd = idStart;
  while (row[idEnd] !== 0x22) idEnd++;
  return row.toString('latin1', idStart, idEnd);
}
