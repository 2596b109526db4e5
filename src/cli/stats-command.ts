import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RoundlogConfig } from '../main/core/config';
import { demoUniverse } from '../main/core/demo-universe';
import { demoHistoryFile, liveHistoryFile } from '../main/core/history-file';
import { StatsEngine } from '../main/core/stats/stats-engine';
import { openDatabase } from '../main/core/store/database';
import { History } from '../main/core/store/history';
import { UserFacingError } from '../main/core/user-facing-error';
import { catalogKind } from '../shared/games';
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
  /** Every exact cash-out target of the recorded bets (for --json), not only their bands. */
  readonly exactBetTargets?: boolean;
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
 * The history file `serve` and `sync` record into for this configuration (history-file.ts, as
 * compose.ts picks it), or null when there is none yet.
 */
export function historyFileOf(config: RoundlogConfig): string | null {
  if (config.upstream) {
    const file = liveHistoryFile(config.dataDir);
    return existsSync(file) ? file : null;
  }
  // demoUniverse writes a new universe when none is saved; with none saved there is no demo history to read.
  if (!existsSync(join(config.dataDir, 'sandbox.json'))) return null;
  const file = demoHistoryFile(config.dataDir, demoUniverse(config.dataDir).seed);
  return existsSync(file) ? file : null;
}

/** The summary and the window's statistics of one game, read from the history file and closed again. */
export function readStats(config: RoundlogConfig, request: StatsRequest, nowUs = Date.now() * 1000): StatsReport {
  const file = historyFileOf(config);
  if (file === null) throw new NoHistoryError(config);
  const db = openDatabase(file);
  try {
    const history = new History(db, catalogKind);
    const stats = new StatsEngine(db, history);
    return {
      summary: stats.summary(request.game, nowUs),
      stats: stats.gameStats({ game: request.game, window: request.window, houseEdge: request.houseEdge, nowUs, exactBetTargets: request.exactBetTargets ?? false }),
    };
  } finally {
    db.close();
  }
}
