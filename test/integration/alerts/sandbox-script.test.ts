import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sim/server';
import { waitFor } from '../../support/wait';

// The sandbox's scripted outcomes, which the alert tests stand on: a scripted round shows the
// outcome asked for, on the stream and over REST alike, and everything else stays as the seed made it.

describe('scripted sandbox outcomes', () => {
  const sandboxes: Sandbox[] = [];
  afterEach(async () => {
    for (const sandbox of sandboxes.splice(0)) await sandbox.close();
  });
  const start = async (options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> => {
    const sandbox = await startSandbox({ seed: 'script', ...options });
    sandboxes.push(sandbox);
    return sandbox;
  };

  it('makes the rounds after the one in progress carry the chosen multipliers and segments, over REST as played', async () => {
    const sandbox = await start({ speed: 100, historyMs: 30_000, games: ['stake-crash', 'crazytime'] });
    const crash = sandbox.scriptOutcomes('stake-crash', [{ atLeast: 1000 }, { below: 1.5 }]);
    const wheel = sandbox.scriptOutcomes('crazytime', [{ segment: 'crazytime' }, { notSegment: 'n1' }]);
    expect(crash).toBe(sandbox.rounds('stake-crash').length + 1);
    await waitFor(() => sandbox.rounds('stake-crash').length > crash + 1 && sandbox.rounds('crazytime').length > wheel + 1, () => 'scripted rounds played', 20_000);

    const [big, small] = sandbox.rounds('stake-crash').slice(crash, crash + 2);
    expect(Number(big!.multiplier)).toBeGreaterThanOrEqual(1000);
    expect(Number(small!.multiplier)).toBeLessThan(1.5);
    const [bonus, other] = sandbox.rounds('crazytime').slice(wheel, wheel + 2);
    expect(bonus!.json).toContain('"segment":"crazytime"');
    expect(other!.json).not.toContain('"segment":"n1"');

    const response = await fetch(`${sandbox.url}/v1-beta/games/stake-crash/rounds?limit=50`, { headers: { authorization: `Bearer ${sandbox.key}` } });
    const page = await response.text();
    expect(page).toContain(big!.json);
  });

  it('scripts history rounds at start, leaving every other round as the seed made it', async () => {
    const plain = await start({ historyRounds: 40, games: ['stake-crash'] });
    const scripted = await start({ historyRounds: 40, games: ['stake-crash'], outcomes: [{ game: 'stake-crash', fromRound: 20, outcomes: [{ atLeast: 100 }] }] });
    const ids = (sandbox: Sandbox): string[] => sandbox.rounds('stake-crash').slice(0, 30).map((round) => round.roundId);
    expect(Number(scripted.rounds('stake-crash')[20]!.multiplier)).toBeGreaterThanOrEqual(100);
    expect(ids(scripted).filter((id, n) => id !== ids(plain)[n])).toEqual([scripted.rounds('stake-crash')[20]!.roundId]);
  });

  it('refuses an outcome the game cannot show, saying so', async () => {
    await expect(start({ historyRounds: 5, games: ['crazytime'], outcomes: [{ game: 'crazytime', fromRound: 2, outcomes: [{ segment: 'jackpot' }] }] })).rejects.toThrow(
      /no round of crazytime shows \{"segment":"jackpot"\}/,
    );
  });
});
