import type { HexKeyHmac } from '../hex-key-hmac';
import type { SeededDice } from '../round-hash';
import { crashRawJson, writeCrashRaw, type CrashRawFields } from './crash-raw';
import { defineGame, type Game, type GameInfo, type RoundPlay } from './game';

// What every crash game shares (game-math.md §1): a crash point decided by the round hash, a
// betting phase then a flight along e^(0.00006·t), and a crowd of bettors whose bets the row's
// raw totals sum. Each crash game is its formula plus its catalog entry.

/** The curve grows as e^(0.00006·t): 4.71× then flies ~25.8 s, the seed's roundDuration. */
const GROWTH_PER_MS = 0.00006;

export interface CrashFormula {
  readonly info: GameInfo;
  /** The HMAC that decides the round from its game hash (crashTenThousandths reads it). */
  readonly hmac: HexKeyHmac;
  /** The row's multiplier in ten-thousandths, from the round's game hash (64 hex digits). */
  crashTenThousandths(gameHashHex: string): number;
  /**
   * raw.result.maxMultiplier as JSON text, when it differs from the row's multiplier (Duel
   * reports the unfloored value). Default: the multiplier itself.
   */
  maxMultiplierJson?(gameHashHex: string, tenThousandths: number): string;
  /** A fixed spin time (Slide) instead of the curve's ln(M)/0.00006 flight. */
  readonly spinMs?: number;
}

/**
 * floor(edgeFactor·2^32/(int+1)) in hundredths, at least 100: the Stake-style formula with
 * `percent` = 100 − edge% (99 for a 1% edge). Exact: the product is checked in integers.
 */
export function stakeStyleHundredths(int: number, percent: number): number {
  const numerator = percent * 2 ** 32;
  const divisor = int + 1;
  let quotient = Math.floor(numerator / divisor);
  // Guards against the float quotient rounding up across an integer; the product is exact.
  if (quotient * divisor > numerator) quotient -= 1;
  return Math.max(100, quotient);
}

// ---- The crowd -------------------------------------------------------------------------------

// Per-bettor draws are looked up by ticket in tables small enough to stay in cache: a round has
// hundreds of bettors and a long history millions of rounds. A bettor is 16 bits, so one 32-bit
// draw seats two: the top 6 size the stake, the low 10 pick the cash-out target. Currencies are
// drawn after the whole crowd, only when the bets themselves are asked for.
const STAKE_LEVELS = 64;
const TICKETS = 1024;
const STAKE_CENTS = new Uint16Array(STAKE_LEVELS);
const TARGET_HUNDREDTHS = new Uint32Array(TICKETS);
const HIGHEST_TARGET = 99 * TICKETS;
for (let level = 0; level < STAKE_LEVELS; level++) {
  const share = level / STAKE_LEVELS;
  STAKE_CENTS[level] = 10 + Math.floor(10_000 * share * share * share * share);
}
for (let ticket = 0; ticket < TICKETS; ticket++) {
  // P(target ≥ x) = floor(99·1024/(100x))/1024 ≈ 0.99/x, from 1.01× up to ~1,000×.
  TARGET_HUNDREDTHS[ticket] = Math.max(101, Math.floor(HIGHEST_TARGET / (ticket + 1)));
}
/** A winning bettor's payout in cents by 16-bit bettor: a read where a division was per bettor. */
const WIN_CENTS = new Uint32Array(STAKE_LEVELS * TICKETS);
for (let bettor = 0; bettor < WIN_CENTS.length; bettor++) {
  WIN_CENTS[bettor] = payoutCents(STAKE_CENTS[bettor >>> 10] as number, TARGET_HUNDREDTHS[bettor & 0x3ff] as number, Infinity);
}

/** UNVERIFIED balance-type mix (out of 256): stablecoin-heavy, as crypto casinos report volume. */
export const CURRENCY_WEIGHTS: readonly (readonly [currency: string, weight: number])[] = [
  ['usdt', 140],
  ['btc', 38],
  ['eth', 31],
  ['ltc', 20],
  ['trx', 27],
];
const CURRENCY_BY_BYTE: string[] = CURRENCY_WEIGHTS.flatMap(([currency, weight]) => Array<string>(weight).fill(currency));

const MIN_BETTORS = 120;
const MAX_BETTORS = 420;

interface CrashPlay extends RoundPlay, CrashRawFields {}

/**
 * The draws every round makes before its bets, in order; `bets()` replays them to reach the
 * same bets. Results land in `frame`, reused, so a round allocates nothing for them.
 */
const frame = { bettingMs: 0, observedDelayMicros: 0, bettorsCount: 0 };
function drawFrame(dice: SeededDice): void {
  frame.bettingMs = dice.between(6_000, 9_000);
  frame.observedDelayMicros = dice.between(300_000, 2_000_000);
  frame.bettorsCount = dice.between(MIN_BETTORS, MAX_BETTORS);
}

/** The crowd's totals, written by tallyCrowd: reused, so a round allocates nothing for them. */
const tally = { winners: 0, betCents: 0, amountCents: 0 };

/** The crowd's draws, two bettors a draw (an odd crowd seats the last alone): reused per round. */
const crowdDraws = new Uint32Array(MAX_BETTORS);

/** Both stakes of a draw's pair of bettors, by their two 6-bit stake levels: one read for two. */
const PAIR_STAKE_CENTS = new Uint16Array(STAKE_LEVELS * STAKE_LEVELS);
for (let levels = 0; levels < PAIR_STAKE_CENTS.length; levels++) {
  PAIR_STAKE_CENTS[levels] = (STAKE_CENTS[levels & 0x3f] as number) + (STAKE_CENTS[levels >>> 6] as number);
}

/**
 * The lowest ticket whose target is at or below `reach`, TICKETS if none: targets fall as
 * tickets rise, so a bettor wins exactly when their ticket is at least this one.
 */
function firstWinningTicket(reach: number): number {
  let low = 0;
  let high = TICKETS;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((TARGET_HUNDREDTHS[middle] as number) <= reach) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Sums the round's bets, drawn as bets() draws them, without materialising one. */
function tallyCrowd(dice: SeededDice, bettorsCount: number, crashHundredths: number): void {
  let winners = 0;
  let betCents = 0;
  let amountCents = 0;
  const firstWinning = firstWinningTicket(crashHundredths);
  const pairs = bettorsCount >>> 1;
  dice.fill(crowdDraws, pairs + (bettorsCount & 1));
  for (let pair = 0; pair < pairs; pair++) {
    const bits = crowdDraws[pair] as number;
    const first = bits & 0xffff;
    const second = bits >>> 16;
    // 1 when the ticket wins, else 0, without a branch: a coin-flip branch mispredicts half the
    // time and doubled the cost of this loop.
    const firstWon = (((first & 0x3ff) - firstWinning) >> 31) + 1;
    const secondWon = (((second & 0x3ff) - firstWinning) >> 31) + 1;
    winners += firstWon + secondWon;
    betCents += PAIR_STAKE_CENTS[((bits >>> 10) & 0x3f) | ((bits >>> 26) << 6)] as number;
    amountCents += firstWon * (WIN_CENTS[first] as number) + secondWon * (WIN_CENTS[second] as number);
  }
  if ((bettorsCount & 1) === 1) {
    const last = (crowdDraws[pairs] as number) & 0xffff;
    const won = (((last & 0x3ff) - firstWinning) >> 31) + 1;
    winners += won;
    betCents += STAKE_CENTS[last >>> 10] as number;
    amountCents += won * (WIN_CENTS[last] as number);
  }
  tally.winners = winners;
  tally.betCents = betCents;
  tally.amountCents = amountCents;
}

/** Payout of one bet in cents: stake × target when the target is at or below the crash point. */
function payoutCents(betCents: number, targetHundredths: number, crashHundredths: number): number {
  return targetHundredths <= crashHundredths ? Math.floor((betCents * targetHundredths) / 100) : 0;
}

/**
 * UNVERIFIED bettor model (upstream publishes only totals and a bet snapshot): 120-420 bettors;
 * stakes from $0.10 with a long tail to ~$100 (USD equivalent, whatever the balance type); each
 * cash-out target follows P(target ≥ x) ≈ 0.99/x. A bet wins when its target is at or below the
 * crash point and is paid stake × target. The bets reported are the whole crowd, so the raw
 * totals are exactly their sums.
 */
export function defineCrashGame(formula: CrashFormula): Game {
  const rawMaxMultiplier = formula.maxMultiplierJson;
  return defineGame<CrashPlay>({
    info: formula.info,
    hmac: formula.hmac,

    play(hashHex, dice) {
      const tenThousandths = formula.crashTenThousandths(hashHex);
      const crashHundredths = Math.floor(tenThousandths / 100);
      const flightMs = formula.spinMs ?? Math.round(Math.log(tenThousandths / 10_000) / GROWTH_PER_MS);
      drawFrame(dice);
      const bettorsCount = frame.bettorsCount;
      tallyCrowd(dice, bettorsCount, crashHundredths);
      return {
        roundId: hashHex.slice(40),
        multiplierTenThousandths: tenThousandths,
        randomNumber: null,
        cadenceMs: frame.bettingMs + flightMs,
        observedDelayMicros: frame.observedDelayMicros,
        gameHashHex: hashHex,
        crashHundredths,
        flightMs,
        bettorsCount,
        totalWinners: tally.winners,
        totalBetCents: tally.betCents,
        totalAmountCents: tally.amountCents,
      };
    },

    bets(play, dice) {
      dice.reseed(play.gameHashHex);
      drawFrame(dice);
      const tickets: number[] = [];
      while (tickets.length < play.bettorsCount) {
        const bits = dice.uint32();
        tickets.push(bits & 0xffff);
        if (tickets.length < play.bettorsCount) tickets.push(bits >>> 16);
      }
      let currencyBits = 0;
      return tickets.map((ticket, i) => {
        if (i % 4 === 0) currencyBits = dice.uint32();
        const amountCents = STAKE_CENTS[ticket >>> 10] as number;
        const targetHundredths = TARGET_HUNDREDTHS[ticket & 0x3ff] as number;
        return {
          amountCents,
          currency: CURRENCY_BY_BYTE[(currencyBits >>> ((i % 4) * 8)) & 0xff] as string,
          targetHundredths,
          payoutCents: payoutCents(amountCents, targetHundredths, play.crashHundredths),
        };
      });
    },

    writeRaw(play, finishMs, speed, out) {
      writeCrashRaw(play, finishMs, speed, out, rawMaxMultiplier);
    },

    rawJson(play, finishMs, speed) {
      return crashRawJson(play, finishMs, speed, rawMaxMultiplier);
    },
  });
}
