import type { Database } from 'better-sqlite3';
import { microsToIso } from '../../src/shared/time';
import { seededRandom } from '../../src/sim/seeded-random';

// Millions of crash rounds written straight into `rounds` with one prepared INSERT in large
// transactions: the only way to give a bench or a browser test a history of years in seconds.
// The rows look like Stake's (P(M ≥ x) = 0.99/x on the 0.01 grid, the seed's raw keys).

const INSERT_BATCH = 100_000;
/** A round every 8–12 s: 10 M rounds are ~3.2 years. */
const MIN_GAP_US = 8_000_000;
const GAP_SPREAD_US = 4_000_000;

export interface SyntheticRounds {
  readonly game?: string;
  readonly count: number;
  /** finalized_us of the newest round. */
  readonly endUs: number;
  /** round_index of the oldest round; the others count up by one. */
  readonly firstIndex: bigint;
  /**
   * List the game for a rollup rebuild, which `new History(db)` runs when it opens the file, so
   * the statistics (and the history browser's hour index) cover the written rounds.
   */
  readonly rebuildRollups?: boolean;
}

export interface WrittenRounds {
  readonly seconds: number;
  readonly firstUs: number;
  readonly lastUs: number;
}

const cents = (amount: number): string => `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;

/** Round id of the `n`-th synthetic round: counts up, so every index grows at its end as a live history's do. */
export const syntheticRoundId = (n: number): string => `5c0f3e9a17b2${n.toString(16).padStart(12, '0')}`;

/**
 * Writes `count` crash rounds of one game straight into `rounds` and returns the time it took and
 * the oldest and newest round's time. The game is registered as a crash game if it is not yet.
 */
export function writeRounds(db: Database, options: SyntheticRounds): WrittenRounds {
  const game = options.game ?? 'stake-crash';
  const { count, endUs, firstIndex } = options;
  const gaps = seededRandom(1);
  let span = 0;
  for (let n = 1; n < count; n++) span += MIN_GAP_US + Math.floor(gaps() * GAP_SPREAD_US);
  const timeGaps = seededRandom(1);
  const random = seededRandom(2);
  db.prepare('INSERT INTO games (slug, kind) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING').run(game, 'crash');
  const gameId = (db.prepare('SELECT id FROM games WHERE slug = ?').get(game) as { id: number }).id;
  const insert = db.prepare(`
    INSERT INTO rounds (game_id, round_id, round_index, multiplier, multiplier_value, segment, finalized_us, finalized_at, row_json)
    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`);
  let us = endUs - span;
  const insertBatch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      if (n > 0) us += MIN_GAP_US + Math.floor(timeGaps() * GAP_SPREAD_US);
      const hundredths = Math.max(100, Math.floor(99 / (1 - random())));
      const multiplier = `${cents(hundredths)}00`;
      const bettors = 150 + Math.floor(random() * 250);
      const betCents = bettors * (200 + Math.floor(random() * 3000));
      const winShare = hundredths === 100 ? 0 : Math.min(0.95, random() * (1 - 100 / hundredths) * 2);
      const payoutCents = Math.floor(betCents * winShare * 1.6);
      const index = firstIndex + BigInt(n);
      const roundId = syntheticRoundId(n);
      const json =
        `{"round_index":${index},"round_id":"${roundId}","multiplier":"${multiplier}","raw":{"totalAmount":${cents(payoutCents)},` +
        `"bettorsCount":${bettors},"totalWinners":${Math.floor(bettors * winShare)},"totalBetAmount":${cents(betCents)}}}`;
      insert.run(gameId, roundId, index, multiplier, hundredths / 100, us, microsToIso(us), json);
    }
  });
  const started = performance.now();
  for (let from = 0; from < count; from += INSERT_BATCH) insertBatch(from, Math.min(count, from + INSERT_BATCH));
  if (options.rebuildRollups) db.prepare('INSERT INTO stats_rebuild (game_id) VALUES (?) ON CONFLICT DO NOTHING').run(gameId);
  return { seconds: (performance.now() - started) / 1000, firstUs: endUs - span, lastUs: us };
}
