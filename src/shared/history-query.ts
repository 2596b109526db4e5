import { z } from 'zod';
import { isoToMicros } from './time';
import { roundViewSchema } from './round';
import { wheelSegments } from './game-law/wheel-law';

// The history browser's questions: one game's whole local history, filtered and sorted, read a
// page at a time at any position, so a virtualized table can show millions of rows offline.

const isoInstant = z.string().refine((text) => isoToMicros(text) !== null, 'not an ISO 8601 instant');

export const HISTORY_SORTS = ['newest', 'oldest', 'highest', 'lowest'] as const;
export type HistorySort = (typeof HISTORY_SORTS)[number];

export const historyQuerySchema = z
  .object({
    /** Inclusive bounds on finalized_at (ISO), or null for open. */
    from: isoInstant.nullable(),
    through: isoInstant.nullable(),
    /** Inclusive bounds on the multiplier (×), or null for open. */
    minMultiplier: z.number().nonnegative().nullable(),
    maxMultiplier: z.number().nonnegative().nullable(),
    /** Only rounds whose segment is one of these codes (`n2`, `cashhunt`…); null for any. */
    segments: z.array(z.string().min(1).max(40)).min(1).max(64).nullable(),
    /** Only rounds that went to a bonus (a wheel show's bonus segment, a lightning hit). */
    bonusOnly: z.boolean(),
    sort: z.enum(HISTORY_SORTS),
  })
  .strict()
  .refine((q) => q.minMultiplier === null || q.maxMultiplier === null || q.minMultiplier <= q.maxMultiplier, 'the lowest multiplier is above the highest')
  .refine((q) => q.from === null || q.through === null || (isoToMicros(q.from) as number) <= (isoToMicros(q.through) as number), 'from is after through');
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const EMPTY_HISTORY_QUERY: HistoryQuery = {
  from: null,
  through: null,
  minMultiplier: null,
  maxMultiplier: null,
  segments: null,
  bonusOnly: false,
  sort: 'newest',
};

/** The largest page one request may ask for. */
export const MAX_HISTORY_PAGE = 500;

export const historyPageSchema = z
  .object({
    /** Rows matching the query in the whole history now. */
    total: z.number().int().nonnegative(),
    /** Position of `rows[0]` in the sorted result. */
    offset: z.number().int().nonnegative(),
    rows: z.array(roundViewSchema),
  })
  .strict();
export type HistoryPage = z.infer<typeof historyPageSchema>;

/**
 * What "bonus only" keeps for a game: rounds won by a bonus segment (wheel shows), or rounds whose
 * row flags a lightning or lucky hit (dice, roulette; read from the stored row by SQLite), or
 * nothing at all (crash games have no bonus rounds), with the words the filter shows.
 */
export type BonusRule =
  | { readonly by: 'segments'; readonly segments: readonly string[]; readonly meaning: string }
  | { readonly by: 'row-flag'; readonly jsonPath: string; readonly meaning: string }
  | { readonly by: 'none'; readonly meaning: string };

const CRAZY_TIME_BONUSES: BonusRule = {
  by: 'segments',
  segments: ['coinflip', 'cashhunt', 'pachinko', 'crazytime'],
  meaning: 'Coin Flip, Cash Hunt, Pachinko and Crazy Time rounds',
};

const BONUS_RULES: ReadonlyMap<string, BonusRule> = new Map<string, BonusRule>([
  ['crazytime', CRAZY_TIME_BONUSES],
  ['crazytimea', CRAZY_TIME_BONUSES],
  ['monopolylive', { by: 'segments', segments: ['chance', '2rolls', '4rolls'], meaning: 'Chance, 2 Rolls and 4 Rolls rounds' }],
  ['monopolybigballer', { by: 'segments', segments: ['3rolls', '5rolls'], meaning: '3 Rolls and 5 Rolls rounds' }],
  ['dreamcatcher', { by: 'segments', segments: ['x2', 'x7'], meaning: 'spins that landed on 2× or 7×' }],
  ['lightningstorm', { by: 'segments', segments: Array.from({ length: 20 }, (_, i) => `n${i + 1}`), meaning: 'numbered segments (each holds a bonus game)' }],
  ['icefishing', { by: 'segments', segments: ['lilblues', 'bigoranges', 'hugereds'], meaning: "Lil' Blues, Big Oranges and Huge Reds rounds" }],
  ['lightningdice', { by: 'row-flag', jsonPath: '$.raw.is_lightning', meaning: 'rolls whose total lightning struck' }],
  ['lightningroulette', { by: 'row-flag', jsonPath: '$.raw.is_lucky', meaning: 'spins that landed on a lucky number' }],
]);

export function bonusRuleOf(slug: string): BonusRule {
  return BONUS_RULES.get(slug) ?? { by: 'none', meaning: 'This game has no bonus rounds.' };
}

/** Segment codes a game's rounds can carry, for the segment filter (empty for games without). */
export function historySegments(slug: string): readonly { readonly code: string; readonly label: string }[] {
  if (slug === 'monopolybigballer') {
    return [
      { code: 'none', label: 'No bonus' },
      { code: '3rolls', label: '3 Rolls' },
      { code: '5rolls', label: '5 Rolls' },
    ];
  }
  return wheelSegments(slug).map(({ code, label }) => ({ code, label }));
}
