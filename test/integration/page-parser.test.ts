import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerPageParser } from '../../src/main/core/sources/trackersino/page-parser';
import { parseRoundPage } from '../../src/main/core/sources/trackersino/round-page';
import { startSandbox } from '../../src/sim/server';
import { builtPageParseWorker } from '../support/built-worker';
import { useTempDir } from '../support/temp-dir';

// Backfill pages are parsed on a worker thread; what comes back must be exactly what parsing on
// the main thread gives.

let pages: Record<string, string>;
beforeAll(async () => {
  const sandbox = await startSandbox({ seed: 'page-parser', speed: 50, historyMs: 10 * 60_000 });
  pages = Object.fromEntries(
    ['stake-crash', 'crazytime'].map((game) => [game, `[${sandbox.rounds(game).slice(-500).map((r) => r.json).reverse().join(',')}]`]),
  );
  await sandbox.close();
});

describe('page parsing on a worker thread', () => {
  const parser = workerPageParser(builtPageParseWorker());
  afterAll(() => parser.close());

  it('gives exactly the rounds parsing on the main thread gives', async () => {
    for (const [game, text] of Object.entries(pages)) {
      const onWorker = await parser.parse(game, text);
      expect(onWorker.rounds.length).toBe(500);
      expect(onWorker).toEqual(parseRoundPage(game, text));
    }
  });

  it('keeps the good rows of a page and sets the bad ones aside with a reason', async () => {
    const result = await parser.parse('crazytime', '[{"round_id":"x","multiplier":"2.0000","state":"finalized","finalized_at":"2026-06-01T12:19:36Z"}, {"round_id": 7}]');
    expect(result.rounds.map((r) => r.roundId)).toEqual(['x']);
    expect(result.rejected).toEqual([expect.objectContaining({ text: '{"round_id": 7}' })]);
  });

  it('rejects a page that is not JSON with the reason', async () => {
    await expect(parser.parse('crazytime', '[{"round_id":')).rejects.toThrow(/not JSON/);
  });

  it('falls back to the main thread when the worker dies, losing no page', async () => {
    const dir = useTempDir();
    const dying = join(dir.path, 'dying-worker.mjs');
    writeFileSync(dying, 'process.exit(3);');
    const logged: string[] = [];
    const fragile = workerPageParser(pathToFileURL(dying), (line) => logged.push(line));
    const result = await fragile.parse('stake-crash', pages['stake-crash']!);
    expect(result.rounds.length).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fragile.parse('stake-crash', pages['stake-crash']!)).rounds.length).toBe(500);
    expect(logged.join('\n')).toMatch(/worker stopped/);
    await fragile.close();
    dir.remove();
  });
});
