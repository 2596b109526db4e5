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
    const known = this.knownGameId(slug);
    if (known !== undefined) return known;
    this.insertGame.run(slug, this.kindOf(slug));
    return this.knownGameId(slug)!;
  }

  /** Reads never write: a game not seen yet simply has no rounds. */
  private knownGameId(slug: string): number | undefined {
    const cached = this.gameIds.get(slug);
    if (cached !== undefined) return cached;
    const id = this.selectGameId.get(slug)?.id;
    if (id !== undefined) this.gameIds.set(slug, id);
    return id;
  }

  /**
   * Inserts rounds and advances cursors in one transaction. Returns the rounds that were new;
   * rounds already stored (from the stream, a backfill or an overlap) are left untouched.
   */
  write(rounds: readonly Round[], cursors: ReadonlyMap<string, number>): Round[] {
    const inserted: Round[] = [];
    // Games are registered outside the transaction, so a rolled-back write cannot leave a cached id
    // behind that no longer exists.
    const gameIds = new Map<string, number>();
    for (const round of rounds) if (!gameIds.has(round.game)) gameIds.set(round.game, this.gameId(round.game));
    for (const slug of cursors.keys()) if (!gameIds.has(slug)) gameIds.set(slug, this.gameId(slug));
    this.db.transaction(() => {
      for (const round of rounds) {
        const gameId = gameIds.get(round.game)!;
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
        this.upsertCursor.run(gameIds.get(slug)!, throughUs);
      }
    })();
    return inserted;
  }

  recentRounds(slug: string, limit: number): RoundView[] {
    const id = this.knownGameId(slug);
    return id === undefined ? [] : this.selectRecent.all(id, limit).map(toRoundView);
  }

  countRounds(slug: string): number {
    const id = this.knownGameId(slug);
    return id === undefined ? 0 : this.selectCount.get(id)!.n;
  }

  lastFinalizedAt(slug: string): string | null {
    const id = this.knownGameId(slug);
    return id === undefined ? null : (this.selectLast.get(id)?.finalized_at ?? null);
  }

  /** Microseconds up to which the game's history has no gap, or null before the first backfill. */
  completeThrough(slug: string): number | null {
    const id = this.knownGameId(slug);
    return id === undefined ? null : (this.selectCursor.get(id)?.complete_through_us ?? null);
  }
}

function toRoundView(row: RoundRow): RoundView {
  return roundToView({
    game: row.slug,
    roundId: row.round_id,
    roundIndex: row.round_index,
    multiplier: row.multiplier,
    finalizedAt: row.finalized_at,
    finalizedUs: Number(row.finalized_us),
    segment: row.segment,
  });
}

/** What the UI sees of a round: everything but its row text, with round_index as exact digits. */
export function roundToView(round: Omit<Round, 'json'>): RoundView {
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
