import { expect } from 'vitest';
import type { RoundlogCore } from '../../src/main/core/compose';
import { isoToMicros } from '../../src/shared/time';
import type { Sandbox } from '../../src/sim/server';
import { readHistory } from './history';
import { waitFor } from './wait';

/** The part of a row from `"raw":` on: the same text in a REST row and in its stream frame. */
const rawOf = (json: string): string => json.slice(json.indexOf('"raw":'));
const finalizedUsOf = (json: string): number => isoToMicros(/"finalized_at":"([^"]+)"/.exec(json)![1]!)!;

/**
 * Waits until every round the sandbox has finalised so far is stored, then checks the history
 * against the sandbox's own record: nothing missing, nothing doubled, every field identical
 * (round_index exact, multiplier as the same string, the same microsecond, the same raw payload).
 * A frame may carry finalized_at in another precision than REST's: the instant is what must match.
 */
export async function expectCompleteHistory(core: RoundlogCore, sandbox: Sandbox, games: readonly string[], timeoutMs = 15_000): Promise<void> {
  const expected = new Map<string, string>();
  for (const game of games) for (const round of sandbox.rounds(game)) expected.set(`${game}/${round.roundId}`, round.json);
  const missing = (): string[] => {
    const stored = new Set(readHistory(core.databaseFile).map((r) => `${r.game}/${r.roundId}`));
    return [...expected.keys()].filter((key) => !stored.has(key));
  };
  await waitFor(async () => {
    await core.flush();
    return missing().length === 0;
  }, () => `missing ${missing().length} of ${expected.size}: ${missing().slice(0, 3).join(', ')}`, timeoutMs);

  const stored = readHistory(core.databaseFile).filter((row) => games.includes(row.game));
  const keys = stored.map((r) => `${r.game}/${r.roundId}`);
  expect(new Set(keys).size).toBe(keys.length);
  const simIndex = new Map<string, bigint>();
  for (const game of games) for (const round of sandbox.rounds(game)) simIndex.set(`${game}/${round.roundId}`, round.roundIndex);
  for (const row of stored) {
    const key = `${row.game}/${row.roundId}`;
    const sent = expected.get(key);
    if (sent === undefined) continue; // finalised after the snapshot above
    expect(row.roundIndex, key).toBe(simIndex.get(key));
    expect(`"multiplier":"${row.multiplier}"`).toBe(/"multiplier":"[^"]*"/.exec(sent)![0]);
    expect(Number(row.finalizedUs), key).toBe(finalizedUsOf(sent));
    expect(rawOf(row.rowJson), key).toBe(rawOf(sent));
  }
}
