import { vi } from 'vitest';
import { startSandbox, type Sandbox, type SimRoundRecord } from '../../../src/sim/server';

// A sandbox whose clock stands still: Date is faked (timers are not), so no round finishes while
// a test runs and every answer can be recomputed exactly from sandbox.rounds(game).

/** 2026-06-01T12:20:57.684Z, the seed summary's generated_at. */
export const FROZEN_NOW_MS = Date.UTC(2026, 5, 1, 12, 20, 57, 684);
export const HOUR_MS = 3_600_000;

/**
 * The key these tests send: a custom plan far above any test's pace, since a frozen clock would
 * never refill a rate-limit bucket.
 */
export const UNLIMITED_KEY = 'ts_sandbox_endpoint_specs';

export async function startFrozenSandbox(seed: string, historyMs: number, games?: readonly string[]): Promise<Sandbox> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FROZEN_NOW_MS);
  return startSandbox({
    seed,
    epochMs: FROZEN_NOW_MS - historyMs,
    speed: 1,
    keys: [{ key: UNLIMITED_KEY, tier: 'enterprise', ratePerSecond: 1_000_000, burst: 1_000_000 }],
    ...(games ? { games } : {}),
  });
}

export async function stopFrozenSandbox(sandbox: Sandbox | undefined): Promise<void> {
  await sandbox?.close();
  vi.useRealTimers();
}

export interface TextReply {
  readonly status: number;
  readonly text: string;
}

/** GET with plain fetch, the body kept as text so big integers can be read from it exactly. */
export async function fetchText(sandbox: Sandbox, path: string): Promise<TextReply> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${UNLIMITED_KEY}` } });
  return { status: response.status, text: await response.text() };
}

export async function fetchJson<T>(sandbox: Sandbox, path: string): Promise<T> {
  const reply = await fetchText(sandbox, path);
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
  return JSON.parse(reply.text) as T;
}

/** Rounds whose finalized_at (the finish floored to the second) is within `windowMs` of now. */
export function inWindow(records: readonly SimRoundRecord[], windowMs: number): SimRoundRecord[] {
  const sinceMs = FROZEN_NOW_MS - windowMs;
  return records.filter((record) => Math.floor(record.finalizedAtMs / 1000) * 1000 >= sinceMs);
}

/** The multiplier in units of 1/10,000 (the row's 4 decimals), as the endpoints compare them. */
export function units(record: SimRoundRecord): number {
  return Math.round(Number(record.multiplier) * 10_000);
}

/** A threshold multiplier in the same units. */
export function unitsOfX(x: number): number {
  return Math.round(x * 10_000);
}

/** finalized_at as the row itself writes it. */
export function finalizedAt(record: SimRoundRecord): string {
  return (JSON.parse(record.json) as { finalized_at: string }).finalized_at;
}

/** The row's raw payload; the row's own round_index is read from record.roundIndex instead. */
export function rawOf(record: SimRoundRecord): Record<string, unknown> {
  return (JSON.parse(record.json) as { raw: Record<string, unknown> }).raw;
}

export function secondsIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** percentile_cont over sorted values, in the endpoints' 4-decimal text. */
export function quantile(sorted: readonly number[], q: number): string {
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const a = sorted[low] as number;
  const b = sorted[Math.min(low + 1, sorted.length - 1)] as number;
  return ((a + (b - a) * (rank - low)) / 10_000).toFixed(4);
}
