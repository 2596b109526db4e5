import { z } from 'zod';
import { canonicalSlug, SLUG_PATTERN } from '../../../../shared/games';
import { isoToMicros } from '../../../../shared/time';
import type { Round } from '../../round';
import { arrayElementStarts, endOfValue, memberSpans } from './json-spans';

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

const EXACT_MEMBERS = new Set(['round_index', 'multiplier', 'round_id']);
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

  const spans = memberSpans(text, start, EXACT_MEMBERS);
  const exact = (key: string): string | null => {
    const span = spans.get(key);
    return span ? text.slice(span.start, span.end) : null;
  };

  const indexText = unquote(exact('round_index'));
  if (indexText !== null && indexText !== 'null' && !INTEGER.test(indexText)) {
    throw new RowError(`round_index is not an integer: ${indexText.slice(0, 40)}`);
  }
  const multiplier = unquote(exact('multiplier'))!;
  if (!DECIMAL.test(multiplier)) throw new RowError(`multiplier is not a decimal: ${multiplier.slice(0, 40)}`);
  const finalizedUs = isoToMicros(row.finalized_at);
  if (finalizedUs === null) throw new RowError(`finalized_at is not an ISO time: ${row.finalized_at.slice(0, 40)}`);
  const raw = row.raw as { segment?: unknown } | null | undefined;

  return {
    game,
    roundId: typeof row.round_id === 'string' ? row.round_id : unquote(exact('round_id'))!,
    roundIndex: indexText === null || indexText === 'null' ? null : BigInt(indexText),
    multiplier,
    finalizedAt: row.finalized_at,
    finalizedUs,
    segment: raw && typeof raw.segment === 'string' ? raw.segment : null,
    json: text.slice(start, end),
  };
}

/** A JSON string literal's content (these fields never carry escapes), or the bare text as is. */
function unquote(text: string | null): string | null {
  return text !== null && text.startsWith('"') ? text.slice(1, -1) : text;
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
  const starts = arrayElementStarts(text);
  const rounds: Round[] = [];
  const rejected: { reason: string; text: string }[] = [];
  for (let i = 0; i < value.length; i++) {
    const start = starts[i]!;
    const end = endOfValue(text, start);
    try {
      rounds.push(toRound(game, value[i], text, start, end));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push({ reason: error.reason, text: text.slice(start, end) });
    }
  }
  return { rounds, rejected };
}
