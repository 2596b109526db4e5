import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sim/server';
import { get, roundIndices } from './sandbox-client';

interface TimedRow {
  readonly round_id: string;
  readonly finalized_at: string;
}

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'paging-spec', historyMs: 2 * 60 * 60_000, speed: 20 });
});
afterAll(() => sandbox.close());

describe('before_index keyset paging', () => {
  it('walks the whole history with no row skipped or repeated', async () => {
    const walked: bigint[] = [];
    let cursor: bigint | null = null;
    for (let page = 0; page < 100; page++) {
      const query: string = cursor === null ? 'limit=333' : `limit=333&before_index=${cursor}`;
      const reply = await get(sandbox, `/v1-beta/games/stake-crash/rounds?${query}`);
      expect(reply.status).toBe(200);
      const indices = roundIndices(reply.text);
      if (indices.length === 0) break;
      walked.push(...indices);
      cursor = indices.at(-1) ?? null;
    }
    const newest = walked[0] ?? 0n;
    const records = sandbox.rounds('stake-crash');
    const oldest = records[0]?.roundIndex ?? -1n;
    expect(walked.length).toBeGreaterThan(3 * 333);
    expect(walked.at(-1)).toBe(oldest);
    expect(BigInt(walked.length)).toBe(newest - oldest + 1n);
    walked.forEach((index, i) => i > 0 && expect(index).toBe((walked[i - 1] ?? 0n) - 1n));
  });

  it('compares before_index as a big integer, not a rounded double', async () => {
    const records = sandbox.rounds('crazytime');
    const target = records[records.length - 10];
    // Neighbouring indices above 2^53 collapse to one double; the answer must not.
    const reply = await get(sandbox, `/v1-beta/games/crazytime/rounds?limit=1&before_index=${target?.roundIndex}`);
    expect(roundIndices(reply.text)).toEqual([(target?.roundIndex ?? 0n) - 1n]);
  });

  it('answers an index below every round with an empty page', async () => {
    const reply = await get(sandbox, '/v1-beta/games/stake-crash/rounds?before_index=7');
    expect(reply.text).toBe('[]');
  });
});

describe('time filters', () => {
  it('since is inclusive at microsecond precision', async () => {
    const records = sandbox.rounds('stake-crash');
    // Recent enough that every row since it fits in one page of 1000.
    const pivot = records[records.length - 300];
    const finalizedAt = (JSON.parse(pivot?.json ?? '{}') as TimedRow).finalized_at;
    const second = finalizedAt.slice(0, 19);

    const rowsSince = async (since: string): Promise<TimedRow[]> => {
      const reply = await get(sandbox, `/v1-beta/games/stake-crash/rounds?limit=1000&since=${encodeURIComponent(since)}`);
      expect(reply.status).toBe(200);
      return JSON.parse(reply.text) as TimedRow[];
    };
    // Rows keep arriving at the top while the test runs, so it looks only at the oldest end.
    const oldestSince = async (since: string): Promise<TimedRow | undefined> => (await rowsSince(since)).at(-1);

    const atSecond = await rowsSince(`${second}Z`);
    expect(atSecond.at(-1)?.finalized_at).toBe(finalizedAt);
    expect(atSecond.map((row) => row.round_id)).toContain(pivot?.roundId);
    // The same instant written with other precisions and zones selects the same oldest row.
    const shifted = new Date(Date.parse(`${second}Z`) + 2 * 3_600_000).toISOString().slice(0, 19);
    for (const same of [`${second}.000000Z`, `${second}.000000000Z`, `${second}.0Z`, `${shifted}+02:00`]) {
      expect(await oldestSince(same)).toEqual(atSecond.at(-1));
    }

    // One microsecond later excludes every row of that second, and only those.
    const after = await rowsSince(`${second}.000001Z`);
    expect(after.every((row) => row.finalized_at > finalizedAt)).toBe(true);
    expect(after.at(-1)).toEqual(atSecond.filter((row) => row.finalized_at > finalizedAt).at(-1));
  });

  it('window and since_minutes keep only recent rows, and combined filters take the most restrictive', async () => {
    const nowMs = Date.now();
    const parse = (text: string): TimedRow[] => JSON.parse(text) as TimedRow[];
    const window5m = parse((await get(sandbox, '/v1-beta/games/crazytime/rounds?window=5m&limit=1000')).text);
    expect(window5m.length).toBeGreaterThan(0);
    for (const row of window5m) expect(Date.parse(row.finalized_at)).toBeGreaterThanOrEqual(nowMs - 5 * 60_000 - 1000);

    const minutes30 = parse((await get(sandbox, '/v1-beta/games/crazytime/rounds?since_minutes=30&limit=1000')).text);
    expect(minutes30.length).toBeGreaterThan(window5m.length);

    const combined = parse(
      (await get(sandbox, '/v1-beta/games/crazytime/rounds?since_minutes=30&window=5m&since=2000-01-01T00:00:00Z&limit=1000')).text,
    );
    expect(Math.abs(combined.length - window5m.length)).toBeLessThanOrEqual(2);
  });
});
