import { RowStretch, SECONDS_HOLE, textHole, timeFits } from '../row-stretch';
import { asciiBytes, FIELD_BOUND, putAscii, putConstant, putFloat, putIsoSeconds, putNumber, putShort, RowWriter, ShortAscii } from '../row-writer';

// A crash round's `raw` payload, written into the row's bytes (row-writer.ts).

/** What the payload shows of a crash round's play. */
export interface CrashRawFields {
  readonly roundId: string;
  readonly multiplierTenThousandths: number;
  readonly gameHashHex: string;
  readonly crashHundredths: number;
  readonly flightMs: number;
  readonly bettorsCount: number;
  readonly totalWinners: number;
  readonly totalBetCents: number;
  readonly totalAmountCents: number;
}

/** raw.result.maxMultiplier as JSON text, for games where it is not the row's multiplier (CrashFormula). */
export type MaxMultiplierJson = (gameHashHex: string, tenThousandths: number) => string;

const RESULT_RTP = new ShortAscii('{"result":{"rtp":');
const MAX_MULTIPLIER = new ShortAscii(',"maxMultiplier":');
const ROUND_DURATION = new ShortAscii(',"roundDuration":');
const SOURCE_ROUND_ID = '.0},"source":"casino.org","round_id":"';
const SETTLED_AT = '","settledAt":"';
const STARTED_AT = '","startedAt":"';
const TOTAL_AMOUNT = '","totalAmount":';
const BETTORS_COUNT = new ShortAscii(',"bettorsCount":');
const TOTAL_WINNERS = new ShortAscii(',"totalWinners":');
const TOTAL_BET_AMOUNT = new ShortAscii(',"totalBetAmount":');
const RAW_BOUND =
  [RESULT_RTP, MAX_MULTIPLIER, ROUND_DURATION, BETTORS_COUNT, TOTAL_WINNERS, TOTAL_BET_AMOUNT].reduce((sum, key) => sum + key.bytes.length, 1) +
  [SOURCE_ROUND_ID, SETTLED_AT, STARTED_AT, TOTAL_AMOUNT].reduce((sum, key) => sum + key.length, 0) +
  9 * FIELD_BOUND;

/** Where crashRawJson writes before handing the text out. */
const rawText = new RowWriter(1024);

/** From roundDuration's `.0` to totalAmount's value, for the 24-character ids every crash game has. */
const idAndTimes = new RowStretch([SOURCE_ROUND_ID, textHole(24), SETTLED_AT, SECONDS_HOLE, STARTED_AT, SECONDS_HOLE, TOTAL_AMOUNT]);
const SOURCE_ROUND_ID_BYTES = asciiBytes(SOURCE_ROUND_ID);
const SETTLED_AT_BYTES = asciiBytes(SETTLED_AT);
const STARTED_AT_BYTES = asciiBytes(STARTED_AT);
const TOTAL_AMOUNT_BYTES = asciiBytes(TOTAL_AMOUNT);

/**
 * The raw payload, in the seed's key order: `{"result":{"rtp":98.8,"maxMultiplier":4.71,
 * "roundDuration":25825.0},"source":"casino.org","round_id":"…","settledAt":"…","startedAt":"…",
 * "totalAmount":196.23,"bettorsCount":212,"totalWinners":97,"totalBetAmount":198.5}`.
 */
export function writeCrashRaw(
  play: CrashRawFields,
  finishMs: number,
  speed: number,
  out: RowWriter,
  rawMaxMultiplier: MaxMultiplierJson | undefined,
): void {
  const rtpHundredths = play.totalBetCents > 0 ? Math.round((play.totalAmountCents * 10_000) / play.totalBetCents) : 0;
  const maxMultiplier = rawMaxMultiplier === undefined ? null : rawMaxMultiplier(play.gameHashHex, play.multiplierTenThousandths);
  const startedMs = finishMs - play.flightMs / speed;
  const bytes = out.reserve(RAW_BOUND + play.roundId.length + (maxMultiplier?.length ?? 0));
  let at = putShort(bytes, out.at, RESULT_RTP);
  at = putFloat(bytes, at, rtpHundredths);
  at = putShort(bytes, at, MAX_MULTIPLIER);
  at = maxMultiplier === null ? putFloat(bytes, at, play.crashHundredths) : putAscii(bytes, at, maxMultiplier);
  at = putShort(bytes, at, ROUND_DURATION);
  at = putNumber(bytes, at, play.flightMs);
  if (play.roundId.length === idAndTimes.width(0) && timeFits(finishMs) && timeFits(startedMs)) {
    idAndTimes.setText(0, play.roundId);
    idAndTimes.setSeconds(1, finishMs);
    idAndTimes.setSeconds(2, startedMs);
    at = idAndTimes.put(bytes, at);
  } else {
    at = putConstant(bytes, at, SOURCE_ROUND_ID_BYTES);
    at = putAscii(bytes, at, play.roundId);
    at = putConstant(bytes, at, SETTLED_AT_BYTES);
    at = putIsoSeconds(bytes, at, finishMs);
    at = putConstant(bytes, at, STARTED_AT_BYTES);
    at = putIsoSeconds(bytes, at, startedMs);
    at = putConstant(bytes, at, TOTAL_AMOUNT_BYTES);
  }
  at = putFloat(bytes, at, play.totalAmountCents);
  at = putShort(bytes, at, BETTORS_COUNT);
  at = putNumber(bytes, at, play.bettorsCount);
  at = putShort(bytes, at, TOTAL_WINNERS);
  at = putNumber(bytes, at, play.totalWinners);
  at = putShort(bytes, at, TOTAL_BET_AMOUNT);
  at = putFloat(bytes, at, play.totalBetCents);
  bytes[at] = 0x7d;
  out.at = at + 1;
}

/** The same payload as text (outcome scripts read it). */
export function crashRawJson(play: CrashRawFields, finishMs: number, speed: number, rawMaxMultiplier: MaxMultiplierJson | undefined): string {
  writeCrashRaw(play, finishMs, speed, rawText, rawMaxMultiplier);
  return rawText.takeText();
}
