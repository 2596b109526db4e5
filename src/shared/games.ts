// The TrackerSino slug table (seeds/001) as a typed catalog. `/v1-beta/games` is the authority at
// run time; this table names the games the app knows how to present and their theory.

export const KNOWN_KINDS = ['crash', 'wheel', 'wheel-show', 'dice-show', 'roulette-show', 'slide'] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];
/** Upstream may add kinds; an unknown one is kept as a plain string and shown as a generic series. */
export type GameKind = KnownKind | (string & {});

export interface GameInfo {
  readonly slug: string;
  readonly name: string;
  readonly provider: string;
  readonly kind: GameKind;
  /** Other slugs upstream uses for the same game (the stream page filters Roobet Crash as `roobet-crash`). */
  readonly aliases: readonly string[];
}

export const GAME_CATALOG: readonly GameInfo[] = [
  { slug: 'stake-crash', name: 'Crash', provider: 'Stake', kind: 'crash', aliases: [] },
  { slug: 'duel-crash', name: 'Crash', provider: 'Duel', kind: 'crash', aliases: [] },
  { slug: 'shuffle-crash', name: 'Crash', provider: 'Shuffle', kind: 'crash', aliases: [] },
  { slug: 'crash', name: 'Crash', provider: 'Roobet', kind: 'crash', aliases: ['roobet-crash'] },
  { slug: 'stake-slide', name: 'Slide', provider: 'Stake', kind: 'crash', aliases: [] },
  { slug: 'slide', name: 'Slide', provider: 'Roobet', kind: 'wheel', aliases: [] },
  { slug: 'crazytime', name: 'Crazy Time', provider: 'Evolution', kind: 'wheel-show', aliases: [] },
  { slug: 'crazytimea', name: 'Crazy Time A', provider: 'Evolution', kind: 'wheel-show', aliases: [] },
  { slug: 'monopolylive', name: 'Monopoly Live', provider: 'Evolution', kind: 'wheel-show', aliases: [] },
  { slug: 'monopolybigballer', name: 'MONOPOLY Big Baller', provider: 'Evolution', kind: 'wheel-show', aliases: [] },
  { slug: 'dreamcatcher', name: 'Dream Catcher', provider: 'Evolution', kind: 'wheel-show', aliases: [] },
  { slug: 'lightningstorm', name: 'Lightning Storm', provider: 'Evolution', kind: 'wheel-show', aliases: [] },
  { slug: 'icefishing', name: 'Ice Fishing', provider: 'Evolution', kind: 'wheel-show', aliases: [] },
  { slug: 'lightningdice', name: 'Lightning Dice', provider: 'Evolution', kind: 'dice-show', aliases: [] },
  { slug: 'lightningroulette', name: 'Lightning Roulette', provider: 'Evolution', kind: 'roulette-show', aliases: [] },
];

const bySlug = new Map<string, GameInfo>();
for (const game of GAME_CATALOG) {
  bySlug.set(game.slug, game);
  for (const alias of game.aliases) bySlug.set(alias, game);
}

/** The one slug a game is stored under, whichever alias upstream used. Unknown slugs pass through. */
export function canonicalSlug(slug: string): string {
  return bySlug.get(slug)?.slug ?? slug;
}

export function findGame(slug: string): GameInfo | undefined {
  return bySlug.get(slug);
}

/** The kind the catalog gives a game; an unknown game is kept as a generic `unknown` series. */
export function catalogKind(slug: string): GameKind {
  return bySlug.get(slug)?.kind ?? 'unknown';
}

/** The catalog entry of a game the code names itself; an unknown slug there is a programming error. */
export function gameInfo(slug: string): GameInfo {
  const game = bySlug.get(slug);
  if (!game) throw new Error(`${slug} is not in the game catalog`);
  return game;
}

/** Slugs are path segments upstream; this keeps a hostile or mistyped one out of URLs and SQL alike. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isCrashLike(kind: GameKind): boolean {
  return kind === 'crash' || kind === 'slide';
}

/** The games a new user tracks before choosing: one crash game and one game show. */
export const DEFAULT_GAMES: readonly string[] = ['stake-crash', 'crazytime'];

/** How a game is named to a person: its provider and name, e.g. "Stake Crash", "Evolution Crazy Time". */
export function gameTitle(game: { readonly provider: string; readonly name: string }): string {
  return `${game.provider} ${game.name}`;
}

/** A game's title by slug; the slug itself for a game Roundlog does not know. */
export function gameTitleOf(slug: string): string {
  const game = findGame(slug);
  return game === undefined ? slug : gameTitle(game);
}
