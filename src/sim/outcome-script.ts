import { hash } from 'node:crypto';

// Scripted outcomes for tests: "round n of stake-crash is at least 1,000×", "the next 30 rounds of
// Crazy Time are not Crazy Time". A scripted round is still a genuine round of its game: the
// sandbox plays it again from other hashes (SHA-256 of `<hash>:<k>`) until one gives the outcome,
// so its payload, bets and bonus data stay as coherent as any other round's, and a seed still
// reproduces everything. Only the round's hash, and so its id, differ from the unscripted round.

/** What a scripted round must show; every condition given must hold (`{}` is any round). */
export interface ScriptedOutcome {
  /** The row's multiplier is at least this (×). */
  readonly atLeast?: number;
  /** The row's multiplier is below this (×). */
  readonly below?: number;
  /** raw.segment is this code (`cashhunt`, `n10`…). */
  readonly segment?: string;
  /** raw.segment is not this code. */
  readonly notSegment?: string;
}

/** Rounds `fromRound`, `fromRound + 1`… of a game (0 is the game's first round) carry `outcomes` in turn. */
export interface ScriptedRounds {
  readonly game: string;
  readonly fromRound: number;
  readonly outcomes: readonly ScriptedOutcome[];
}

/** What a candidate play shows: its multiplier in ten-thousandths and its `raw` JSON text. */
export interface PlayFacts {
  readonly units: number;
  readonly raw: string;
}

/**
 * Past this many candidates the outcome is taken to be impossible for the game (an unknown
 * segment…): enough for any multiplier up to ~10,000× (a miss there has odds of e^-50).
 */
const MAX_TRIES = 500_000;

export class OutcomeScript {
  private readonly wanted = new Map<string, ScriptedOutcome>();
  /** The hash each scripted round was played from, so replays (its bets) do not search again. */
  private readonly chosen = new Map<string, string>();

  constructor(rounds: readonly ScriptedRounds[] = []) {
    for (const entry of rounds) this.add(entry.game, entry.fromRound, entry.outcomes);
  }

  add(game: string, fromRound: number, outcomes: readonly ScriptedOutcome[]): void {
    if (!Number.isInteger(fromRound) || fromRound < 0) throw new Error(`sandbox script: round ${fromRound} is not a round number`);
    outcomes.forEach((outcome, i) => this.wanted.set(`${game}:${fromRound + i}`, outcome));
  }

  covers(game: string, n: number): boolean {
    // Asked for every round a log plays (a million at start-up for a long history): free when unscripted.
    return this.wanted.size > 0 && this.wanted.has(`${game}:${n}`);
  }

  /** The play of round n that shows its scripted outcome: the round's own play when it already does. */
  choose<P>(game: string, n: number, roundHash: string, play: (hash: string) => P, facts: (play: P) => PlayFacts): P {
    const key = `${game}:${n}`;
    const known = this.chosen.get(key);
    if (known !== undefined) return play(known);
    const outcome = this.wanted.get(key)!;
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const candidateHash = attempt === 0 ? roundHash : hash('sha256', `${roundHash}:${attempt}`, 'hex');
      const candidate = play(candidateHash);
      if (shows(outcome, facts(candidate))) {
        this.chosen.set(key, candidateHash);
        return candidate;
      }
    }
    throw new Error(`sandbox script: no round of ${game} shows ${JSON.stringify(outcome)} (${MAX_TRIES} tries); is the outcome possible for this game?`);
  }
}

function shows(outcome: ScriptedOutcome, facts: PlayFacts): boolean {
  if (outcome.atLeast !== undefined && facts.units < Math.round(outcome.atLeast * 10_000)) return false;
  if (outcome.below !== undefined && facts.units >= Math.round(outcome.below * 10_000)) return false;
  if (outcome.segment === undefined && outcome.notSegment === undefined) return true;
  const segment = segmentOf(facts.raw);
  if (outcome.segment !== undefined && segment !== outcome.segment) return false;
  return outcome.notSegment === undefined || segment !== outcome.notSegment;
}

function segmentOf(raw: string): string | null {
  const value = JSON.parse(raw) as unknown;
  if (typeof value !== 'object' || value === null) return null;
  const segment = (value as { segment?: unknown }).segment;
  return typeof segment === 'string' ? segment : null;
}
