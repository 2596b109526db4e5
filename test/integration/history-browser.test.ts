import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryBrowser } from '../../src/main/core/browse/history-browser';
import { GAME_CATALOG } from '../../src/shared/games';
import { EMPTY_HISTORY_QUERY, MAX_HISTORY_PAGE, type HistoryQuery } from '../../src/shared/history-query';
import type { RoundView } from '../../src/shared/round';
import type { Sandbox } from '../../src/sim/server';
import { startFrozenSandbox, stopFrozenSandbox, UNLIMITED_KEY, FROZEN_NOW_MS, HOUR_MS } from '../sim/endpoints/frozen-sandbox';
import { openLocalHistory, recordSandboxRounds, type LocalHistory } from './stats/sandbox-history';
import { useTempDir } from '../support/temp-dir';

// The history browser over a real history file holding every round a sandbox finalised in
// twelve hours, for every game: each answer is checked against a plain SQL read of the file.

const GAMES = GAME_CATALOG.map((game) => game.slug);
const HISTORY_MS = 12 * HOUR_MS;

interface OracleRow {
  round_id: string;
  round_index: bigint | null;
  multiplier: string;
  finalized_us: bigint;
  segment: string | null;
  row_json: string;
}

describe('the history browser', () => {
  let sandbox: Sandbox;
  let dir: ReturnType<typeof useTempDir>;
  let local: LocalHistory;
  let browser: HistoryBrowser;

  beforeAll(async () => {
    dir = useTempDir();
    sandbox = await startFrozenSandbox('history-browser', HISTORY_MS, GAMES);
    local = openLocalHistory(dir.path);
    for (const game of GAMES) await recordSandboxRounds(local, sandbox, UNLIMITED_KEY, game);
    browser = new HistoryBrowser(local.db, local.history);
  }, 120_000);
  afterAll(async () => {
    local?.close();
    await stopFrozenSandbox(sandbox);
    dir?.remove();
  });

  /** The rows a plain SQL read gives for a WHERE clause and order. */
  function oracle(game: string, where: string, order: string, params: unknown[] = []): OracleRow[] {
    return local.db
      .prepare(`
        SELECT round_id, round_index, multiplier, finalized_us, segment, row_json FROM rounds
        WHERE game_id = (SELECT id FROM games WHERE slug = ?) ${where === '' ? '' : `AND ${where}`} ORDER BY ${order}`)
      .safeIntegers(true)
      .all(game, ...params) as OracleRow[];
  }

  const ids = (rows: readonly { round_id?: string; roundId?: string }[]) => rows.map((row) => row.roundId ?? row.round_id);
  const query = (change: Partial<HistoryQuery>): HistoryQuery => ({ ...EMPTY_HISTORY_QUERY, ...change });

  /** Every row of a query, read page by page as the table scrolls. */
  function readAll(game: string, q: HistoryQuery, limit = 97): RoundView[] {
    const rows: RoundView[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = browser.page({ game, query: q, offset, limit });
      rows.push(...page.rows);
      if (page.rows.length < limit) return rows;
    }
  }

  it('pages the whole history newest or oldest first, at any position, with exact index and multiplier text', () => {
    const newest = oracle('stake-crash', '', 'finalized_us DESC, ifnull(round_index, -9223372036854775808) DESC, id DESC');
    expect(newest.length).toBe(sandbox.rounds('stake-crash').length);
    for (const offset of [0, 1, 250, newest.length - 120, newest.length - 1]) {
      const page = browser.page({ game: 'stake-crash', query: EMPTY_HISTORY_QUERY, offset, limit: 100 });
      expect(page.total).toBe(newest.length);
      expect(page.offset).toBe(offset);
      expect(ids(page.rows)).toEqual(ids(newest.slice(offset, offset + 100)));
    }
    const oldest = [...newest].reverse();
    const deep = browser.page({ game: 'stake-crash', query: query({ sort: 'oldest' }), offset: oldest.length - 300, limit: MAX_HISTORY_PAGE });
    expect(ids(deep.rows)).toEqual(ids(oldest.slice(oldest.length - 300)));

    const byId = new Map(sandbox.rounds('stake-crash').map((record) => [record.roundId, record]));
    for (const row of deep.rows) {
      const record = byId.get(row.roundId)!;
      expect(row.roundIndex).toBe(record.roundIndex.toString());
      expect(row.multiplier).toBe(record.multiplier);
      expect(BigInt(row.roundIndex!)).toBeGreaterThan(2n ** 53n);
    }
  });

  it('a page past the end is empty and says where the end is', () => {
    const page = browser.page({ game: 'crazytime', query: EMPTY_HISTORY_QUERY, offset: 10_000_000, limit: 50 });
    expect(page.rows).toEqual([]);
    expect(page.offset).toBe(page.total);
  });

  it('a time range keeps the rounds from its start through its end, in either time order', () => {
    const fromUs = (FROZEN_NOW_MS - 7 * HOUR_MS + 123_456) * 1000;
    const throughUs = (FROZEN_NOW_MS - 2 * HOUR_MS - 654_321) * 1000;
    const from = new Date(fromUs / 1000).toISOString();
    const through = new Date(throughUs / 1000).toISOString();
    for (const sort of ['newest', 'oldest'] as const) {
      const expected = oracle('stake-crash', 'finalized_us >= ? AND finalized_us <= ?', sort === 'newest' ? 'finalized_us DESC, ifnull(round_index, -9223372036854775808) DESC, id DESC' : 'finalized_us, ifnull(round_index, -9223372036854775808), id', [fromUs, throughUs]);
      const q = query({ from, through, sort });
      expect(browser.page({ game: 'stake-crash', query: q, offset: 0, limit: 1 }).total).toBe(expected.length);
      expect(ids(readAll('stake-crash', q))).toEqual(ids(expected));
    }
  });

  it('a multiplier range, sorted by time or by multiplier, keeps exactly the rounds inside it', () => {
    const cases: [HistoryQuery['sort'], string][] = [
      ['newest', 'finalized_us DESC, ifnull(round_index, -9223372036854775808) DESC, id DESC'],
      ['oldest', 'finalized_us, ifnull(round_index, -9223372036854775808), id'],
      ['highest', 'multiplier_value DESC, id DESC'],
      ['lowest', 'multiplier_value, id'],
    ];
    for (const [sort, order] of cases) {
      const expected = oracle('stake-crash', 'multiplier_value >= 2 AND multiplier_value <= 10', order);
      const q = query({ minMultiplier: 2, maxMultiplier: 10, sort });
      expect(ids(readAll('stake-crash', q))).toEqual(ids(expected));
      // Straight to a deep page, with no page before it served.
      const deep = browser.page({ game: 'stake-crash', query: { ...q, maxMultiplier: 10.5 }, offset: 400, limit: 50 });
      expect(ids(deep.rows)).toEqual(ids(oracle('stake-crash', 'multiplier_value >= 2 AND multiplier_value <= 10.5', order).slice(400, 450)));
    }
  });

  it('the highest and lowest orders run through the whole history', () => {
    const highest = browser.page({ game: 'stake-crash', query: query({ sort: 'highest' }), offset: 0, limit: 5 });
    expect(ids(highest.rows)).toEqual(ids(oracle('stake-crash', '', 'multiplier_value DESC, id DESC').slice(0, 5)));
    const lowest = oracle('stake-crash', '', 'multiplier_value, id');
    const tail = browser.page({ game: 'stake-crash', query: query({ sort: 'lowest' }), offset: lowest.length - 3, limit: 5 });
    expect(ids(tail.rows)).toEqual(ids(lowest.slice(-3)));
  });

  it('segments keep the rounds won by those segments', () => {
    const expected = oracle('crazytime', "segment IN ('n10', 'cashhunt')", 'finalized_us DESC, ifnull(round_index, -9223372036854775808) DESC, id DESC');
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(readAll('crazytime', query({ segments: ['n10', 'cashhunt'] })))).toEqual(ids(expected));
  });

  it('bonus only keeps bonus segments of shows, lightning and lucky hits, and nothing of a crash game', () => {
    const bonusRounds = (game: string) => readAll(game, query({ bonusOnly: true, sort: 'oldest' }), MAX_HISTORY_PAGE);
    const crazy = bonusRounds('crazytime');
    expect(crazy.length).toBeGreaterThan(0);
    expect(ids(crazy)).toEqual(ids(oracle('crazytime', "segment IN ('coinflip', 'cashhunt', 'pachinko', 'crazytime')", 'finalized_us, ifnull(round_index, -9223372036854775808), id')));

    const storm = bonusRounds('lightningstorm');
    expect(storm.every((round) => round.segment !== 'leaf')).toBe(true);
    expect(storm.length).toBe(oracle('lightningstorm', "segment <> 'leaf'", 'id').length);

    const flagged = (game: string, key: string) =>
      oracle(game, '', 'finalized_us, ifnull(round_index, -9223372036854775808), id').filter((row) => row.row_json.includes(`"${key}":true`));
    for (const [game, key] of [['lightningdice', 'is_lightning'], ['lightningroulette', 'is_lucky']] as const) {
      const expected = flagged(game, key);
      expect(expected.length, game).toBeGreaterThan(0);
      expect(ids(bonusRounds(game))).toEqual(ids(expected));
    }
    expect(browser.page({ game: 'stake-crash', query: query({ bonusOnly: true }), offset: 0, limit: 10 })).toEqual({ total: 0, offset: 0, rows: [] });
  });

  it('filters combine: a time range, a multiplier floor and segments together', () => {
    const fromUs = (FROZEN_NOW_MS - 9 * HOUR_MS) * 1000;
    const expected = oracle('crazytime', "finalized_us >= ? AND multiplier_value >= 5 AND segment IN ('n5', 'n10', 'pachinko')", 'finalized_us, ifnull(round_index, -9223372036854775808), id', [fromUs]);
    const q = query({ from: new Date(fromUs / 1000).toISOString(), minMultiplier: 5, segments: ['n5', 'n10', 'pachinko'], sort: 'oldest' });
    expect(ids(readAll('crazytime', q, 7))).toEqual(ids(expected));
  });

  it('locates a moment: the offset of the first round at or past it in the query’s time order', () => {
    const newest = oracle('stake-crash', '', 'finalized_us DESC, ifnull(round_index, -9223372036854775808) DESC, id DESC');
    const target = newest[700]!;
    const at = new Date(Number(target.finalized_us / 1000n)).toISOString();
    const atUs = Number(target.finalized_us / 1000n) * 1000;

    const inNewest = browser.locate({ game: 'stake-crash', query: EMPTY_HISTORY_QUERY, at });
    expect(inNewest.total).toBe(newest.length);
    expect(inNewest.offset).toBe(newest.filter((row) => Number(row.finalized_us) > atUs).length);
    const row = browser.page({ game: 'stake-crash', query: EMPTY_HISTORY_QUERY, offset: inNewest.offset, limit: 1 }).rows[0]!;
    expect(row.finalizedUs).toBeLessThanOrEqual(atUs);

    const inOldest = browser.locate({ game: 'stake-crash', query: query({ sort: 'oldest' }), at });
    expect(inOldest.offset).toBe(newest.filter((row) => Number(row.finalized_us) < atUs).length);

    const filtered = browser.locate({ game: 'stake-crash', query: query({ minMultiplier: 3 }), at });
    expect(filtered.offset).toBe(newest.filter((row) => Number(row.finalized_us) > atUs && Number(row.multiplier) >= 3).length);

    expect(browser.locate({ game: 'stake-crash', query: EMPTY_HISTORY_QUERY, at: '2001-01-01T00:00:00Z' }).offset).toBe(newest.length);
    expect(() => browser.locate({ game: 'stake-crash', query: query({ sort: 'highest' }), at })).toThrow(expect.objectContaining({ code: 'locate_needs_time_order' }));
  });

  it('a count changes when rounds arrive, at any point of the history', () => {
    const before = browser.page({ game: 'stake-crash', query: query({ minMultiplier: 2 }), offset: 0, limit: 1 }).total;
    const plain = browser.page({ game: 'stake-crash', query: EMPTY_HISTORY_QUERY, offset: 0, limit: 1 }).total;
    const oldestUs = Number(oracle('stake-crash', '', 'finalized_us, ifnull(round_index, -9223372036854775808), id')[0]!.finalized_us);
    const round = (n: number, us: number, multiplier: string) => ({
      game: 'stake-crash',
      roundId: `late-${n}`,
      roundIndex: 1n + BigInt(n),
      multiplier,
      finalizedAt: new Date(us / 1000).toISOString(),
      finalizedUs: us,
      segment: null,
      json: `{"round_index":${1 + n},"round_id":"late-${n}","multiplier":"${multiplier}","raw":{}}`,
    });
    // One far in the past (a backfill), one now (live).
    local.history.commit({ rounds: [round(1, oldestUs - 3_600_000_000 * 5, '7.0000'), round(2, FROZEN_NOW_MS * 1000 + 5, '1.0000')], coverage: [], quarantine: [] });
    expect(browser.page({ game: 'stake-crash', query: query({ minMultiplier: 2 }), offset: 0, limit: 1 }).total).toBe(before + 1);
    const oldest = browser.page({ game: 'stake-crash', query: query({ sort: 'oldest' }), offset: 0, limit: 2 });
    expect(oldest.total).toBe(plain + 2);
    expect(oldest.rows[0]!.roundId).toBe('late-1');
    expect(browser.page({ game: 'stake-crash', query: EMPTY_HISTORY_QUERY, offset: 0, limit: 1 }).rows[0]!.roundId).toBe('late-2');
  });

  it('opens any round: every field as exact text, decoded bonuses per game, the row pretty-printed digit for digit', () => {
    const expectedBonuses: Record<string, (segment: string | null) => string[]> = {
      crazytime: (segment) => ['top-slot', ...({ coinflip: ['coin-flip'], cashhunt: ['cash-hunt'], pachinko: ['pachinko'], crazytime: ['crazy-time'] }[segment ?? ''] ?? [])],
      monopolylive: (segment) => (segment === 'chance' ? ['chance'] : segment === '2rolls' || segment === '4rolls' ? ['rolls'] : []),
      monopolybigballer: (segment) => (segment === 'none' ? ['balls'] : ['balls', 'rolls']),
      lightningstorm: (segment) => (segment === 'leaf' ? ['batteries'] : ['lightning-storm', 'batteries']),
      lightningdice: () => ['lightning'],
      lightningroulette: () => ['lucky-numbers'],
      'stake-crash': () => [],
    };
    for (const game of GAMES) {
      const rows = oracle(game, '', 'finalized_us DESC, ifnull(round_index, -9223372036854775808) DESC, id DESC');
      // A few rounds of every segment the game has, bonus rounds included.
      const bySegment = new Map<string | null, OracleRow>();
      for (const row of rows) if (!bySegment.has(row.segment)) bySegment.set(row.segment, row);
      for (const row of bySegment.values()) {
        const detail = browser.detail({ game, roundId: row.round_id });
        expect(detail.round.roundId).toBe(row.round_id);
        expect(detail.round.roundIndex).toBe(row.round_index?.toString() ?? null);
        expect(detail.kind).toBe(GAME_CATALOG.find((entry) => entry.slug === game)!.kind);
        const fields = new Map(detail.fields.map((field) => [field.path, field.value]));
        expect(fields.get('round_index')).toBe(/"round_index":(\d+)/.exec(row.row_json)![1]);
        expect(fields.get('multiplier')).toBe(row.multiplier);
        // The pretty text is the stored text with whitespace added, and nothing else.
        expect(detail.rawJson.replace(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '')).toBe(row.row_json);
        expect(detail.rawJson).toContain(`"round_index": ${row.round_index}`);
        const expected = expectedBonuses[game]?.(row.segment);
        if (expected !== undefined) expect(detail.bonuses.map((bonus) => bonus.kind), `${game} ${row.segment}`).toEqual(expected);
        if (game === 'monopolybigballer') {
          const drawn = detail.bonuses[0]!.marks!.flat().filter(Boolean).length;
          expect(drawn).toBe(20);
        }
      }
    }
    const cashHunt = oracle('crazytime', "segment = 'cashhunt'", 'id')[0]!;
    const picked = /"picked":(\d+)/.exec(cashHunt.row_json)![1];
    const panel = browser.detail({ game: 'crazytime', roundId: cashHunt.round_id }).bonuses.find((bonus) => bonus.kind === 'cash-hunt')!;
    expect(panel.facts).toContainEqual({ label: 'Prize picked', value: `${picked}×` });
  });

  it('a game never recorded and a round not stored are errors a person can read', () => {
    expect(() => browser.page({ game: 'no-such-game', query: EMPTY_HISTORY_QUERY, offset: 0, limit: 1 })).toThrow(expect.objectContaining({ code: 'unknown_game' }));
    expect(() => browser.locate({ game: 'no-such-game', query: EMPTY_HISTORY_QUERY, at: '2026-01-01T00:00:00Z' })).toThrow(expect.objectContaining({ code: 'unknown_game' }));
    expect(() => browser.detail({ game: 'stake-crash', roundId: 'nope' })).toThrow(expect.objectContaining({ code: 'unknown_round', message: expect.stringContaining('nope') }));
  });
});
