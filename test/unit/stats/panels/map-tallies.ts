import type { EventHistory, QuotedRound, WindowTallies } from '../../../../src/main/core/stats/round-facts-types';
import { roundFacts } from '../../../../src/main/core/stats/round-facts';
import { gameInfo } from '../../../../src/shared/games';
import { generateHistory } from '../../../../src/sim/games/history';

// The rollups' two read interfaces over plain Maps: fixed tallies for hand-computed panels, and
// tallies of sandbox rounds counted exactly as the statistics engine counts round facts.

export class MapTallies implements WindowTallies {
  constructor(
    readonly rounds: number,
    private readonly counts: ReadonlyMap<string, number>,
  ) {}

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  keys(prefix: string): readonly string[] {
    return [...this.counts.keys()].filter((key) => key.startsWith(prefix));
  }
}

export function windowTallies(rounds: number, counts: Readonly<Record<string, number>>): MapTallies {
  return new MapTallies(rounds, new Map(Object.entries(counts)));
}

export class MapHistory implements EventHistory {
  constructor(
    private readonly rounds: number,
    private readonly since: ReadonlyMap<string, number>,
    private readonly last: ReadonlyMap<string, QuotedRound>,
    private readonly hits: ReadonlyMap<string, number>,
  ) {}

  roundsSince(event: string): number | null {
    return this.since.get(event) ?? null;
  }

  lastHit(event: string): QuotedRound | null {
    return this.last.get(event) ?? null;
  }

  lifetime(event: string): { hits: number; rounds: number } {
    return { hits: this.hits.get(event) ?? 0, rounds: this.rounds };
  }

  lifetimeRounds(): number {
    return this.rounds;
  }
}

/** A history where each listed event was last seen `since` rounds ago, quoted as a made-up round. */
export function eventHistory(rounds: number, since: Readonly<Record<string, number>>): MapHistory {
  const last = new Map(
    Object.entries(since).map(([event, ago]): [string, QuotedRound] => [
      event,
      { roundId: `r${rounds - ago}`, roundIndex: String(7_393_228_772_258_146_753n + BigInt(rounds - ago)), multiplier: '1.0000', finalizedAt: '2026-06-01T12:00:00Z' },
    ]),
  );
  return new MapHistory(rounds, new Map(Object.entries(since)), last, new Map());
}

/** `count` sandbox rounds of `slug`, counted as the rollups count them (one window = all). */
export function sandboxStats(slug: string, seed: string, count: number): { tallies: MapTallies; history: MapHistory } {
  const kind = gameInfo(slug).kind;
  const records = generateHistory(slug, seed, count).records;
  const counts = new Map<string, number>();
  const lastAt = new Map<string, number>();
  const add = (key: string, amount: number): void => {
    counts.set(key, (counts.get(key) ?? 0) + amount);
  };
  records.forEach((record, i) => {
    const units = Math.round(Number(record.multiplier) * 10_000);
    const facts = roundFacts(slug, kind, record.json, null, units);
    for (const event of facts.events) {
      add(event, 1);
      lastAt.set(event, i);
    }
    for (const [key, amount] of facts.sums) add(key, amount);
  });
  const since = new Map([...lastAt].map(([event, i]): [string, number] => [event, records.length - i]));
  const last = new Map(
    [...lastAt].map(([event, i]): [string, QuotedRound] => {
      const record = records[i]!;
      return [
        event,
        {
          roundId: record.roundId,
          roundIndex: record.roundIndex.toString(),
          multiplier: record.multiplier,
          finalizedAt: new Date(record.finalizedAtMs).toISOString(),
        },
      ];
    }),
  );
  return { tallies: new MapTallies(records.length, counts), history: new MapHistory(records.length, since, last, counts) };
}
