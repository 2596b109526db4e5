import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { startRoundlog } from '../../../src/main/core/compose';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { parseRoundFrame } from '../../../src/main/core/sources/trackersino/round-row';
import { catalogKind } from '../../../src/shared/games';
import { startSandbox } from '../../../src/sim/server';
import { expectCompleteHistory } from '../../support/complete-history';
import { waitFor } from '../../support/wait';

// A real history to export: the sandbox's Stake Crash (round_index above 2^53, multipliers as
// strings) and Crazy Time (segments, bonus payloads) recorded by the app's own client, backfilled
// over REST and then live over the stream (so rows are both REST rows and stream frames), plus one
// round of a game Roundlog does not know, stored as the recorder stores such a frame.

export const RECORDED_GAMES = ['stake-crash', 'crazytime'] as const;
export const UNKNOWN_GAME = 'brand-new-crash';

/** A stream frame of a game not in the catalog, as upstream might send it. */
export const UNKNOWN_FRAME =
  `{"game_id":"${UNKNOWN_GAME}","round_index":9007199254740993123,"round_id":"bn-1","multiplier":"12.3456789","state":"finalized",` +
  `"finalized_at":"2026-06-01T12:20:28.580645Z","raw":{"source":"elsewhere","note":"caf\\u00e9 \\"quoted\\", comma\\nnewline"}}`;

export async function recordHistory(dataDir: string): Promise<string> {
  const sandbox = await startSandbox({ seed: 'transfer-test', speed: 60, historyMs: 20 * 60_000, pingIntervalMs: 150, games: RECORDED_GAMES });
  try {
    const core = await startRoundlog(
      {
        dataDir,
        upstream: { baseUrl: sandbox.url, apiKey: sandbox.key },
        games: RECORDED_GAMES,
        historyDepthMs: 24 * 3_600_000,
        tier: 'auto',
        pingIntervalMs: 150,
      },
      { recorder: { pageSize: 200 } },
    );
    try {
      // Live rounds too, so that some rows are stream frames (with game_id) rather than REST rows.
      const before = sandbox.rounds('stake-crash').length;
      await waitFor(() => sandbox.rounds('stake-crash').length > before + 3, () => 'the sandbox producing live rounds');
      await expectCompleteHistory(core, sandbox, RECORDED_GAMES);
    } finally {
      await core.close();
    }
  } finally {
    await sandbox.close();
  }
  const file = join(dataDir, 'history.sqlite');
  const db = openDatabase(file);
  try {
    new History(db, catalogKind).commit({ rounds: [parseRoundFrame(UNKNOWN_FRAME)], coverage: [], quarantine: [] });
  } finally {
    db.close();
  }
  return file;
}

/** A history's rounds with every stored column but the surrogate ids, in one stable order. */
export interface RoundsRow {
  slug: string;
  kind: string;
  round_id: string;
  round_index_type: string;
  round_index: string | null;
  multiplier: string;
  multiplier_value: number;
  segment: string | null;
  finalized_us: number;
  finalized_at: string;
  row_json: string;
}

export function roundsTable(file: string, where = '1 = 1'): RoundsRow[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db
      .prepare(`
        SELECT g.slug, g.kind, r.round_id, typeof(r.round_index) AS round_index_type, CAST(r.round_index AS TEXT) AS round_index,
          r.multiplier, r.multiplier_value, r.segment, r.finalized_us, r.finalized_at, r.row_json
        FROM rounds r JOIN games g ON g.id = r.game_id
        WHERE ${where}
        ORDER BY g.slug, r.finalized_us, r.round_id`)
      .all() as RoundsRow[];
  } finally {
    db.close();
  }
}

/** An empty history (every migration applied), as a fresh data folder would start one. */
export function emptyHistory(file: string): History & { close(): void } {
  const db = openDatabase(file);
  const history = new History(db, catalogKind);
  return Object.assign(history, { close: () => db.close() });
}
