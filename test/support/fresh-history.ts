import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Round } from '../../src/main/core/round';
import { openDatabase } from '../../src/main/core/store/database';
import { History } from '../../src/main/core/store/history';
import { catalogKind } from '../../src/shared/games';
import { microsToIso } from '../../src/shared/time';
import { useTempDir } from './temp-dir';

export interface FreshHistory {
  readonly db: Database;
  readonly history: History;
}

/** A new history file for each test of the describe block it is called in, opened as the app opens one. */
export function useFreshHistory(): () => FreshHistory {
  let dir: ReturnType<typeof useTempDir>;
  let opened: FreshHistory | null = null;
  beforeEach(() => {
    dir = useTempDir();
    const db = openDatabase(join(dir.path, 'history.sqlite'));
    opened = { db, history: new History(db, catalogKind) };
  });
  afterEach(() => {
    opened?.db.close();
    opened = null;
    dir.remove();
  });
  return () => {
    if (opened === null) throw new Error('useFreshHistory: the history exists only inside a test');
    return opened;
  };
}

/** The `n`-th round of a crash game at `us`: round_index counts up from a value above 2^53. */
export function crashRound(n: number, us: number, multiplier: string, game = 'stake-crash'): Round {
  const index = 7_393_228_772_258_146_753n + BigInt(n);
  return {
    game,
    roundId: `r${n}`,
    roundIndex: index,
    multiplier,
    finalizedAt: microsToIso(us),
    finalizedUs: us,
    segment: null,
    json: `{"round_index":${index},"round_id":"r${n}","multiplier":"${multiplier}"}`,
  };
}
