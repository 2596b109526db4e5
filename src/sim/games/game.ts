import type { GameInfo as CatalogEntry } from '../../shared/games';
import type { SeededDice } from '../round-hash';
import { PlayedRoundLog, type RoundLog, type Timeline } from '../round-log';
import { lastFinishMs } from '../round-player';
import type { RowWriter } from '../row-writer';
import type { HexKeyHmac } from '../hex-key-hmac';
import type { PlayAhead } from '../hash-ahead';

// A game is one module in this folder: its catalog entry, what a round hash decides, and how its
// `raw` payload reads. Timing, ids, rows, REST and the stream are shared.

/** The shared catalog entry, plus what the sandbox needs to play the game. */
export interface GameInfo extends CatalogEntry {
  /** round_index of round 0; upstream's indices exceed 2^53. */
  readonly indexBase: bigint;
  /** `state` of the round in progress (`running` for crash, `spinning` for wheels). */
  readonly runningState: string;
  /** finalized_at as upstream writes it for this game: whole seconds (default) or `….013Z`. */
  readonly finalizedPrecision?: 'seconds' | 'millis';
}

/** Everything a round's hash decides, before the round is placed in time. */
export interface RoundPlay {
  readonly roundId: string;
  /** The row's `multiplier` in ten-thousandths (47100 = "4.7100"), as upstream's 4 decimals. */
  readonly multiplierTenThousandths: number;
  readonly randomNumber: number | null;
  /** Time from the previous round's finish to this one's, at speed 1. */
  readonly cadenceMs: number;
  /** Time from the finish to our scraper's observation of it, at speed 1. */
  readonly observedDelayMicros: number;
}

/**
 * One observed bet of a round (crash games), as TrackerSino's bet snapshots report them: what the
 * RTP, recent-bets and currency-volume endpoints compute from. Not stored: re-derived on demand
 * from the round's hash, so a million rounds cost no memory for it.
 */
export interface SimBet {
  readonly amountCents: number;
  /** Balance type, e.g. `usdt`, `btc`, `eth`. */
  readonly currency: string;
  /** Cash-out target in hundredths (250 = 2.50×). */
  readonly targetHundredths: number;
  /** 0 for a lost bet. */
  readonly payoutCents: number;
}

export interface GameRules<P extends RoundPlay> {
  readonly info: GameInfo;
  /**
   * The HMAC (key = round hash) that play() reads, for games decided by one: a long history has
   * its digests computed ahead on another thread and handed in (hash-ahead.ts).
   */
  readonly hmac?: HexKeyHmac;
  /** Draws the hash-ahead worker makes too, primed for play() to find by the round's hash (crowd.ts). */
  readonly ahead?: PlayAhead;
  /**
   * Must be a pure function of the hash (and of `dice`, freshly seeded from it), and of
   * `previous`, the play of the round before (null for round 0 and when a round is replayed
   * alone, as for its bets): the one state a game may carry from spin to spin (Dream Catcher's
   * pending 2×/7×). Logs play rounds in order from 0, so a seed still fixes every round.
   */
  play(hashHex: string, dice: SeededDice, previous: P | null): P;
  /**
   * play(…).cadenceMs alone, for a game whose play draws much its cadence does not need (a crash
   * round's crowd): what sizing a history plays (lastFinishMs). Must not depend on `previous`.
   */
  cadenceMs?(hashHex: string, dice: SeededDice): number;
  /** The round's observed bets, for games that have bet snapshots; a pure function of the play. */
  bets?(play: P, dice: SeededDice): readonly SimBet[];
  /** The row's `raw` payload as JSON text; `speed` scales times inside it, as it scales cadence. */
  rawJson(play: P, finishMs: number, speed: number): string;
  /** The same payload written straight into the row's bytes, for games whose histories run to millions of rounds. */
  writeRaw?(play: P, finishMs: number, speed: number, out: RowWriter): void;
}

export interface Game {
  readonly info: GameInfo;
  openLog(timeline: Timeline): RoundLog;
  /** When round `count − 1` (count ≥ 1) finishes on `timeline`, without writing a row. */
  lastFinishMs(timeline: Timeline, count: number): number;
}

/** Hides the game's own play type behind the common `Game` shape. */
export function defineGame<P extends RoundPlay>(rules: GameRules<P>): Game {
  return {
    info: rules.info,
    openLog: (timeline) => new PlayedRoundLog(rules, timeline),
    lastFinishMs: (timeline, count) => lastFinishMs(rules, timeline, count),
  };
}
