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

/** Queries and writes of the `rounds` and `games` tables, prepared once. */
export class RoundStore {
  private readonly gameIds = new Map<string, number>();
  private readonly insertGame: Statement<[string, string]>;
  private readonly selectGameId: Statement<[string], { id: number }>;
  private readonly insertRound: Statement<unknown[]>;
  private readonly selectRecent: Statement<[number, number], RoundRow>;
  private readonly selectCount: Statement<[number], { n: number }>;
  private readonly selectLast: Statement<[number], { finalized_at: string } | undefined>;
  private readonly selectGames: Statement<[], { slug: string; kind: string }>;
  private readonly selectNewestIndices: Statement<[number], { n: bigint; low: bigint | null; high: bigint | null }>;
  private readonly selectHasIndex: Statement<[number, bigint], { one: number }>;
  private readonly selectBefore: Statement<[number, bigint], { round_index: bigint; finalized_us: bigint }>;
  private readonly selectCountBetween: Statement<[number, bigint, bigint], { n: bigint }>;
  private readonly selectHoles: Statement<[number, bigint, bigint, number], HoleRow>;

  constructor(
    db: Database,
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
    this.selectGames = db.prepare('SELECT slug, kind FROM games ORDER BY id');
    this.selectNewestIndices = db
      .prepare(`
        SELECT count(*) AS n, min(round_index) AS low, max(round_index) AS high FROM (
          SELECT round_index FROM rounds WHERE game_id = ? AND round_index IS NOT NULL ORDER BY round_index DESC LIMIT 200)`)
      .safeIntegers(true) as Statement<[number], { n: bigint; low: bigint | null; high: bigint | null }>;
    this.selectHasIndex = db.prepare('SELECT 1 AS one FROM rounds WHERE game_id = ? AND round_index = ?');
    this.selectBefore = db
      .prepare('SELECT round_index, finalized_us FROM rounds WHERE game_id = ? AND round_index < ? ORDER BY round_index DESC LIMIT 1')
      .safeIntegers(true) as Statement<[number, bigint], { round_index: bigint; finalized_us: bigint }>;
    this.selectCountBetween = db
      .prepare('SELECT count(*) AS n FROM rounds WHERE game_id = ? AND round_index > ? AND round_index < ?')
      .safeIntegers(true) as Statement<[number, bigint, bigint], { n: bigint }>;
    this.selectHoles = db
      .prepare(`
        SELECT prev_index, prev_us, round_index, finalized_us FROM (
          SELECT round_index, finalized_us, lag(round_index) OVER w AS prev_index, lag(finalized_us) OVER w AS prev_us
          FROM rounds WHERE game_id = ? AND round_index BETWEEN ? AND ? WINDOW w AS (ORDER BY round_index))
        WHERE round_index - prev_index > 1 LIMIT ?`)
      .safeIntegers(true) as Statement<[number, bigint, bigint, number], HoleRow>;
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
   * Inserts rounds, leaving those already stored (from the stream, a backfill or an overlap)
   * untouched, and returns the new ones. Call inside a transaction (see History.commit).
   */
  insertRounds(rounds: readonly Round[]): InsertedRound[] {
    const inserted: InsertedRound[] = [];
    for (const round of rounds) {
      const result = this.insertRound.run(
        this.gameId(round.game),
        round.roundId,
        round.roundIndex,
        round.multiplier,
        Number(round.multiplier),
        round.segment,
        round.finalizedUs,
        round.finalizedAt,
        round.json,
      );
      if (result.changes === 1) inserted.push({ round, id: Number(result.lastInsertRowid) });
    }
    return inserted;
  }

  /** Every game the history holds rounds or records of, with the kind it was stored as. */
  games(): { slug: string; kind: string }[] {
    return this.selectGames.all();
  }

  /**
   * Whether a game numbers its rounds one by one, judged from its newest 200 indices: then a
   * missing index is a missing round. Most steps must be 1, so a hole does not hide the pattern.
   */
  hasContiguousIndex(slug: string): boolean {
    const id = this.knownGameId(slug);
    if (id === undefined) return false;
    const { n: count, low, high } = this.selectNewestIndices.get(id)!;
    const n = Number(count);
    if (n < 20 || low === null || high === null) return false;
    return (n - 1) / Number(high - low) >= 0.9;
  }

  hasIndex(slug: string, index: bigint): boolean {
    const id = this.knownGameId(slug);
    return id !== undefined && this.selectHasIndex.get(id, index) !== undefined;
  }

  /** The newest stored round older than `index`, by index. */
  roundBefore(slug: string, index: bigint): { index: bigint; us: number } | null {
    const id = this.knownGameId(slug);
    const row = id === undefined ? undefined : this.selectBefore.get(id, index);
    return row ? { index: row.round_index, us: Number(row.finalized_us) } : null;
  }

  /** Rounds stored with an index strictly between the two. */
  countBetween(slug: string, afterIndex: bigint, beforeIndex: bigint): number {
    const id = this.knownGameId(slug);
    return id === undefined ? 0 : Number(this.selectCountBetween.get(id, afterIndex, beforeIndex)!.n);
  }

  /** Missing indices between stored rounds within [fromIndex, throughIndex], oldest first. */
  indexHoles(slug: string, fromIndex: bigint, throughIndex: bigint, limit: number): IndexHole[] {
    const id = this.knownGameId(slug);
    if (id === undefined) return [];
    return this.selectHoles.all(id, fromIndex, throughIndex, limit).map((row) => ({
      after: { index: row.prev_index, us: Number(row.prev_us) },
      before: { index: row.round_index, us: Number(row.finalized_us) },
    }));
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

  /** The id of a game already in the history, without registering it. */
  idOf(slug: string): number | undefined {
    return this.knownGameId(slug);
  }
}

/** A round that was new to the history, with its row id. */
export interface InsertedRound {
  readonly round: Round;
  readonly id: number;
}

interface HoleRow {
  prev_index: bigint;
  prev_us: bigint;
  round_index: bigint;
  finalized_us: bigint;
}

/** A run of missing indices between two stored rounds. */
export interface IndexHole {
  readonly after: { readonly index: bigint; readonly us: number };
  readonly before: { readonly index: bigint; readonly us: number };
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
