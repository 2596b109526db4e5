import type { HexKeyHmac } from '../hex-key-hmac';
import { crashRawJson, writeCrashRaw, type CrashRawFields } from './crash-raw';
import { CrowdAhead, crowdBets, drawBettingMs, drawRound, RoundDraws } from './crowd';
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
  /**
   * For a crash point that is stakeStyleHundredths(int, percent) of the HMAC's first 32 bits
   * `int` (or of their complement 2^32 − 1 − int): the hash-ahead worker then draws the crowd too.
   */
  readonly stakeStyle?: { readonly percent: number; readonly complement: boolean };
}

interface CrashPlay extends RoundPlay, CrashRawFields {}

/** Where a round's draws go when no worker drew them: reused, so a round allocates nothing for them. */
const drawn = new RoundDraws();

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

/** A crash game: its formula, the crowd of crowd.ts, and the raw payload of crash-raw.ts. */
export function defineCrashGame(formula: CrashFormula): Game {
  const rawMaxMultiplier = formula.maxMultiplierJson;
  const stakeStyle = formula.stakeStyle;
  const ahead = stakeStyle === undefined ? undefined : new CrowdAhead(stakeStyle.percent, stakeStyle.complement);
  const flightMsOf = (tenThousandths: number): number => formula.spinMs ?? Math.round(Math.log(tenThousandths / 10_000) / GROWTH_PER_MS);
  return defineGame<CrashPlay>({
    info: formula.info,
    hmac: formula.hmac,
    ...(ahead !== undefined ? { ahead } : {}),

    play(hashHex, dice) {
      const tenThousandths = formula.crashTenThousandths(hashHex);
      const crashHundredths = Math.floor(tenThousandths / 100);
      const flightMs = flightMsOf(tenThousandths);
      let draws = ahead?.drawsFor(hashHex) ?? null;
      if (draws === null) {
        drawRound(dice, crashHundredths, drawn);
        draws = drawn;
      }
      return {
        roundId: hashHex.slice(40),
        multiplierTenThousandths: tenThousandths,
        randomNumber: null,
        cadenceMs: draws.bettingMs + flightMs,
        observedDelayMicros: draws.observedDelayMicros,
        gameHashHex: hashHex,
        crashHundredths,
        flightMs,
        bettorsCount: draws.bettorsCount,
        totalWinners: draws.winners,
        totalBetCents: draws.betCents,
        totalAmountCents: draws.amountCents,
      };
    },

    cadenceMs(hashHex, dice) {
      return drawBettingMs(dice) + flightMsOf(formula.crashTenThousandths(hashHex));
    },

    bets(play, dice) {
      return crowdBets(play.gameHashHex, play.crashHundredths, dice);
    },

    writeRaw(play, finishMs, speed, out) {
      writeCrashRaw(play, finishMs, speed, out, rawMaxMultiplier);
    },

    rawJson(play, finishMs, speed) {
      return crashRawJson(play, finishMs, speed, rawMaxMultiplier);
    },
  });
}
