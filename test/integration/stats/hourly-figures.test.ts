import { describe, expect, it } from 'vitest';
import { StatsEngine } from '../../../src/main/core/stats/stats-engine';
import { microsToIso } from '../../../src/shared/time';
import { crashRound, useFreshHistory } from '../../support/fresh-history';

// The hourly panel keeps each whole hour's figures between asks; an hour that gains a round (a
// backfilled one, an import) must show it on the next ask, as a fresh engine would.

const GAME = 'stake-crash';
const HOUR_US = 3_600_000_000;
/** The top of a UTC hour. */
const START_US = Math.floor(1_780_000_000_000_000 / HOUR_US) * HOUR_US;

describe('the hourly panel', () => {
  const opened = useFreshHistory();

  it('shows a round added to an hour it has already shown, as a fresh engine does', () => {
    const { db, history } = opened();
    // Six hours, a round every 10 minutes at 1.50×.
    const rounds = Array.from({ length: 36 }, (_, n) => crashRound(n, START_US + n * 600_000_000 + 1_000_000, '1.5000'));
    history.commit({ rounds, coverage: [], quarantine: [] });
    const engine = new StatsEngine(db, history);
    const nowUs = START_US + 6 * HOUR_US + 60_000_000;
    const ask = (on: StatsEngine) => on.gameStats({ game: GAME, window: '24h', nowUs }).multiplier.hourly;
    const before = ask(engine);
    expect(ask(engine)).toEqual(before);
    const second = before.find((row) => row.hour === microsToIso(START_US + HOUR_US))!;
    expect(second).toMatchObject({ count: 6, max: 1.5, hits2x: 0 });

    // A backfilled 12× round in the middle of the second hour, long closed.
    history.commit({ rounds: [crashRound(100, START_US + HOUR_US + 1_800_000_000 + 5, '12.0000')], coverage: [], quarantine: [] });
    const after = ask(engine);
    expect(after.find((row) => row.hour === second.hour)).toMatchObject({ count: 7, max: 12, hits2x: 1, hits10x: 1 });
    expect(after).toEqual(ask(new StatsEngine(db, history)));

    // A live round in the newest hour: only that hour is read again.
    history.commit({ rounds: [crashRound(101, START_US + 6 * HOUR_US - 1_000_000, '3.0000')], coverage: [], quarantine: [] });
    const live = ask(engine);
    expect(live.find((row) => row.hour === microsToIso(START_US + 5 * HOUR_US))).toMatchObject({ count: 7, max: 3, hits2x: 1 });
    expect(live).toEqual(ask(new StatsEngine(db, history)));
  });
});
