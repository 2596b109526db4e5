import { z } from 'zod';
import { canonicalSlug, SLUG_PATTERN } from '../../../../shared/games';
import { isoToMicros } from '../../../../shared/time';
import type { Round } from '../../round';
import { arrayElementSpans, endOfValue, memberSpans } from './json-spans';

/** Why a frame or row could not be taken in; the text goes to the log (and later to quarantine). */
export class RowError extends Error {
  constructor(readonly reason: string) {
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
  state: z.string(),
  finalized_at: z.string(),
  raw: z.unknown().optional(),
});

const frameGameSchema = z.looseObject({ game_id: z.string().regex(SLUG_PATTERN) });

const INTEGER = /^-?\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RowError(`not JSON: ${(error as Error).message}`);
  }
}

/** One row of `/rounds` or one stream frame, given its parsed value and its exact source text. */
function toRound(game: string, value: unknown, text: string, start: number, end: number): Round {
  const parsed = rowSchema.safeParse(value);
  if (!parsed.success) throw new RowError(`not a round row: ${z.prettifyError(parsed.error)}`);
  const row = parsed.data;
  if (row.state !== 'finalized') throw new RowError(`round is not finalized (state "${row.state}")`);

  // Only values JSON.parse may have rounded are read again from the text: numbers. Upstream sends
  // round_index first, so the scan stops before it reaches `raw`.
  const inexact = new Set<string>();
  if (typeof row.round_index === 'number') inexact.add('round_index');
  if (typeof row.multiplier === 'number') inexact.add('multiplier');
  if (typeof row.round_id === 'number') inexact.add('round_id');
  const spans = memberSpans(text, start, inexact);
  const exact = (key: 'round_index' | 'multiplier' | 'round_id'): string | null => {
    const span = spans.get(key);
    if (span) return text.slice(span.start, span.end);
    const value = row[key];
    return typeof value === 'string' ? value : value === null || value === undefined ? null : String(value);
  };

  const indexText = exact('round_index');
  if (indexText !== null && indexText !== 'null' && !INTEGER.test(indexText)) {
    throw new RowError(`round_index is not an integer: ${indexText.slice(0, 40)}`);
  }
  const multiplier = exact('multiplier')!;
  if (!DECIMAL.test(multiplier)) throw new RowError(`multiplier is not a decimal: ${multiplier.slice(0, 40)}`);
  const finalizedUs = isoToMicros(row.finalized_at);
  if (finalizedUs === null) throw new RowError(`finalized_at is not an ISO time: ${row.finalized_at.slice(0, 40)}`);
  const raw = row.raw as { segment?: unknown } | null | undefined;

  return {
    game,
    roundId: exact('round_id')!,
    roundIndex: indexText === null || indexText === 'null' ? null : BigInt(indexText),
    multiplier,
    finalizedAt: row.finalized_at,
    finalizedUs,
    segment: raw && typeof raw.segment === 'string' ? raw.segment : null,
    json: text.slice(start, end),
  };
}

/** A stream frame: one round row plus `game_id`. */
export function parseRoundFrame(text: string): Round {
  const value = parseJson(text);
  const game = frameGameSchema.safeParse(value);
  if (!game.success) throw new RowError('frame has no valid game_id');
  const start = text.search(/\S/);
  return toRound(canonicalSlug(game.data.game_id), value, text, start, endOfValue(text, start));
}

export interface PageResult {
  readonly rounds: Round[];
  /** Rows that could not be taken in, with why; never silently dropped. */
  readonly rejected: { reason: string; text: string }[];
}

/** A `/rounds` page for `game`: latest first, as upstream sends it. */
export function parseRoundPage(game: string, text: string): PageResult {
  const value = parseJson(text);
  if (!Array.isArray(value)) throw new RowError('rounds page is not a JSON array');
  const elements = arrayElementSpans(text);
  const rounds: Round[] = [];
  const rejected: { reason: string; text: string }[] = [];
  for (let i = 0; i < value.length; i++) {
    const { start, end } = elements[i]!;
    try {
      rounds.push(toRound(game, value[i], text, start, end));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push({ reason: error.reason, text: text.slice(start, end) });
    }
  }
  return { rounds, rejected };
}
