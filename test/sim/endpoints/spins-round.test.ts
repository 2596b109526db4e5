import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sim/server';
import {
  HOUR_MS,
  fetchText,
  inWindow,
  rawOf,
  startFrozenSandbox,
  stopFrozenSandbox,
} from './frozen-sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startFrozenSandbox('spins-spec', 6 * HOUR_MS);
});
afterAll(() => stopFrozenSandbox(sandbox));

const SECTORS: Record<string, string> = {
  n1: '1',
  n2: '2',
  n5: '5',
  n10: '10',
  coinflip: 'Coin Flip',
  cashhunt: 'Cash Hunt',
  pachinko: 'Pachinko',
  crazytime: 'Crazy Time',
};

describe('GET /v1-beta/games/{slug}/spins', () => {
  it('serves /rounds rows with segment, sector and multiplier_text decoded from raw, latest first', async () => {
    const reply = await fetchText(sandbox, '/v1-beta/games/crazytime/spins?limit=40&window=3h');
    expect(reply.status).toBe(200);
    const window = inWindow(sandbox.rounds('crazytime'), 3 * HOUR_MS);
    const expected = window.slice(-40).reverse();
    const spins = JSON.parse(reply.text) as Record<string, unknown>[];
    expect(spins).toHaveLength(expected.length);
    expected.forEach((record, i) => {
      const segment = rawOf(record).segment as string;
      const extra = `,"segment":"${segment}","sector":"${SECTORS[segment]}","multiplier_text":"${Number(record.multiplier)}x"}`;
      expect(reply.text).toContain(record.json.slice(0, -1) + extra);
      expect(spins[i]?.round_id).toBe(record.roundId);
    });
  });

  it('pages the whole history without a window and bounds limit', async () => {
    const all = sandbox.rounds('crazytime');
    const spins = JSON.parse((await fetchText(sandbox, '/v1-beta/games/crazytime/spins?limit=1000')).text) as unknown[];
    expect(spins).toHaveLength(Math.min(1000, all.length));
    const crash = await fetchText(sandbox, '/v1-beta/games/stake-crash/spins?limit=1');
    const newest = sandbox.rounds('stake-crash').at(-1)!;
    expect(crash.text).toBe(
      `[${newest.json.slice(0, -1)},"segment":null,"sector":null,"multiplier_text":"${Number(newest.multiplier)}x"}]`,
    );
  });
});

describe('GET /v1-beta/games/{slug}/round/{round_id}', () => {
  it('returns the stored row, bonus payload and exact round_index included', async () => {
    const bonus = sandbox.rounds('crazytime').find((record) => rawOf(record).bonus_data !== null)!;
    const reply = await fetchText(sandbox, `/v1-beta/games/crazytime/round/${bonus.roundId}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(bonus.json);
    const crash = sandbox.rounds('stake-crash')[7]!;
    const crashReply = await fetchText(sandbox, `/v1-beta/games/stake-crash/round/${crash.roundId}`);
    expect(crashReply.text).toBe(crash.json);
    expect(crashReply.text).toContain(`"round_index":${crash.roundIndex},`);
  });

  it('answers 404 round_not_found for an unknown id and 404 game_not_found for an unknown game', async () => {
    const missing = await fetchText(sandbox, '/v1-beta/games/stake-crash/round/000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toMatchObject({ error: 'round_not_found' });
    const wrongGame = await fetchText(sandbox, `/v1-beta/games/crazytime/round/${sandbox.rounds('stake-crash')[0]!.roundId}`);
    expect(wrongGame.status).toBe(404);
    const noGame = await fetchText(sandbox, '/v1-beta/games/no-such-game/round/abc');
    expect(noGame.status).toBe(404);
    expect(JSON.parse(noGame.text)).toMatchObject({ error: 'game_not_found' });
  });

  it('shows the round still in play, without its outcome, when asked for its id', async () => {
    const latest = await fetchText(sandbox, '/v1-beta/games/stake-crash/rounds/latest?only_finalized=false');
    const running = JSON.parse(latest.text) as { round_id: string; state: string };
    expect(running.state).toBe('running');
    const reply = await fetchText(sandbox, `/v1-beta/games/stake-crash/round/${running.round_id}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(latest.text);
  });
});
