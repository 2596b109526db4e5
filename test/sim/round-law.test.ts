import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crashHundredths, crashInt, SANDBOX_SALT } from '../../src/sim/games/stake-crash';
import { roundHash } from '../../src/sim/round-hash';
import { startSandbox, type SimRoundRecord } from '../../src/sim/server';

const STANDARD_ERRORS = 4;

function expectShare(hits: number, total: number, probability: number): void {
  const standardError = Math.sqrt((probability * (1 - probability)) / total);
  expect(Math.abs(hits / total - probability)).toBeLessThan(STANDARD_ERRORS * standardError);
}

async function history(game: string, seed: string, historyMs: number): Promise<readonly SimRoundRecord[]> {
  const sandbox = await startSandbox({ seed, games: [game], historyMs, speed: 1000 });
  try {
    return [...sandbox.rounds(game)];
  } finally {
    await sandbox.close();
  }
}

describe('reproducibility', () => {
  it('the same seed and epochMs give identical rounds; another seed gives others', async () => {
    const epochMs = Date.now() - 30 * 60_000;
    const options = { seed: 'same', epochMs, speed: 20 };
    const first = await startSandbox(options);
    const second = await startSandbox(options);
    const other = await startSandbox({ ...options, seed: 'other' });
    try {
      for (const game of ['stake-crash', 'crazytime']) {
        const a = first.rounds(game);
        const b = second.rounds(game);
        const shared = Math.min(a.length, b.length);
        expect(shared).toBeGreaterThan(100);
        // Records read their fields from the log on demand: compare what they read.
        const rows = (records: readonly SimRoundRecord[]): string[] => records.slice(0, shared).map((round) => round.json);
        expect(rows(b)).toEqual(rows(a));
        expect(a[0]?.finalizedAtMs).toBe(epochMs);
        expect(other.rounds(game)[0]?.roundId).not.toBe(a[0]?.roundId);
      }
    } finally {
      await Promise.all([first.close(), second.close(), other.close()]);
    }
  });

  it('generates six hours of history for both games well under a second', async () => {
    const started = performance.now();
    const sandbox = await startSandbox();
    const elapsedMs = performance.now() - started;
    await sandbox.close();
    expect(sandbox.rounds('stake-crash').length).toBeGreaterThan(500);
    expect(elapsedMs).toBeLessThan(1000);
  });
});

describe('Stake Crash law (game-math.md §1)', () => {
  it('computes floor(99·2^32/(int+1)) hundredths exactly, never below 1.00', () => {
    const reference = (int: number): number => {
      const exact = Number((99n * 2n ** 32n) / BigInt(int + 1));
      return Math.max(100, exact);
    };
    const edges = [0, 1, 2, 99, 100, 2 ** 31, 2 ** 32 - 1, 4_209_761_610, 4_209_761_611, 4_252_017_622];
    for (let i = 0; i < 20_000; i++) edges.push(Math.floor(Math.random() * 2 ** 32));
    for (const int of edges) expect(crashHundredths(int)).toBe(reference(int));
    expect(crashHundredths(2 ** 32 - 1)).toBe(100);
  });

  it('takes int from HMAC-SHA256(key = game hash, msg = salt), as createHmac computes it', () => {
    for (let n = 0; n < 500; n++) {
      const gameHash = roundHash('hmac-check', 'stake-crash', n);
      const expected = createHmac('sha256', gameHash).update(SANDBOX_SALT).digest().readUInt32BE(0);
      expect(crashInt(gameHash)).toBe(expected);
    }
  });

  it('over 20,000 rounds hits ≥2× at 0.495, ≥10× at 0.099 and shows 1.00× at 1.98%', async () => {
    const rounds = (await history('stake-crash', 'crash-law', 12 * 60_000)).slice(0, 20_000);
    expect(rounds).toHaveLength(20_000);
    const multipliers = rounds.map((round) => Number(round.multiplier));
    const count = (predicate: (m: number) => boolean): number => multipliers.filter(predicate).length;
    expectShare(count((m) => m >= 2), 20_000, 0.495);
    expectShare(count((m) => m >= 10), 20_000, 0.099);
    expectShare(count((m) => m === 1), 20_000, 1 - 0.99 / 1.01);
    expect(rounds.every((round) => /^\d+\.\d\d00$/.test(round.multiplier))).toBe(true);
  });

  it('reports bet totals consistent with the crash point', async () => {
    interface CrashRaw {
      result: { rtp: number };
      totalAmount: number;
      bettorsCount: number;
      totalWinners: number;
      totalBetAmount: number;
    }
    const rounds = await history('stake-crash', 'bets', 5 * 60_000);
    let winnersShare = 0;
    for (const round of rounds) {
      const raw = (JSON.parse(round.json) as { raw: CrashRaw }).raw;
      expect(raw.totalWinners).toBeLessThanOrEqual(raw.bettorsCount);
      expect(raw.result.rtp).toBeCloseTo((raw.totalAmount / raw.totalBetAmount) * 100, 1);
      if (round.multiplier === '1.0000') expect(raw.totalWinners + raw.totalAmount).toBe(0);
      winnersShare += raw.totalWinners / raw.bettorsCount;
    }
    // Each bettor's target follows P(target ≥ x) = 0.99/x, so a bettor wins with probability ~0.5.
    expect(winnersShare / rounds.length).toBeGreaterThan(0.4);
    expect(winnersShare / rounds.length).toBeLessThan(0.6);
  });

  it('flies ln(M)/0.00006 ms, so 4.71× lasts about the seed’s 25,825 ms', async () => {
    const rounds = await history('stake-crash', 'duration', 10 * 60_000);
    for (const round of rounds.slice(0, 2000)) {
      const raw = (JSON.parse(round.json) as { raw: { result: { maxMultiplier: number; roundDuration: number } } }).raw;
      expect(raw.result.maxMultiplier).toBe(Number(round.multiplier));
      expect(raw.result.roundDuration).toBe(Math.round(Math.log(raw.result.maxMultiplier) / 0.00006));
    }
  });
});

describe('Crazy Time wheel (game-math.md §2)', () => {
  it('lands on each of the 54 segments uniformly over 20,000 spins', async () => {
    const spins = (await history('crazytime', 'wheel-law', 25 * 60_000)).slice(0, 20_000);
    expect(spins).toHaveLength(20_000);
    const hits = new Map<string, number>();
    for (const spin of spins) {
      const segment = (JSON.parse(spin.json) as { raw: { segment: string } }).raw.segment;
      hits.set(segment, (hits.get(segment) ?? 0) + 1);
    }
    const segments: [string, number][] = [
      ['n1', 21],
      ['n2', 13],
      ['n5', 7],
      ['n10', 4],
      ['coinflip', 4],
      ['cashhunt', 2],
      ['pachinko', 2],
      ['crazytime', 1],
    ];
    expect([...hits.keys()].sort()).toEqual(segments.map(([segment]) => segment).sort());
    for (const [segment, count] of segments) expectShare(hits.get(segment) ?? 0, 20_000, count / 54);
  });
});
