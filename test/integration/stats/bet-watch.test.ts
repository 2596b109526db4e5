import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { resolveEndpoints } from '../../../src/main/core/sources/trackersino/endpoints';
import { inlinePageParser } from '../../../src/main/core/sources/trackersino/page-parser';
import { TrackerSinoRest } from '../../../src/main/core/sources/trackersino/rest-client';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { BetWatch } from '../../../src/main/core/sync/bet-watch';
import { RateBudget } from '../../../src/main/core/sync/rate-budget';
import { catalogKind } from '../../../src/shared/games';
import { TIER_LIMITS } from '../../../src/shared/tiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundlog, type RoundlogCore } from '../../../src/main/core/compose';
import type { Status } from '../../../src/shared/contract';
import { decodeBets } from '../../../src/main/core/store/bet-codec';
import { BetTally } from '../../../src/main/core/stats/bets/bet-tally';
import { startSandbox, type Sandbox } from '../../../src/sim/server';
import { useTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

// The app records bet snapshots while it runs, through answers that fail, come slowly and overlap:
// every round it holds whole has exactly the bets the sandbox's round row totals (bettors, staked,
// paid, winners), and the hour sums equal the bets stored, so nothing was counted twice.

const GAME = 'stake-crash';

interface CrashRaw {
  bettorsCount: number;
  totalBetAmount: number;
  totalAmount: number;
  totalWinners: number;
}

describe('recording bet snapshots', () => {
  let dir: ReturnType<typeof useTempDir>;
  let sandbox: Sandbox;
  let core: RoundlogCore;
  let status: Status;

  beforeAll(async () => {
    dir = useTempDir();
    // ~1 s a crash round: each answer of 1,000 bets reaches back ~3 rounds, asked every 0.3 s.
    sandbox = await startSandbox({ seed: 'bet-watch', speed: 25, historyMs: 60_000, games: [GAME, 'crazytime'] });
    core = await startRoundlog(
      {
        dataDir: dir.path,
        upstream: { baseUrl: sandbox.url, apiKey: sandbox.key },
        games: [GAME, 'crazytime'],
        historyDepthMs: 60_000,
        tier: 'auto',
        pingIntervalMs: 25_000,
      },
      { betWatch: { everyMs: 300, idleEveryMs: 300 } },
    );
    const counts = () => core.betWatch.countsOf(GAME)!;
    await waitFor(() => counts().rounds >= 4, () => `bets of 4 rounds (have ${counts().rounds})`, 20_000);
    sandbox.failNextRequests(3);
    await waitFor(() => counts().lastError !== null, () => 'a failed ask', 10_000);
    sandbox.slowNextRequests(2, 1_500);
    const before = counts().rounds;
    await waitFor(() => counts().rounds >= before + 6 && counts().lastError === null, () => `6 more rounds (have ${counts().rounds - before})`, 30_000);
    status = await core.service.getStatus({});
    await core.close();
  }, 90_000);
  afterAll(async () => {
    await core.close();
    await sandbox.close();
    dir.remove();
  });

  it('holds each round\'s bets once, whole rounds agreeing with the round row\'s totals', () => {
    const db = new BetterSqlite3(core.databaseFile, { readonly: true });
    try {
      const stored = db.prepare('SELECT round_id, bets_seen, bets FROM bet_rounds').all() as { round_id: string; bets_seen: number; bets: Buffer }[];
      const raws = new Map(sandbox.rounds(GAME).map((record) => [record.roundId, (JSON.parse(record.json) as { raw: CrashRaw }).raw]));
      let whole = 0;
      for (const row of stored) {
        const raw = raws.get(row.round_id)!;
        const bets = decodeBets(row.bets);
        expect(bets.length).toBe(row.bets_seen);
        expect(bets.length).toBeLessThanOrEqual(raw.bettorsCount);
        if (bets.length < raw.bettorsCount) continue;
        whole++;
        const cents = (micros: number) => Math.round(micros / 10_000);
        expect(cents(bets.reduce((sum, bet) => sum + bet.amountMicros, 0))).toBe(Math.round(raw.totalBetAmount * 100));
        expect(cents(bets.reduce((sum, bet) => sum + bet.payoutMicros, 0))).toBe(Math.round(raw.totalAmount * 100));
        expect(bets.filter((bet) => bet.won).length).toBe(raw.totalWinners);
      }
      // A round is cut short only as the oldest of an answer that did not reach back to the last
      // one: the first answer, and those after the failed and the slow asks.
      expect(whole).toBeGreaterThanOrEqual(stored.length - 4);
      expect(whole).toBeGreaterThanOrEqual(8);

      const fromRounds = new BetTally();
      for (const row of stored) fromRounds.addRound(row.bets);
      const fromHours = new BetTally();
      for (const row of db.prepare('SELECT tally FROM bet_hours').all() as { tally: Buffer }[]) fromHours.appendEncoded(row.tally);
      expect(fromHours.rounds).toBe(fromRounds.rounds);
      expect(fromHours.totals()).toEqual(fromRounds.totals());
      expect(core.betWatch.countsOf(GAME)!.conflicts).toBe(0);
      // Only crash games publish bet snapshots: a game show is never asked for them.
      expect(core.betWatch.countsOf('crazytime')).toBeUndefined();
      // The status says what was recorded, for Settings → Connection.
      const byGame = new Map(status.games.map((game) => [game.game, game.betSnapshots]));
      expect(byGame.get('crazytime')).toBeNull();
      expect(byGame.get(GAME)).toMatchObject({ rejected: 0, conflicts: 0, lastError: null });
      expect(byGame.get(GAME)!.rounds).toBeGreaterThanOrEqual(10);
      expect(byGame.get(GAME)!.bets).toBeGreaterThan(byGame.get(GAME)!.rounds * 100);
    } finally {
      db.close();
    }
  });
});

describe('asking for bet snapshots', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'bet-watch-asks', speed: 25, historyMs: 60_000, games: [GAME, 'crazytime'] });
  });
  afterAll(async () => sandbox.close());

  function watchOf(games: readonly string[], dir: ReturnType<typeof useTempDir>): { watch: BetWatch; close: () => void; log: string[] } {
    const db = openDatabase(join(dir.path, 'history.sqlite'));
    const rest = new TrackerSinoRest(resolveEndpoints(sandbox.url), sandbox.key, inlinePageParser);
    const budget = new RateBudget(TIER_LIMITS.pro);
    const log: string[] = [];
    const watch = new BetWatch({ games, rest, budget, history: new History(db, catalogKind), isPaused: () => false, everyMs: 100, idleEveryMs: 60_000, log: (line) => log.push(line) });
    const close = (): void => {
      watch.stop();
      budget.dispose(new Error('done'));
      rest.close();
      db.close();
    };
    return { watch, log, close };
  }
  const asksFor = (game: string): number => sandbox.requests().filter((request) => request.path.includes(`/games/${game}/stats/recent-bets`)).length;

  it('asks a game whose answers hold no bets only rarely, and a game upstream does not know only once', async () => {
    const dir = useTempDir();
    const { watch, close, log } = watchOf(['crazytime', 'no-such-game', GAME], dir);
    try {
      watch.start();
      await waitFor(() => watch.countsOf(GAME)!.rounds >= 3, () => 'bets of a crash game', 20_000);
      await waitFor(() => asksFor(GAME) >= 10, () => 'the crash game asked often', 20_000);
      // Every 100 ms for the crash game; the show's empty answer moved it to the idle pace.
      expect(asksFor('crazytime')).toBe(1);
      expect(watch.countsOf('crazytime')).toMatchObject({ rounds: 0, bets: 0, lastError: null });
      expect(asksFor('no-such-game')).toBe(1);
      expect(watch.countsOf('no-such-game')!.lastError).toMatch(/Bet snapshots are not recorded for this game\.$/);
      expect(log.some((line) => line.includes('bet snapshots of no-such-game'))).toBe(true);
    } finally {
      close();
      dir.remove();
    }
  });
});
