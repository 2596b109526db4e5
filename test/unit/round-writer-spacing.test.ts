import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Round } from '../../src/main/core/round';
import type { Batch } from '../../src/main/core/store/history';
import { LIVE_SPACING_MS, RoundWriter } from '../../src/main/core/store/round-writer';

// A live round commits in the next turn of the event loop. While rounds stream in faster than a
// commit every LIVE_SPACING_MS, those that come meanwhile wait for one commit together, that long after the last.

function round(n: number): Round {
  return {
    game: 'stake-crash',
    roundId: `r${n}`,
    roundIndex: BigInt(n),
    multiplier: '2.0000',
    finalizedAt: '2026-06-01T12:00:00Z',
    finalizedUs: 1_780_000_000_000_000 + n,
    segment: null,
    json: `{"round_id":"r${n}"}`,
  };
}

describe('live commits', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  function writer(): { writer: RoundWriter; commits: { atMs: number; rounds: string[] }[] } {
    const commits: { atMs: number; rounds: string[] }[] = [];
    const writer = new RoundWriter({
      commit: (batch: Batch) => {
        commits.push({ atMs: performance.now(), rounds: batch.rounds.map((r) => r.roundId) });
        return [...batch.rounds];
      },
    });
    return { writer, commits };
  }

  it('commit a round after a quiet spell in the next turn', async () => {
    const { writer: w, commits } = writer();
    w.enqueue([round(1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(commits.map((c) => c.rounds)).toEqual([['r1']]);
    await vi.advanceTimersByTimeAsync(50);
    w.enqueue([round(2)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(commits.map((c) => c.rounds)).toEqual([['r1'], ['r2']]);
  });

  it('share one commit, LIVE_SPACING_MS after the last, while rounds come faster than that', async () => {
    const { writer: w, commits } = writer();
    w.enqueue([round(1)]);
    await vi.advanceTimersByTimeAsync(0);
    const later: string[] = [];
    for (let n = 2; n <= LIVE_SPACING_MS; n++) {
      await vi.advanceTimersByTimeAsync(1);
      w.enqueue([round(n)]);
      later.push(`r${n}`);
    }
    await vi.advanceTimersByTimeAsync(LIVE_SPACING_MS);
    expect(commits.map((c) => c.rounds)).toEqual([['r1'], later]);
    expect(commits[1]!.atMs - commits[0]!.atMs).toBeGreaterThanOrEqual(LIVE_SPACING_MS);
    expect(commits[1]!.atMs - commits[0]!.atMs).toBeLessThanOrEqual(LIVE_SPACING_MS + 1);
    w.dispose();
  });
});
