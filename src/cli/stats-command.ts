import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RoundlogConfig } from '../main/core/config';
import { demoUniverse } from '../main/core/demo-universe';
import { StatsEngine } from '../main/core/stats/stats-engine';
import { openDatabase } from '../main/core/store/database';
import { History } from '../main/core/store/history';
import { UserFacingError } from '../main/core/user-facing-error';
import { canonicalSlug, findGame } from '../shared/games';
import type { GameStatsView } from '../shared/stats/game-stats';
import type { SummaryView } from '../shared/stats/multiplier-stats';
import type { StatsWindow } from '../shared/stats/window';

// `roundlog stats`: reads the history `serve` and `sync` record, without recording anything or
// starting the sandbox, and answers what the dashboard's statistics would.

export interface StatsRequest {
  readonly game: string;
  readonly window: StatsWindow;
  /** A house edge (0 ≤ e < 1) for the fair baseline instead of the game's own law. */
  readonly houseEdge: number | null;
}

/** The one document `--json` prints. */
export interface StatsReport {
  readonly summary: SummaryView;
  readonly stats: GameStatsView;
}

/** A data folder nothing has been recorded into yet. */
export class NoHistoryError extends UserFacingError {
  constructor(config: RoundlogConfig) {
    const what = config.upstream ? 'history recorded with an API key' : 'demo history (no API key is set)';
    super('no_history', `There is no ${what} in ${config.dataDir} yet. Record one first with \`roundlog sync\` or \`roundlog serve\` and the same --data-dir.`);
  }
}

/**
 * The history file `serve` and `sync` record into for this configuration, or null when there is
 * none yet. compose.ts makes the same choice inline (`history.sqlite` with a key, the demo
 * universe's `demo-<seed>.sqlite` without): keep the two in step.
 */
export function historyFileOf(config: RoundlogConfig): string | null {
  if (config.upstream) {
    const file = join(config.dataDir, 'history.sqlite');
    return existsSync(file) ? file : null;
  }
  // demoUniverse writes a new universe when none is saved; with none saved there is no demo history to read.
  if (!existsSync(join(config.dataDir, 'sandbox.json'))) return null;
  const file = join(config.dataDir, `demo-${demoUniverse(config.dataDir).seed}.sqlite`);
  return existsSync(file) ? file : null;
}

/** The summary and the window's statistics of one game, read from the history file and closed again. */
export function readStats(config: RoundlogConfig, request: StatsRequest, nowUs = Date.now() * 1000): StatsReport {
  const file = historyFileOf(config);
  if (file === null) throw new NoHistoryError(config);
  const db = openDatabase(file);
  try {
    const history = new History(db, (slug) => findGame(slug)?.kind ?? 'unknown');
    const stats = new StatsEngine(db, history.rollups, (slug) => history.statsGame(canonicalSlug(slug)));
    return {
      summary: stats.summary(request.game, nowUs),
      stats: stats.gameStats({ game: request.game, window: request.window, houseEdge: request.houseEdge, nowUs }),
    };
  } finally {
    db.close();
  }
}
