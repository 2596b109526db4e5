import type { GameInfo, GameRules, RoundPlay, SimBet } from './games/game';
import { isoSeconds, microsToIso } from '../shared/time';
import { RoundDice, roundHash } from './round-hash';
import { finalizedRowJson, multiplierText, runningRowJson } from './row';

export interface SimRoundRecord {
  readonly game: string;
  readonly roundId: string;
  readonly roundIndex: bigint;
  readonly multiplier: string;
  /** When the round finished (integer ms); the row's finalized_at is this floored to the second. */
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
  /** The row of the round in progress. */
  runningRowJson(): string;
  /** Observed bets of finalised round `n` (its array position); empty for games without bets. */
  bets(n: number): readonly SimBet[];
}

export class PlayedRoundLog<P extends RoundPlay> implements RoundLog {
  readonly info: GameInfo;
  readonly records: SimRoundRecord[] = [];
  lastObservedAt: string | null = null;
  nextFinishMs: number;
  private readonly dice = new RoundDice();
  private pending: P;
  private pendingStartMs: number;

  constructor(
    private readonly rules: GameRules<P>,
    private readonly timeline: Timeline,
  ) {
    this.info = rules.info;
    this.pending = this.play(0);
    this.nextFinishMs = timeline.epochMs;
    this.pendingStartMs = timeline.epochMs - this.scaled(this.pending.cadenceMs);
  }

  finishDue(nowMs: number): number {
    const before = this.records.length;
    while (this.nextFinishMs <= nowMs) {
      this.records.push(this.finalize(this.records.length, this.pending, this.nextFinishMs));
      this.pending = this.play(this.records.length);
      this.pendingStartMs = this.nextFinishMs;
      this.nextFinishMs += this.scaled(this.pending.cadenceMs);
    }
    return this.records.length - before;
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

  bets(n: number): readonly SimBet[] {
    if (!this.rules.bets || n < 0 || n >= this.records.length) return [];
    const play = this.play(n);
    return this.rules.bets(play, this.dice);
  }

  private play(n: number): P {
    const hash = roundHash(this.timeline.seed, this.info.slug, n);
    this.dice.reseed(hash);
    return this.rules.play(hash, this.dice);
  }

  /** Whole ms, at least 1, so finish times stay integers and strictly increase at any speed. */
  private scaled(ms: number): number {
    return Math.max(1, Math.round(ms / this.timeline.speed));
  }

  private indexText(n: number): string {
    return (this.info.indexBase + BigInt(n)).toString();
  }

  private finalize(n: number, play: P, finishMs: number): SimRoundRecord {
    const roundIndex = this.info.indexBase + BigInt(n);
    const multiplier = multiplierText(play.multiplierHundredths);
    const observedMicros = finishMs * 1000 + Math.round(play.observedDelayMicros / this.timeline.speed);
    const observedAt = microsToIso(observedMicros);
    this.lastObservedAt = observedAt;
    const json = finalizedRowJson(
      roundIndex.toString(),
      play.roundId,
      multiplier,
      play.randomNumber,
      isoSeconds(finishMs),
      observedAt,
      this.rules.rawJson(play, finishMs, this.timeline.speed),
    );
    return { game: this.info.slug, roundId: play.roundId, roundIndex, multiplier, finalizedAtMs: finishMs, json };
  }
}
