import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Round } from '../../../src/main/core/round';
import { openDatabase } from '../../../src/main/core/store/database';
import { History } from '../../../src/main/core/store/history';
import { StatsEngine } from '../../../src/main/core/stats/stats-engine';
import { catalogKind } from '../../../src/shared/games';
import { microsToIso } from '../../../src/shared/time';
import { useTempDir } from '../../support/temp-dir';

// The hourly panel keeps each whole hour's figures between asks; an hour that gains a round (a
// backfilled one, an import) must show it on the next ask, as a fresh engine would.

const GAME = 'stake-crash';
const HOUR_US = 3_600_000_000;
/** The top of a UTC hour. */
const START_US = Math.floor(1_780_000_000_000_000 / HOUR_US) * HOUR_US;

function round(n: number, us: number, multiplier: string): Round {
  const index = 7_393_228_772_258_146_753n + BigInt(n);
  return {
    game: GAME,
    roundId: `r${n}`,
    roundIndex: index,
    multiplier,
    finalizedAt: microsToIso(us),
    finalizedUs: us,
    segment: null,
    json: `{"round_index":${index},"round_id":"r${n}","multiplier":"${multiplier}"}`,
  };
}

describe('the hourly panel', () => {
  let dir: ReturnType<typeof useTempDir>;
  let db: Database;
  let history: History;
  beforeEach(() => {
    dir = useTempDir();
    db = openDatabase(join(dir.path, 'history.sqlite'));
    history = new History(db, catalogKind);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('shows a round added to an hour it has already shown, as a fresh engine does', () => {
    // Six hours, a round every 10 minutes at 1.50×.
    const rounds = Array.from({ length: 36 }, (_, n) => round(n, START_US + n * 600_000_000 + 1_000_000, '1.5000'));
    history.commit({ rounds, coverage: [], quarantine: [] });
    const engine = new StatsEngine(db, history);
    const nowUs = START_US + 6 * HOUR_US + 60_000_000;
    const ask = (on: StatsEngine) => on.gameStats({ game: GAME, window: '24h', nowUs }).multiplier.hourly;
    const before = ask(engine);
    expect(ask(engine)).toEqual(before);
    const second = before.find((row) => row.hour === microsToIso(START_US + HOUR_US))!;
    expect(second).toMatchObject({ count: 6, max: 1.5, hits2x: 0 });

    // A backfilled 12× round in the middle of the second hour, long closed.
    history.commit({ rounds: [round(100, START_US + HOUR_US + 1_800_000_000 + 5, '12.0000')], coverage: [], quarantine: [] });
    const after = ask(engine);
    expect(after.find((row) => row.hour === second.hour)).toMatchObject({ count: 7, max: 12, hits2x: 1, hits10x: 1 });
    expect(after).toEqual(ask(new StatsEngine(db, history)));
  });
});
