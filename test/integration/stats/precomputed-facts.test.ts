import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Round } from '../../../src/main/core/round';
import { workerPageParser } from '../../../src/main/core/sources/trackersino/page-parser';
import { hasFacts, roundFacts } from '../../../src/main/core/stats/round-facts';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { catalogKind } from '../../../src/shared/games';
import { toUnits } from '../../../src/shared/stats/thresholds';
import { simulatedSlugs } from '../../../src/sim/games/catalog';
import { generateHistory } from '../../../src/sim/games/history';
import { builtPageParseWorker } from '../../support/built-worker';
import { useTempDir } from '../../support/temp-dir';

// Backfill pages come with each round's statistics facts read on the page-parse worker; the
// rollups must come out exactly as when the commit reads them from the row text, for every game
// the sandbox plays.

const ROUNDS = 600;

function page(slug: string): string {
  return `[${generateHistory(slug, 'precomputed-facts', ROUNDS).records.map((record) => record.json).join(',')}]`;
}

function withoutFacts(rounds: readonly Round[]): Round[] {
  return rounds.map(({ facts: _facts, ...round }) => round);
}

/** Everything the rollups wrote, row by row, text as stored. */
function rollupTables(file: string, rounds: readonly Round[], kindOf: (slug: string) => string): unknown[] {
  const db = openDatabase(file);
  try {
    const history = new History(db, kindOf);
    // Two commits, so both the extend-an-hour and the new-hour paths run.
    const half = Math.floor(rounds.length / 2);
    history.commit({ rounds: rounds.slice(half), coverage: [], quarantine: [] });
    history.commit({ rounds: rounds.slice(0, half), coverage: [], quarantine: [] });
    return ['stats_hours', 'stats_days', 'stats_events'].map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());
  } finally {
    db.close();
  }
}

describe('round facts read on the page-parse worker', () => {
  const parser = workerPageParser(builtPageParseWorker());
  afterAll(() => parser.close());

  it('covers every game of the sandbox', () => {
    expect(simulatedSlugs()).toHaveLength(15);
  });

  for (const slug of simulatedSlugs()) {
    it(`${slug}: equal the facts the main thread reads, and give byte-identical rollups`, async () => {
      const kind = catalogKind(slug);
      const { rounds, rejected } = await parser.parse(slug, page(slug));
      expect(rejected).toEqual([]);
      expect(rounds.length).toBeGreaterThan(ROUNDS / 2);
      let withEvidence = 0;
      for (const round of rounds) {
        if (!hasFacts(kind)) {
          expect(round.facts).toBeUndefined();
          continue;
        }
        const units = toUnits(Number(round.multiplier));
        const onMain = roundFacts(slug, kind, round.json, round.segment, units);
        expect(round.facts).toEqual({ kind, facts: onMain });
        if (onMain.bets !== null || onMain.events.length > 0) withEvidence++;
      }
      // The sandbox's rows carry what the facts are read from: this compares something.
      if (hasFacts(kind)) expect(withEvidence).toBe(rounds.length);

      const dir = useTempDir();
      try {
        const precomputed = rollupTables(join(dir.path, 'precomputed.sqlite'), rounds, catalogKind);
        const scanned = rollupTables(join(dir.path, 'scanned.sqlite'), withoutFacts(rounds), catalogKind);
        expect(precomputed).toEqual(scanned);
        expect((precomputed[0] as unknown[]).length).toBeGreaterThan(0);
        // A history that counts the game as another kind reads the rows itself, as before.
        const other = kind === 'crash' ? 'wheel-show' : 'crash';
        expect(rollupTables(join(dir.path, 'other-kind.sqlite'), rounds, () => other)).toEqual(
          rollupTables(join(dir.path, 'other-kind-scanned.sqlite'), withoutFacts(rounds), () => other),
        );
      } finally {
        dir.remove();
      }
    });
  }
});
