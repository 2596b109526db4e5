import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSandbox, type Sandbox } from '../../src/sim/server';

const STARTER = 'ts_starter_key_0001';
const PRO = 'ts_pro_key_0002';
const ENTERPRISE = 'ts_enterprise_key_0003';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'tiers-spec',
    historyMs: 60_000,
    speed: 1000,
    pingIntervalMs: 50,
    keys: [
      { key: STARTER, tier: 'starter' },
      { key: PRO, tier: 'pro' },
      { key: ENTERPRISE, tier: 'enterprise' },
    ],
  });
});
afterAll(() => sandbox.close());

function games(key: string | null): Promise<Response> {
  return fetch(`${sandbox.url}/v1-beta/games`, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
}

function upgradeAnswer(key: string): Promise<{ status: number; body: string }> {
  const socket = new WebSocket(`${sandbox.url.replace('http', 'ws')}/v1-beta/stream`, { headers: { Authorization: `Bearer ${key}` } });
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.on('open', () => {
      socket.terminate();
      resolve({ status: 101, body: '' });
    });
    socket.on('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

describe('tiers', () => {
  it('maps the default key to Pro and each listed key to its own plan', () => {
    expect(sandbox.tierOf(sandbox.key)).toBe('pro');
    expect(sandbox.tierOf(STARTER)).toBe('starter');
    expect(sandbox.tierOf(ENTERPRISE)).toBe('enterprise');
    expect(sandbox.tierOf('ts_nobody')).toBeUndefined();
  });

  it('refuses the stream to a Starter key with 403 JSON, and opens it for Pro and Enterprise', async () => {
    const starter = await upgradeAnswer(STARTER);
    expect(starter.status).toBe(403);
    expect(JSON.parse(starter.body)).toMatchObject({ error: 'forbidden', message: expect.stringContaining('tier=starter') });
    expect((await upgradeAnswer(PRO)).status).toBe(101);
    expect((await upgradeAnswer(ENTERPRISE)).status).toBe(101);
  });

  it('answers an unknown key 401 before any budget is spent', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => games('ts_wrong')));
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(401));
  });
});

describe('rate limits', () => {
  it('lets a Starter key burst 10 requests, then answers 429 with Retry-After and the seed body', async () => {
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 16 }, () => games(STARTER)));
    // On a loaded machine the bucket refills a little while the requests are in flight.
    const refilled = Math.floor(((Date.now() - started) / 1000) * 5);
    const passed = replies.filter((reply) => reply.status === 200).length;
    expect(passed).toBeGreaterThanOrEqual(10);
    expect(passed).toBeLessThanOrEqual(10 + refilled);
    expect(replies.every((reply) => reply.status === 200 || reply.status === 429)).toBe(true);
    const limited = replies.find((reply) => reply.status === 429)!;
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    const text = await limited.text();
    expect(text).toBe(`{"error":"rate_limited","message":"Exceeded 5 req/s on tier=starter","retry_after_s":${retryAfter}}`);
    expect(limited.headers.get('content-type')).toBe('application/json');
  });

  it('refills a Starter key at 5 requests a second', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const fresh = await Promise.all(Array.from({ length: 10 }, () => games(STARTER)));
    expect(fresh.every((reply) => reply.status === 200)).toBe(true);
    const more = await Promise.all(Array.from({ length: 6 }, () => games(STARTER)));
    expect(more.some((reply) => reply.status === 429)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await games(STARTER)).status).toBe(200);
  });

  it('passes a Pro key sending 50 requests a second for two seconds', async () => {
    const statuses: number[] = [];
    for (let second = 0; second < 2; second++) {
      const started = Date.now();
      statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => games(PRO)))).map((reply) => reply.status));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - started))));
    }
    expect(statuses).toEqual(Array(100).fill(200));
  });

  it('names the tier and its rate in a Pro 429', async () => {
    const replies = await Promise.all(Array.from({ length: 250 }, () => games(PRO)));
    const limited = replies.filter((reply) => reply.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const body = (await limited[0]!.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: 'rate_limited', message: 'Exceeded 50 req/s on tier=pro', retry_after_s: expect.any(Number) });
  });

  it('keeps one bucket per key: another key is not slowed by a limited one', async () => {
    expect((await games(ENTERPRISE)).status).toBe(200);
  });

  it('gives a custom Enterprise key its own rate', async () => {
    const custom = await startSandbox({ seed: 'tiers-custom', historyMs: 0, keys: [{ key: 'ts_big', tier: 'enterprise', ratePerSecond: 2, burst: 3 }] });
    try {
      const replies = await Promise.all(
        Array.from({ length: 4 }, () => fetch(`${custom.url}/v1-beta/games`, { headers: { authorization: 'Bearer ts_big' } })),
      );
      const limited = replies.find((reply) => reply.status === 429)!;
      expect(await limited.json()).toMatchObject({ message: 'Exceeded 2 req/s on tier=enterprise' });
    } finally {
      await custom.close();
    }
  });
});
