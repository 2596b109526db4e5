import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { lawOf } from '../../../src/main/core/stats/multiplier-law';
import { exactFigures, type ExactFigures } from '../../../src/main/core/stats/exact/exact-figures';
import { readSortedMultipliers } from '../../../src/main/core/stats/exact/exact-job';
import { resolveWindow, StatsEngine } from '../../../src/main/core/stats/stats-engine';
import { resolveEndpoints } from '../../../src/main/core/sources/trackersino/endpoints';
import { inlinePageParser } from '../../../src/main/core/sources/trackersino/page-parser';
import { TrackerSinoRest } from '../../../src/main/core/sources/trackersino/rest-client';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { catalogKind } from '../../../src/shared/games';
import type { StatsWindow } from '../../../src/shared/stats/window';
import type { Sandbox } from '../../../src/sim/server';

// A local history holding every round a sandbox has finalised, taken in the way a backfill takes
// them: /rounds pages fetched with the app's REST client, parsed by its page parser, committed
// through History.commit. The statistics read it through the same StatsEngine the service uses.

/** /rounds' largest page. */
const PAGE_ROUNDS = 1000;

export interface LocalHistory {
  readonly db: Database;
  readonly history: History;
  readonly engine: StatsEngine;
  /** getExactStats' figures over a window, computed inline from the stored multipliers. */
  exact(slug: string, window: StatsWindow, nowUs: number): ExactFigures;
  /** The stored multipliers of rounds with fromUs ≤ finalized_us < toUs, ascending. */
  sortedMultipliers(slug: string, fromUs: number | null, toUs: number): Float64Array;
  close(): void;
}

export function openLocalHistory(dir: string): LocalHistory {
  const db = openDatabase(join(dir, 'history.sqlite'));
  const history = new History(db, catalogKind);
  const gameOf = (slug: string) => history.statsGame(slug);
  const engine = new StatsEngine(db, history);
  const requireGame = (slug: string) => {
    const game = gameOf(slug);
    if (game === undefined) throw new Error(`no rounds of ${slug} were recorded`);
    return game;
  };
  const sortedMultipliers = (slug: string, fromUs: number | null, toUs: number): Float64Array =>
    readSortedMultipliers(db, { file: '', game: requireGame(slug), fromUs, toUs });
  return {
    db,
    history,
    engine,
    exact: (slug, window, nowUs) => {
      const { fromUs, toUs } = resolveWindow(window, nowUs);
      return exactFigures(sortedMultipliers(slug, fromUs, toUs), lawOf(requireGame(slug), null));
    },
    sortedMultipliers,
    close: () => db.close(),
  };
}

/**
 * Pages back through the sandbox's /rounds of `game`, newest first, committing each page as it
 * comes; returns how many rounds were stored. Any row the parser rejects fails loudly: parity is
 * meaningless over a history with holes.
 */
export async function recordSandboxRounds(local: LocalHistory, sandbox: Sandbox, apiKey: string, game: string): Promise<number> {
  const rest = new TrackerSinoRest(resolveEndpoints(sandbox.url), apiKey, inlinePageParser);
  let stored = 0;
  let beforeIndex: bigint | undefined;
  try {
    for (;;) {
      const page = await rest.rounds(game, { limit: PAGE_ROUNDS, ...(beforeIndex === undefined ? {} : { beforeIndex }) });
      if (page.rejected.length > 0) throw new Error(`${game}: ${page.rejected.length} rows rejected, first: ${page.rejected[0]!.reason}`);
      if (page.rounds.length === 0) return stored;
      stored += local.history.commit({ rounds: page.rounds, coverage: [], quarantine: [] }).length;
      const oldest = page.rounds.at(-1)!.roundIndex;
      if (oldest === null) throw new Error(`${game}: a row without round_index cannot be paged past`);
      beforeIndex = oldest;
    }
  } finally {
    rest.close();
  }
}
