import type { Database, Statement } from 'better-sqlite3';

// Where any position of a game's time order falls, without counting the rows before it: the
// number of rounds in each UTC hour, summed into prefix counts. Rounds are only ever inserted
// (never deleted) and row ids only grow, so the counts stay exact by adding the rows whose id is
// above the last one counted, wherever in time a backfill put them. Built once per game by one
// pass over the time index in SQLite (~0.1 s per million rounds), then kept up to date for a
// range read of the new rows.

export const HOUR_US = 3_600_000_000;

interface GameHours {
  /** Row id up to which every round is counted. */
  seenId: number;
  /** Ascending hour numbers (µs / HOUR_US) that hold rounds, and the rounds before each. */
  hours: number[];
  counts: number[];
  before: number[];
  total: number;
}

export class HourPositions {
  private readonly games = new Map<number, GameHours>();
  private readonly selectMaxId: Statement<[], { id: number | null }>;
  private readonly selectHours: Statement<[number, number], { hour: number; n: number }>;
  private readonly selectNewHours: Statement<[number, number, number], { hour: number; n: number }>;

  constructor(db: Database) {
    this.selectMaxId = db.prepare('SELECT max(id) AS id FROM rounds');
    this.selectHours = db.prepare(`
      SELECT finalized_us / ${HOUR_US} AS hour, count(*) AS n FROM rounds
      WHERE game_id = ? AND id <= ? GROUP BY hour ORDER BY hour`);
    this.selectNewHours = db.prepare(`
      SELECT finalized_us / ${HOUR_US} AS hour, count(*) AS n FROM rounds
      WHERE id > ? AND id <= ? AND game_id = ? GROUP BY hour`);
  }

  /** The game's hours, brought up to date with every committed round. */
  private hoursOf(gameId: number): GameHours {
    const maxId = this.selectMaxId.get()?.id ?? 0;
    let game = this.games.get(gameId);
    if (game === undefined) {
      game = { seenId: maxId, hours: [], counts: [], before: [], total: 0 };
      for (const { hour, n } of this.selectHours.iterate(gameId, maxId)) {
        game.hours.push(hour);
        game.counts.push(n);
      }
      sumBefore(game);
      this.games.set(gameId, game);
    } else if (maxId > game.seenId) {
      const added = this.selectNewHours.all(game.seenId, maxId, gameId);
      game.seenId = maxId;
      if (added.length > 0) {
        addHours(game, added);
        sumBefore(game);
      }
    }
    return game;
  }

  /** Rounds of the game stored now: a change in it is what invalidates any cached answer. */
  total(gameId: number): number {
    return this.hoursOf(gameId).total;
  }

  /**
   * The hour holding the `position`-th round in time order (0 = oldest), as its start (µs) and
   * the number of rounds before that hour; null past the end.
   */
  hourAt(gameId: number, position: number): { startUs: number; before: number } | null {
    const game = this.hoursOf(gameId);
    if (position < 0 || position >= game.total) return null;
    // The last hour whose `before` is ≤ position.
    let low = 0;
    let high = game.hours.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((game.before[mid] as number) <= position) low = mid;
      else high = mid - 1;
    }
    return { startUs: (game.hours[low] as number) * HOUR_US, before: game.before[low] as number };
  }

  /** Rounds in the hours wholly before the one holding `us`, and that hour's start. */
  hoursBefore(gameId: number, us: number): { startUs: number; before: number } {
    const game = this.hoursOf(gameId);
    const hour = Math.floor(us / HOUR_US);
    // Hours < hour.
    let low = 0;
    let high = game.hours.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((game.hours[mid] as number) < hour) low = mid + 1;
      else high = mid;
    }
    const before = low === 0 ? 0 : (game.before[low - 1] as number) + (game.counts[low - 1] as number);
    return { startUs: hour * HOUR_US, before };
  }
}

function sumBefore(game: GameHours): void {
  let sum = 0;
  game.before = game.counts.map((n) => {
    const before = sum;
    sum += n;
    return before;
  });
  game.total = sum;
}

/** Merges counts of new rows into the hours (new hours usually land at the end). */
function addHours(game: GameHours, added: readonly { hour: number; n: number }[]): void {
  for (const { hour, n } of added) {
    const last = game.hours.length - 1;
    if (last < 0 || hour > (game.hours[last] as number)) {
      game.hours.push(hour);
      game.counts.push(n);
      continue;
    }
    let low = 0;
    let high = game.hours.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((game.hours[mid] as number) < hour) low = mid + 1;
      else high = mid;
    }
    if (game.hours[low] === hour) game.counts[low] = (game.counts[low] as number) + n;
    else {
      game.hours.splice(low, 0, hour);
      game.counts.splice(low, 0, n);
    }
  }
}
