import { describe, expect, it } from 'vitest';
import { RowWriter } from '../../src/sim/row-writer';
import { startSandbox } from '../../src/sim/server';

describe('row bytes', () => {
  it('are exactly the row texts, for every game, live rounds included', async () => {
    const sandbox = await startSandbox({ seed: 'row-bytes', speed: 200, historyMs: 20 * 60_000, games: ['stake-crash', 'crazytime', 'lightningstorm'] });
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few rounds finish one by one on timers
    for (const game of ['stake-crash', 'crazytime', 'lightningstorm']) {
      const log = sandbox.rounds(game);
      expect(log.length).toBeGreaterThan(512);
      const response = await fetch(`${sandbox.url}/v1-beta/games/${game}/rounds?limit=1000`, { headers: { Authorization: `Bearer ${sandbox.key}` } });
      const text = await response.text();
      // Rounds keep finishing on timers: expect the 1,000 rounds ending at the page's newest one.
      const newestId = /"round_id":"([^"]+)"/.exec(text)![1];
      const end = log.findIndex((round) => round.roundId === newestId) + 1;
      const page = log.slice(Math.max(0, end - 1000), end).reverse();
      expect(text).toBe(`[${page.map((round) => round.json).join(',')}]`);
    }
    await sandbox.close();
  });

  it('refuses a row that is not ASCII, since its bytes would be wrong', () => {
    expect(() => new RowWriter().ascii('{"name":"Café"}')).toThrow(/ASCII/);
  });
});
