import { hash } from 'node:crypto';
import { gameInfo } from '../../shared/games';
import { isoSeconds } from '../../shared/time';
import type { RoundDice } from '../round-hash';
import { floatText } from '../row';
import { defineGame, type RoundPlay } from './game';

// Stake Crash, game-math.md §1: int = first 32 bits of HMAC-SHA256(key = game hash, msg = salt),
// M = max(1, 2^32/(int+1) × 0.99) floored to 0.01.

/**
 * Stake salts with the hash of BTC block 584,500, which our notes keep only truncated; any fixed
 * value gives the same distribution, so the sandbox uses its own.
 */
export const SANDBOX_SALT = 'roundlog-sandbox-salt-v1';

/** The curve grows as e^(0.00006·t): 4.71× then flies ~25.8 s, the seed's roundDuration. */
const GROWTH_PER_MS = 0.00006;

const NUMERATOR = 99 * 2 ** 32; // 425,201,762,304: exact as a double, as is every product below

/** Crash point in hundredths for the 32-bit HMAC prefix `int`: floor(99·2^32/(int+1)), at least 100. */
export function crashHundredths(int: number): number {
  const divisor = int + 1;
  let quotient = Math.floor(NUMERATOR / divisor);
  // Guards against the float quotient rounding up across an integer; the product is exact.
  if (quotient * divisor > NUMERATOR) quotient -= 1;
  return Math.max(100, quotient);
}

// HMAC (RFC 2104) spelled out over two reused buffers: createHmac builds a stream object per
// call, which at a million rounds costs more than all the rest of a round.
const SHA256_BLOCK_BYTES = 64;
const innerBlock = Buffer.alloc(SHA256_BLOCK_BYTES + Buffer.byteLength(SANDBOX_SALT));
innerBlock.write(SANDBOX_SALT, SHA256_BLOCK_BYTES);
const outerBlock = Buffer.alloc(SHA256_BLOCK_BYTES + 32);

/**
 * First 32 bits of HMAC-SHA256(key = game hash, msg = salt). The key is the hash's 64 hex
 * characters, as in Stake's verifier: exactly one SHA-256 block, so it needs no padding.
 */
export function crashInt(gameHashHex: string): number {
  for (let i = 0; i < SHA256_BLOCK_BYTES; i++) {
    const keyByte = gameHashHex.charCodeAt(i);
    innerBlock[i] = keyByte ^ 0x36;
    outerBlock[i] = keyByte ^ 0x5c;
  }
  // Digests come back as 'binary' (latin1) text, one char per byte: cheaper than allocating Buffers.
  outerBlock.write(hash('sha256', innerBlock, 'binary'), SHA256_BLOCK_BYTES, 'latin1');
  const digest = hash('sha256', outerBlock, 'binary');
  return (
    ((digest.charCodeAt(0) << 24) | (digest.charCodeAt(1) << 16) | (digest.charCodeAt(2) << 8) | digest.charCodeAt(3)) >>> 0
  );
}

/** The round's bets as upstream reports them: totals only. */
interface Bets {
  readonly bettorsCount: number;
  readonly totalWinners: number;
  readonly totalBetCents: number;
  readonly totalAmountCents: number;
}

interface CrashPlay extends RoundPlay {
  readonly flightMs: number;
  readonly bets: Bets;
}

// Per-bettor draws are looked up by 12-bit ticket in tables small enough to stay in cache: a
// round has hundreds of bettors and a long history millions of rounds.
const TICKETS = 4096;
const STAKE_CENTS = new Uint16Array(TICKETS);
const TARGET_HUNDREDTHS = new Uint32Array(TICKETS);
const HIGHEST_TARGET = 99 * TICKETS;
for (let ticket = 0; ticket < TICKETS; ticket++) {
  const share = ticket / TICKETS;
  STAKE_CENTS[ticket] = 10 + Math.floor(10_000 * share * share * share * share);
  TARGET_HUNDREDTHS[ticket] = Math.max(101, Math.floor(HIGHEST_TARGET / (ticket + 1)));
}

/**
 * UNVERIFIED bettor model (upstream publishes only the totals): 120-420 bettors; stakes from
 * $0.10 with a long tail to ~$100; each bettor's cash-out target follows the game's own law,
 * P(target ≥ x) = 0.99/x, from 1.01× up to ~4000×. A bettor wins when the target is at or below
 * the crash point and is paid stake × target. This gives the seed's proportions (4.71× → ~80%
 * winners).
 */
function playBets(dice: RoundDice, crashHundredthsValue: number): Bets {
  const bettorsCount = dice.between(120, 420);
  // Past the highest target everyone wins; capping keeps the difference below in int32 range.
  const reach = Math.min(crashHundredthsValue, HIGHEST_TARGET);
  let totalWinners = 0;
  let totalBetCents = 0;
  let paidCentHundredths = 0;
  for (let i = 0; i < bettorsCount; i++) {
    // One draw per bettor: the top 12 bits size the stake, the bottom 12 pick the target.
    const bits = dice.uint32();
    const betCents = STAKE_CENTS[bits >>> 20] as number;
    const targetHundredths = TARGET_HUNDREDTHS[bits & 0xfff] as number;
    // 1 when target <= crash point, else 0, without a branch: a coin-flip branch mispredicts
    // half the time and doubled the cost of this loop.
    const won = ((reach - targetHundredths) >> 31) + 1;
    totalWinners += won;
    totalBetCents += betCents;
    paidCentHundredths += won * betCents * targetHundredths;
  }
  return { bettorsCount, totalWinners, totalBetCents, totalAmountCents: Math.floor(paidCentHundredths / 100) };
}

export const stakeCrash = defineGame<CrashPlay>({
  info: {
    ...gameInfo('stake-crash'),
    indexBase: 7_393_228_772_258_000_000n,
    runningState: 'running',
  },

  play(hashHex, dice) {
    const multiplierHundredths = crashHundredths(crashInt(hashHex));
    const flightMs = Math.round(Math.log(multiplierHundredths / 100) / GROWTH_PER_MS);
    const bettingMs = dice.between(6_000, 9_000);
    return {
      roundId: hashHex.slice(40),
      multiplierHundredths,
      randomNumber: null,
      cadenceMs: bettingMs + flightMs,
      observedDelayMicros: dice.between(300_000, 2_000_000),
      flightMs,
      bets: playBets(dice, multiplierHundredths),
    };
  },

  rawJson(play, finishMs, speed) {
    const bets = play.bets;
    const rtpHundredths = bets.totalBetCents > 0 ? Math.round((bets.totalAmountCents * 10_000) / bets.totalBetCents) : 0;
    return (
      `{"result":{"rtp":${floatText(rtpHundredths)},"maxMultiplier":${floatText(play.multiplierHundredths)},` +
      `"roundDuration":${play.flightMs}.0},"source":"casino.org","round_id":"${play.roundId}",` +
      `"settledAt":"${isoSeconds(finishMs)}","startedAt":"${isoSeconds(finishMs - play.flightMs / speed)}",` +
      `"totalAmount":${floatText(bets.totalAmountCents)},"bettorsCount":${bets.bettorsCount},` +
      `"totalWinners":${bets.totalWinners},"totalBetAmount":${floatText(bets.totalBetCents)}}`
    );
  },
});
