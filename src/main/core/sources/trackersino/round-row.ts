import { z } from 'zod';
import { canonicalSlug, SLUG_PATTERN } from '../../../../shared/games';
import { isoToMicros } from '../../../../shared/time';
import type { Round } from '../../round';
import type { PrecomputedFacts } from '../../stats/round-facts-types';
import { memberSpan } from './json-spans';

/** Why a frame or row could not be taken in; the text goes to the log (and later to quarantine). */
export class RowError extends Error {
  constructor(
    readonly reason: string,
    /**
     * Whether a finalised round may be inside: an undecodable frame or a broken round row. A
     * message that is not a round at all, or a round not yet finalised, hides nothing.
     */
    readonly mayHideRound = true,
  ) {
    super(reason);
    this.name = 'RowError';
  }
}

// The fields read from JSON.parse's result. round_index and multiplier are read from the source
// text instead (see json-spans.ts), so their values here are only checked for type.
const rowSchema = z.looseObject({
  round_id: z.union([z.string().min(1).max(200), z.number()]),
  round_index: z.union([z.number(), z.string(), z.null()]).optional(),
  multiplier: z.union([z.string(), z.number()]),
  state: z.literal('finalized'),
  finalized_at: z.string(),
  raw: z.unknown().optional(),
});

const frameGameSchema = z.looseObject({ game_id: z.string().regex(SLUG_PATTERN) });
/** What makes a message a round at all, however broken the rest of it is. */
const roundLikeSchema = z.looseObject({ round_id: z.union([z.string(), z.number()]) });

type RowShape = z.infer<typeof rowSchema>;

// Every row and frame passes the checks below on the hot path; only one that fails them goes
// through zod, which then finds what is wrong and words it. So each check must accept nothing
// that its schema refuses (test/unit/round-row-checks.test.ts holds them side by side).

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** z.number() refuses ±Infinity, which JSON.parse gives for a number like 1e400. */
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isRoundLike(value: unknown): boolean {
  return isObject(value) && (typeof value.round_id === 'string' || isNumber(value.round_id));
}

function isRow(value: unknown): value is RowShape {
  if (!isObject(value)) return false;
  const { round_id: id, round_index: index, multiplier } = value;
  return (
    (typeof id === 'string' ? id.length >= 1 && id.length <= 200 : isNumber(id)) &&
    (index === undefined || index === null || typeof index === 'string' || isNumber(index)) &&
    (typeof multiplier === 'string' || isNumber(multiplier)) &&
    value.state === 'finalized' &&
    typeof value.finalized_at === 'string'
  );
}

function gameOf(value: unknown): string | null {
  if (isObject(value) && typeof value.game_id === 'string' && SLUG_PATTERN.test(value.game_id)) return value.game_id;
  const game = frameGameSchema.safeParse(value);
  return game.success ? game.data.game_id : null;
}

/** Exported for the test that holds each hand check against its schema. */
export const rowChecks = { isRoundLike, isRow, roundLikeSchema, rowSchema };

const INTEGER = /^-?\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** What a row holds once read: everything a Round needs but its game and its text. */
export interface RowFields {
  readonly roundId: string;
  /** Exact decimal text, or null for a row without an index. */
  readonly indexText: string | null;
  readonly multiplier: string;
  readonly finalizedAt: string;
  readonly finalizedUs: number;
  readonly segment: string | null;
}

/** One row of `/rounds` or one stream frame, given its parsed value and its exact source text. */
export function readRow(value: unknown, text: string, start: number): RowFields {
  // A round still in play (`only_finalized=false` rows) has no multiplier or time yet: not an error.
  const state = (value as { state?: unknown } | null)?.state;
  if (typeof state === 'string' && state !== 'finalized') throw new RowError(`round is not finalized (state "${state}")`, false);
  const row = isRow(value) ? value : checkedRow(value);

  // Only values JSON.parse may have rounded are read again from the text: numbers. Upstream sends
  // round_index first, so the scan stops before it reaches `raw`.
  const exact = (key: 'round_index' | 'multiplier' | 'round_id'): string | null => {
    const value = row[key];
    if (typeof value !== 'number') return value ?? null;
    const span = memberSpan(text, start, key);
    return span ? text.slice(span.start, span.end) : String(value);
  };

  const indexText = exact('round_index');
  if (indexText !== null && !INTEGER.test(indexText)) {
    throw new RowError(`round_index is not an integer: ${indexText.slice(0, 40)}`);
  }
  const multiplier = exact('multiplier')!;
  if (!DECIMAL.test(multiplier)) throw new RowError(`multiplier is not a decimal: ${multiplier.slice(0, 40)}`);
  const finalizedUs = isoToMicros(row.finalized_at);
  if (finalizedUs === null) throw new RowError(`finalized_at is not an ISO time: ${row.finalized_at.slice(0, 40)}`);
  const raw = row.raw as { segment?: unknown } | null | undefined;
  return {
    roundId: exact('round_id')!,
    indexText,
    multiplier,
    finalizedAt: row.finalized_at,
    finalizedUs,
    segment: raw && typeof raw.segment === 'string' ? raw.segment : null,
  };
}

function checkedRow(value: unknown): RowShape {
  const parsed = rowSchema.safeParse(value);
  if (!parsed.success) throw new RowError(`not a round row: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function toRound(game: string, fields: RowFields, json: string, facts?: PrecomputedFacts): Round {
  const round: { -readonly [K in keyof Round]: Round[K] } = {
    game,
    roundId: fields.roundId,
    roundIndex: fields.indexText === null ? null : BigInt(fields.indexText),
    multiplier: fields.multiplier,
    finalizedAt: fields.finalizedAt,
    finalizedUs: fields.finalizedUs,
    segment: fields.segment,
    json,
  };
  if (facts !== undefined) round.facts = facts;
  return round;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RowError(`not JSON: ${(error as Error).message}`);
  }
}

/** A stream frame: one round row plus `game_id`. */
export function parseRoundFrame(text: string): Round {
  const value = parseJson(text);
  if (!isRoundLike(value) && !roundLikeSchema.safeParse(value).success) throw new RowError('frame is not a round (no round_id)', false);
  const game = gameOf(value);
  if (game === null) throw new RowError('frame has no valid game_id');
  // JSON.parse took the whole text as one object: the frame is the text less JSON's whitespace
  // around it, which is all trim() can find there.
  const json = text.trim();
  return toRound(canonicalSlug(game), readRow(value, json, 0), json);
}
