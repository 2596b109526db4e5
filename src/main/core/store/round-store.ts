import type { Database, Statement } from 'better-sqlite3';
import type { RoundView } from '../../../shared/round';
import type { Round } from '../round';

interface RoundRow {
  slug: string;
  round_id: string;
  round_index: bigint | null;
  multiplier: string;
  finalized_at: string;
  finalized_us: bigint;
  segment: string | null;
}

/** Queries and writes of the `rounds`, `games` and `sync_cursor` tables, prepared once. */
export class RoundStore {
  private readonly gameIds = new Map<string, number>();
  private readonly insertGame: Statement<[string, string]>;
  private readonly selectGameId: Statement<[string], { id: number }>;
  private readonly insertRound: Statement<unknown[]>;
  private readonly selectRecent: Statement<[number, number], RoundRow>;
  private readonly selectCount: Statement<[number], { n: number }>;
  private readonly selectLast: Statement<[number], { finalized_at: string } | undefined>;
  private readonly selectCursor: Statement<[number], { complete_through_us: number } | undefined>;
  private readonly upsertCursor: Statement<[number, number]>;

  constructor(
    private readonly db: Database,
    private readonly kindOf: (slug: string) => string,
  ) {
    this.insertGame = db.prepare('INSERT INTO games (slug, kind) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING');
    this.selectGameId = db.prepare('SELECT id FROM games WHERE slug = ?');
    this.insertRound = db.prepare(`
      INSERT INTO rounds (game_id, round_id, round_index, multiplier, multiplier_value, segment, finalized_us, finalized_at, row_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (game_id, round_id) DO NOTHING`);
    this.selectRecent = db
      .prepare(`
        SELECT g.slug, r.round_id, r.round_index, r.multiplier, r.finalized_at, r.finalized_us, r.segment
        FROM rounds r JOIN games g ON g.id = r.game_id
        WHERE r.game_id = ? ORDER BY r.finalized_us DESC, r.round_index DESC LIMIT ?`)
      .safeIntegers(true) as Statement<[number, number], RoundRow>;
    this.selectCount = db.prepare('SELECT count(*) AS n FROM rounds WHERE game_id = ?');
    this.selectLast = db.prepare(
      'SELECT finalized_at FROM rounds WHERE game_id = ? ORDER BY finalized_us DESC LIMIT 1',
    );
    this.selectCursor = db.prepare('SELECT complete_through_us FROM sync_cursor WHERE game_id = ?');
    this.upsertCursor = db.prepare(`
      INSERT INTO sync_cursor (game_id, complete_through_us) VALUES (?, ?)
      ON CONFLICT (game_id) DO UPDATE SET complete_through_us = max(complete_through_us, excluded.complete_through_us)`);
  }

  /** The id of a game, registering it on first sight; unknown games are kept, never dropped. */
  gameId(slug: string): number {
    const known = this.gameIds.get(slug);
    if (known !== undefined) return known;
    this.insertGame.run(slug, this.kindOf(slug));
    const id = this.selectGameId.get(slug)!.id;
    this.gameIds.set(slug, id);
    return id;
  }

  /**
   * Inserts rounds and advances cursors in one transaction. Returns the rounds that were new;
   * rounds already stored (from the stream, a backfill or an overlap) are left untouched.
   */
  write(rounds: readonly Round[], cursors: ReadonlyMap<string, number>): Round[] {
    const inserted: Round[] = [];
    this.db.transaction(() => {
      for (const round of rounds) {
        const gameId = this.gameId(round.game);
        const result = this.insertRound.run(
          gameId,
          round.roundId,
          round.roundIndex,
          round.multiplier,
          Number(round.multiplier),
          round.segment,
          round.finalizedUs,
          round.finalizedAt,
          round.json,
        );
        if (result.changes === 1) inserted.push(round);
      }
      for (const [slug, throughUs] of cursors) {
        this.upsertCursor.run(this.gameId(slug), throughUs);
      }
    })();
    return inserted;
  }

  recentRounds(slug: string, limit: number): RoundView[] {
    return this.selectRecent.all(this.gameId(slug), limit).map(toRoundView);
  }

  countRounds(slug: string): number {
    return this.selectCount.get(this.gameId(slug))!.n;
  }

  lastFinalizedAt(slug: string): string | null {
    return this.selectLast.get(this.gameId(slug))?.finalized_at ?? null;
  }

  /** Microseconds up to which the game's history has no gap, or null before the first backfill. */
  completeThrough(slug: string): number | null {
    return this.selectCursor.get(this.gameId(slug))?.complete_through_us ?? null;
  }
}

function toRoundView(row: RoundRow): RoundView {
  return {
    game: row.slug,
    roundId: row.round_id,
    roundIndex: row.round_index === null ? null : row.round_index.toString(),
    multiplier: row.multiplier,
    finalizedAt: row.finalized_at,
    finalizedUs: Number(row.finalized_us),
    segment: row.segment,
  };
}

export function roundToView(round: Round): RoundView {
  return {
    game: round.game,
    roundId: round.roundId,
    roundIndex: round.roundIndex === null ? null : round.roundIndex.toString(),
    multiplier: round.multiplier,
    finalizedAt: round.finalizedAt,
    finalizedUs: round.finalizedUs,
    segment: round.segment,
  };
}
