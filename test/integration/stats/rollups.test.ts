import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Round } from '../../../src/main/core/round';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { StatsEngine } from '../../../src/main/core/stats/stats-engine';
import { HEADLINE_THRESHOLDS, STREAK_THRESHOLDS } from '../../../src/shared/stats/thresholds';
import { catalogKind } from '../../../src/shared/games';
import { microsToIso } from '../../../src/shared/time';
import { seededRandom } from '../../../src/sim/seeded-random';
import { useTempDir } from '../../support/temp-dir';

// The rollups kept on insert must give exactly the figures a scan of the rounds gives, however
// the rounds arrived: live one by one, backfilled newest first, or shuffled and duplicated.

const START_US = 1_780_000_000_000_000;

/** A seeded Stake-like game: ~2% at 1.00×, P(M ≥ x) ≈ 0.99/x, a round every 7–40 s. */
function crashRounds(count: number, seed: number): Round[] {
  const random = seededRandom(seed);
  const rounds: Round[] = [];
  let us = START_US;
  for (let n = 0; n < count; n++) {
    us += Math.floor(7_000_000 + random() * 33_000_000);
    const hundredths = Math.max(100, Math.floor(99 / (1 - random())));
    const multiplier = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}00`;
    const bet = 1000 + Math.floor(random() * 100_000);
    const paid = Math.floor(random() * bet * 2);
    const index = 7_393_228_772_258_146_753n + BigInt(n);
    rounds.push({
      game: 'stake-crash',
      roundId: `r${n}`,
      roundIndex: index,
      multiplier,
      finalizedAt: new Date(us / 1000).toISOString(),
      finalizedUs: us,
      segment: null,
      json:
        `{"round_index":${index},"round_id":"r${n}","multiplier":"${multiplier}","raw":{"totalAmount":${(paid / 100).toFixed(2)},` +
        `"bettorsCount":${200 + (n % 50)},"totalWinners":${n % 100},"totalBetAmount":${(bet / 100).toFixed(2)}}}`,
    });
  }
  return rounds;
}

const units = (round: Round): number => Math.round(Number(round.multiplier) * 10_000);

function longestUnder(rounds: readonly Round[], threshold: number): number {
  let best = 0;
  let run = 0;
  for (const round of rounds) {
    run = units(round) < threshold * 10_000 ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

describe('statistics rollups', () => {
  let dir: ReturnType<typeof useTempDir>;
  beforeEach(() => (dir = useTempDir()));
  afterEach(() => dir.remove());

  function open(): { history: History; engine: StatsEngine; close(): void } {
    const db = openDatabase(join(dir.path, 'history.sqlite'));
    const history = new History(db, catalogKind);
    const engine = new StatsEngine(db, history);
    return { history, engine, close: () => db.close() };
  }

  function expectScanFigures(engine: StatsEngine, rounds: readonly Round[], fromUs: number, toUs: number): void {
    const inside = rounds.filter((round) => round.finalizedUs >= fromUs && round.finalizedUs <= toUs).sort((a, b) => a.finalizedUs - b.finalizedUs);
    const stats = engine.gameStats({
      game: 'stake-crash',
      window: { from: microsToIso(fromUs), through: microsToIso(toUs) },
      nowUs: toUs,
    });
    const figures = stats.multiplier;
    expect(figures.window.rounds).toBe(inside.length);
    HEADLINE_THRESHOLDS.forEach((threshold, slot) => {
      const hits = inside.filter((round) => units(round) >= threshold * 10_000).length;
      expect(figures.frequency.thresholds[slot]!.rate.hits, `hits at ${threshold}×`).toBe(hits);
    });
    STREAK_THRESHOLDS.forEach((threshold, slot) => {
      expect(figures.streaks[slot]!.longestInWindow, `longest under ${threshold}×`).toBe(longestUnder(inside, threshold));
    });
    const sum = inside.reduce((total, round) => total + units(round), 0);
    expect(figures.distribution.shape.mean).toBeCloseTo(sum / inside.length / 10_000, 9);
    const max = inside.reduce((best, round) => (units(round) > units(best) ? round : best), inside[0]!);
    expect(figures.distribution.shape.max?.roundId).toBe(max.roundId);
    const sorted = inside.map((round) => Number(round.multiplier)).sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    expect(Math.abs(figures.distribution.shape.median! - median) / median).toBeLessThanOrEqual(0.0101);
  }

  it('agree with a scan of the rounds, whether they came live, newest first or shuffled and repeated', () => {
    const rounds = crashRounds(6_000, 7);
    const orders: Record<string, Round[][]> = {
      live: rounds.map((round) => [round]),
      backfill: [...rounds].reverse().reduce<Round[][]>((pages, round, i) => (i % 1000 === 0 ? pages.push([round]) : pages.at(-1)!.push(round), pages), []),
      shuffled: shuffledPages(rounds),
    };
    const last = rounds.at(-1)!.finalizedUs;
    for (const [name, batches] of Object.entries(orders)) {
      const { history, engine, close } = open();
      for (const batch of batches) history.commit({ rounds: batch, coverage: [], quarantine: [] });
      expect(engine.summary('stake-crash', last).roundsTotal, name).toBe(rounds.length);
      expectScanFigures(engine, rounds, rounds[0]!.finalizedUs, last);
      expectScanFigures(engine, rounds, rounds[1234]!.finalizedUs + 1, rounds[4321]!.finalizedUs);
      expectScanFigures(engine, rounds, last - 3 * 3_600_000_000 - 17, last);
      close();
      dir.remove();
      dir = useTempDir();
    }
  });

  it('count the rounds since each threshold was last reached, whatever order they came in', () => {
    const rounds = crashRounds(3_000, 11);
    const { history, engine, close } = open();
    for (const batch of shuffledPages(rounds)) history.commit({ rounds: batch, coverage: [], quarantine: [] });
    const summary = engine.summary('stake-crash', rounds.at(-1)!.finalizedUs);
    for (const delay of summary.delays) {
      const lastHit = rounds.findLastIndex((round) => units(round) >= delay.threshold * 10_000);
      expect(delay.drought.roundsSince, `since ${delay.threshold}×`).toBe(lastHit < 0 ? rounds.length : rounds.length - lastHit);
      expect(delay.lifetimeHits).toBe(rounds.filter((round) => units(round) >= delay.threshold * 10_000).length);
    }
    close();
  });

  it('are rebuilt from the rounds of a history written before they existed', () => {
    const rounds = crashRounds(2_000, 3);
    const first = open();
    first.history.commit({ rounds, coverage: [], quarantine: [] });
    const before = first.engine.gameStats({ game: 'stake-crash', window: 'all', nowUs: rounds.at(-1)!.finalizedUs });
    first.close();
    const raw = openDatabase(join(dir.path, 'history.sqlite'));
    raw.exec('DELETE FROM stats_hours; DELETE FROM stats_days; DELETE FROM stats_events; INSERT INTO stats_rebuild SELECT id FROM games');
    raw.close();
    const second = open();
    const after = second.engine.gameStats({ game: 'stake-crash', window: 'all', nowUs: rounds.at(-1)!.finalizedUs });
    expect(after).toEqual(before);
    second.close();
  });
});

/** Pages of 1–400 rounds in a scrambled order, a tenth of them sent twice. */
function shuffledPages(rounds: readonly Round[]): Round[][] {
  const pages: Round[][] = [];
  for (let i = 0; i < rounds.length; ) {
    const size = 1 + ((i * 7919) % 400);
    pages.push(rounds.slice(i, i + size));
    i += size;
  }
  const scrambled = pages.map((page, i) => ({ page, key: (i * 2654435761) % 1000 })).sort((a, b) => a.key - b.key);
  return scrambled.flatMap(({ page }, i) => (i % 10 === 0 ? [page, page] : [page]));
}
