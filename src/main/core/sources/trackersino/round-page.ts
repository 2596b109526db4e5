import { catalogKind } from '../../../../shared/games';
import type { Round } from '../../round';
import { factColumns, factsAt, readFactsInto, type FactColumns } from '../../stats/fact-columns';
import { arrayElementSpans } from './json-spans';
import { parseJson, readRow, RowError, toRound } from './round-row';

// A `/rounds` page is read in two steps so that the costly one can run on another thread:
// `locateRoundPage` parses and validates, returning plain columns that cross a thread boundary
// cheaply (short strings, and offsets into the page instead of each row's text); `roundsFromPage`
// then builds the rounds from those columns and the page text the caller already holds. Given the
// game, the first step also reads each round's statistics facts (stats/fact-columns.ts), so the
// thread that commits the rounds does not scan their text again.

export interface LocatedPage {
  readonly roundIds: string[];
  readonly indexes: (string | null)[];
  readonly multipliers: string[];
  readonly finalizedAts: string[];
  readonly segments: (string | null)[];
  readonly finalizedUs: Float64Array;
  /** [start, end) of each accepted row's text in the page. */
  readonly spans: Int32Array;
  readonly rejected: { reason: string; start: number; end: number }[];
  /** Each accepted row's facts, for the game the page was located for (null: none asked or none to read). */
  readonly facts: FactColumns | null;
}

export interface PageResult {
  readonly rounds: Round[];
  /** Rows that could not be taken in, with why; never silently dropped. */
  readonly rejected: { reason: string; text: string }[];
}

/** Parses and checks a page; with `game`, also reads each accepted round's facts as the game's catalog kind. */
export function locateRoundPage(text: string, game?: string): LocatedPage {
  const value = parseJson(text);
  if (!Array.isArray(value)) throw new RowError('rounds page is not a JSON array');
  const elements = arrayElementSpans(text);
  const page: LocatedPage = {
    roundIds: [],
    indexes: [],
    multipliers: [],
    finalizedAts: [],
    segments: [],
    finalizedUs: new Float64Array(value.length),
    spans: new Int32Array(value.length * 2),
    rejected: [],
    facts: game === undefined ? null : factColumns(game, catalogKind(game), value.length),
  };
  let accepted = 0;
  for (let i = 0; i < value.length; i++) {
    const { start, end } = elements[i]!;
    try {
      const row = readRow(value[i], text, start);
      page.roundIds.push(row.roundId);
      page.indexes.push(row.indexText);
      page.multipliers.push(row.multiplier);
      page.finalizedAts.push(row.finalizedAt);
      page.segments.push(row.segment);
      page.finalizedUs[accepted] = row.finalizedUs;
      page.spans[accepted * 2] = start;
      page.spans[accepted * 2 + 1] = end;
      if (page.facts !== null) readFactsInto(page.facts, accepted, text.slice(start, end), row.segment, row.multiplier);
      accepted++;
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      page.rejected.push({ reason: error.reason, start, end });
    }
  }
  return page;
}

export function roundsFromPage(game: string, text: string, page: LocatedPage): PageResult {
  const rounds: Round[] = new Array<Round>(page.roundIds.length);
  const facts = page.facts !== null && page.facts.slug === game ? page.facts : null;
  for (let i = 0; i < rounds.length; i++) {
    rounds[i] = toRound(
      game,
      {
        roundId: page.roundIds[i]!,
        indexText: page.indexes[i]!,
        multiplier: page.multipliers[i]!,
        finalizedAt: page.finalizedAts[i]!,
        finalizedUs: page.finalizedUs[i]!,
        segment: page.segments[i]!,
      },
      text.slice(page.spans[i * 2], page.spans[i * 2 + 1]),
      facts === null ? undefined : factsAt(facts, i),
    );
  }
  return { rounds, rejected: page.rejected.map(({ reason, start, end }) => ({ reason, text: text.slice(start, end) })) };
}

/** A `/rounds` page for `game`, read on this thread. */
export function parseRoundPage(game: string, text: string): PageResult {
  return roundsFromPage(game, text, locateRoundPage(text, game));
}
