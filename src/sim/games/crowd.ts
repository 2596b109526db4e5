import type { SeededDice } from '../round-hash';
import type { PlayAhead } from '../hash-ahead';
import type { SimBet } from './game';

// The draws a crash round makes besides its crash point: its betting time, its observation delay
// and its crowd of bettors, whose bets the row's raw totals sum. A long history draws them on the
// hash-ahead worker too (CrowdAhead), where the round's crash point is Stake-style.

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
/** Both stakes of a draw's pair of bettors, by their two 6-bit stake levels: one read for two. */
const PAIR_STAKE_CENTS = new Uint16Array(STAKE_LEVELS * STAKE_LEVELS);
for (let levels = 0; levels < PAIR_STAKE_CENTS.length; levels++) {
  PAIR_STAKE_CENTS[levels] = (STAKE_CENTS[levels & 0x3f] as number) + (STAKE_CENTS[levels >>> 6] as number);
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

/** The ranges drawn in order before the crowd: betting ms, observation delay µs, bettors. */
const FRAME_RANGES = [6_000, 9_000, 300_000, 2_000_000, 120, 420] as const;
const MAX_BETTORS = FRAME_RANGES[5];
// CrowdAhead packs a round's draws in bit fields these ranges must fit.
if (FRAME_RANGES[1] >= 2 ** 14 || FRAME_RANGES[3] >= 2 ** 21 || MAX_BETTORS >= 2 ** 9) throw new Error('crowd: a draw outgrows its packed field');

/** What a round draws besides its crash point: reused, so a round allocates nothing for it. */
export class RoundDraws {
  bettingMs = 0;
  observedDelayMicros = 0;
  bettorsCount = 0;
  winners = 0;
  betCents = 0;
  amountCents = 0;
}

/** The betting time, a round's first draw: all its cadence needs of the dice. */
export function drawBettingMs(dice: SeededDice): number {
  return dice.between(FRAME_RANGES[0], FRAME_RANGES[1]);
}

/** The draws every round makes before its bets, in order; `crowdBets()` replays them to reach the same bets. */
function drawFrame(dice: SeededDice, into: RoundDraws): void {
  into.bettingMs = drawBettingMs(dice);
  into.observedDelayMicros = dice.between(FRAME_RANGES[2], FRAME_RANGES[3]);
  into.bettorsCount = dice.between(FRAME_RANGES[4], FRAME_RANGES[5]);
}

/** The crowd's draws, two bettors a draw (an odd crowd seats the last alone): reused per round. */
const crowdDraws = new Uint32Array(MAX_BETTORS);

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

/** Draws the round's frame and sums its crowd's bets, drawn as crowdBets() draws them, without materialising one. */
export function drawRound(dice: SeededDice, crashHundredths: number, into: RoundDraws): void {
  drawFrame(dice, into);
  const bettorsCount = into.bettorsCount;
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
  into.winners = winners;
  into.betCents = betCents;
  into.amountCents = amountCents;
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
export function crowdBets(gameHashHex: string, crashHundredths: number, dice: SeededDice): SimBet[] {
  dice.reseed(gameHashHex);
  const frame = new RoundDraws();
  drawFrame(dice, frame);
  const tickets: number[] = [];
  while (tickets.length < frame.bettorsCount) {
    const bits = dice.uint32();
    tickets.push(bits & 0xffff);
    if (tickets.length < frame.bettorsCount) tickets.push(bits >>> 16);
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
      payoutCents: payoutCents(amountCents, targetHundredths, crashHundredths),
    };
  });
}

/**
 * drawRound on the hash-ahead worker, for games whose crash point is stakeStyleHundredths(int,
 * percent) of the HMAC's first 32 bits `int` (or of 2^32 − 1 − int): the worker has the digest.
 * It repeats SeededDice's draws, stakeStyleHundredths and drawRound; test/sim/hash-ahead.test.ts
 * holds them equal. A round's draws go in 4 words: delay | bettors << 21, betting ms | winners
 * << 14, bet cents, amount cents (< 2^32, as an int32).
 */
const WORKER_SOURCE = `(function (data) {
  const { percent, complement, ranges, target, stake, pairStake, win } = data;
  const draws = new Uint32Array(ranges[5]);
  const state = new Int32Array(4);
  function uint32() {
    const a = state[0], b = state[1], c = state[2], d = state[3];
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }
  function remainder(value, n) {
    return value - Math.floor(value / n) * n;
  }
  function between(min, max) {
    const n = max - min + 1;
    const limit = 4294967296 - remainder(4294967296, n);
    let value = uint32();
    while (value >= limit) value = uint32();
    return min + remainder(value, n);
  }
  return function (s0, s1, s2, s3, int, words, at) {
    // Locals, not the closure's bindings: those are read from its context at each use.
    const draws_ = draws, target_ = target, pairStake_ = pairStake, win_ = win;
    state[0] = s0; state[1] = s1; state[2] = s2; state[3] = s3;
    const bettingMs = between(ranges[0], ranges[1]);
    const delay = between(ranges[2], ranges[3]);
    const bettors = between(ranges[4], ranges[5]);
    const numerator = percent * 4294967296;
    const divisor = (complement ? 4294967295 - int : int) + 1;
    let crash = Math.floor(numerator / divisor);
    if (crash * divisor > numerator) crash -= 1;
    if (crash < 100) crash = 100;
    let low = 0;
    let high = target_.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (target_[middle] <= crash) high = middle;
      else low = middle + 1;
    }
    const pairs = bettors >>> 1;
    const count = pairs + (bettors & 1);
    let a = state[0], b = state[1], c = state[2], d = state[3];
    for (let i = 0; i < count; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      draws_[i] = t >>> 0;
    }
    let winners = 0, betCents = 0, amountCents = 0;
    for (let pair = 0; pair < pairs; pair++) {
      const bits = draws_[pair];
      const first = bits & 0xffff;
      const second = bits >>> 16;
      const firstWon = (((first & 0x3ff) - low) >> 31) + 1;
      const secondWon = (((second & 0x3ff) - low) >> 31) + 1;
      winners += firstWon + secondWon;
      betCents += pairStake_[((bits >>> 10) & 0x3f) | ((bits >>> 26) << 6)];
      amountCents += firstWon * win_[first] + secondWon * win_[second];
    }
    if ((bettors & 1) === 1) {
      const last = draws_[pairs] & 0xffff;
      const won = (((last & 0x3ff) - low) >> 31) + 1;
      winners += won;
      betCents += stake[last >>> 10];
      amountCents += won * win_[last];
    }
    words[at] = delay | (bettors << 21);
    words[at + 1] = bettingMs | (winners << 14);
    words[at + 2] = betCents;
    words[at + 3] = amountCents | 0;
  };
})`;

/**
 * Rounds' draws as the hash-ahead worker drew them, handed to the play of the round's hash: a
 * crowd is a quarter of a long history's work, and the worker has the HMAC that decides it.
 */
export class CrowdAhead implements PlayAhead {
  readonly source = WORKER_SOURCE;
  readonly data: unknown;
  private key: string | null = null;
  private readonly primed = new RoundDraws();

  /** For crash points stakeStyleHundredths(complement ? 2^32 − 1 − int : int, percent). */
  constructor(percent: number, complement: boolean) {
    this.data = {
      percent,
      complement,
      ranges: FRAME_RANGES,
      target: TARGET_HUNDREDTHS,
      stake: STAKE_CENTS,
      pairStake: PAIR_STAKE_CENTS,
      win: WIN_CENTS,
    };
  }

  prime(hashHex: string, words: Int32Array, at: number): void {
    const primed = this.primed;
    const framing = words[at] as number;
    const betting = words[at + 1] as number;
    primed.observedDelayMicros = framing & 0x1f_ffff;
    primed.bettorsCount = framing >>> 21;
    primed.bettingMs = betting & 0x3fff;
    primed.winners = betting >>> 14;
    primed.betCents = words[at + 2] as number;
    primed.amountCents = (words[at + 3] as number) >>> 0;
    this.key = hashHex;
  }

  /** The draws primed for `hashHex` (valid until the next prime), or null. */
  drawsFor(hashHex: string): RoundDraws | null {
    return hashHex === this.key ? this.primed : null;
  }
}
