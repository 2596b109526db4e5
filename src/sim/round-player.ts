import type { GameRules, RoundPlay, SimBet } from './games/game';
import { HashAhead } from './hash-ahead';
import { RoundHasher, SeededDice } from './round-hash';
import type { Timeline } from './round-log';

/** A run of rounds long enough to repay starting a worker that hashes them ahead (~50 ms). */
export const HASH_AHEAD_ROUNDS = 2048;

/** What round n of one game is on one timeline: its hash, any scripted outcome, its play. */
export class RoundPlayer<P extends RoundPlay> {
  private readonly dice = new SeededDice();
  private readonly hasher: RoundHasher;
  private ahead: HashAhead | null = null;

  /** `cadencesOnly`: for cadenceMs() alone, so a worker hashing ahead skips the game's other draws. */
  constructor(
    private readonly rules: GameRules<P>,
    private readonly timeline: Timeline,
    private readonly cadencesOnly = false,
  ) {
    this.hasher = new RoundHasher(timeline.seed, rules.info.slug);
  }

  /** Round n's play; `previous` is round n − 1's (null for round 0 and for a round replayed alone). */
  play(n: number, previous: P | null): P {
    const hash = this.seededHash(n);
    const script = this.timeline.script;
    const slug = this.rules.info.slug;
    if (script !== undefined && script.covers(slug, n)) {
      const playFrom = (candidate: string): P => this.playHash(candidate, previous);
      return script.choose(slug, n, hash, playFrom, (play) => ({ units: play.multiplierTenThousandths, raw: this.rules.rawJson(play, 0, 1) }));
    }
    return this.rules.play(hash, this.dice, previous);
  }

  /** Round n's cadence on this timeline, from GameRules.cadenceMs: the round is not played (nor scripted). */
  cadenceOf(n: number, cadenceMs: (hashHex: string, dice: SeededDice) => number): number {
    return this.scaled(cadenceMs(this.seededHash(n), this.dice));
  }

  /** Round n's observed bets; empty for games without bets. */
  bets(n: number): readonly SimBet[] {
    if (!this.rules.bets) return [];
    return this.rules.bets(this.play(n, null), this.dice);
  }

  /** The play's cadence on this timeline: whole ms, at least 1, so finish times stay integers and strictly increase at any speed. */
  cadenceMs(play: P): number {
    return this.scaled(play.cadenceMs);
  }

  private scaled(cadenceMs: number): number {
    return Math.max(1, Math.round(cadenceMs / this.timeline.speed));
  }

  /**
   * Has a worker hash rounds `next`, `next + 1`… ahead, for a run of rounds played in order
   * that is known or found to be long (HASH_AHEAD_ROUNDS or more); until stopHashingAhead.
   */
  hashAhead(next: number): void {
    const ahead = this.cadencesOnly ? null : (this.rules.ahead ?? null);
    this.ahead ??= HashAhead.start(this.timeline.seed, this.rules.info.slug, this.rules.hmac ?? null, ahead, next);
  }

  stopHashingAhead(): void {
    this.ahead?.stop();
    this.ahead = null;
  }

  /** Round n's hash, the dice seeded from it: handed in by the worker when it has it (seed included). */
  private seededHash(n: number): string {
    const ahead = this.ahead;
    const handedIn = ahead !== null && ahead.nextRound === n ? ahead.take(this.dice) : null;
    if (handedIn !== null) return handedIn;
    const hash = this.hasher.hash(n);
    this.dice.reseed(hash);
    return hash;
  }

  private playHash(hash: string, previous: P | null): P {
    this.dice.reseed(hash);
    return this.rules.play(hash, this.dice, previous);
  }
}

/**
 * When round `count − 1` (count ≥ 1) finishes on `timeline`: the rounds are played (or only their
 * cadences worked out, GameRules.cadenceMs, when no script chooses outcomes), no row is written.
 */
export function lastFinishMs<P extends RoundPlay>(rules: GameRules<P>, timeline: Timeline, count: number): number {
  const cadenceMs = timeline.script === undefined ? rules.cadenceMs?.bind(rules) : undefined;
  const player = new RoundPlayer(rules, timeline, cadenceMs !== undefined);
  let finishMs = timeline.epochMs;
  if (count > HASH_AHEAD_ROUNDS) player.hashAhead(1);
  try {
    if (cadenceMs !== undefined) {
      for (let n = 1; n < count; n++) finishMs += player.cadenceOf(n, cadenceMs);
      return finishMs;
    }
    let play = player.play(0, null);
    for (let n = 1; n < count; n++) {
      play = player.play(n, play);
      finishMs += player.cadenceMs(play);
    }
  } finally {
    player.stopHashingAhead();
  }
  return finishMs;
}
