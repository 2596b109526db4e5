import { historyQuerySchema, type HistoryQuery, type HistorySort } from '../../../../shared/history-query';
import { localInputToIso } from './historyFormat';

// The filter bar as typed, and the query it means once it reads as one.

export interface HistoryDraft {
  readonly from: string;
  readonly through: string;
  readonly min: string;
  readonly max: string;
  readonly segments: readonly string[];
  readonly bonusOnly: boolean;
  readonly sort: HistorySort;
}

export const EMPTY_DRAFT: HistoryDraft = { from: '', through: '', min: '', max: '', segments: [], bonusOnly: false, sort: 'newest' };

/** The query the draft asks, or the sentence that says what to fix. */
export function draftQuery(draft: HistoryDraft): { query: HistoryQuery } | { problem: string } {
  const number = (text: string, name: string): number | null | string => {
    if (text.trim() === '') return null;
    const value = Number(text);
    return Number.isFinite(value) && value >= 0 ? value : `The ${name} multiplier must be a number of 0 or more.`;
  };
  const min = number(draft.min, 'lowest');
  if (typeof min === 'string') return { problem: min };
  const max = number(draft.max, 'highest');
  if (typeof max === 'string') return { problem: max };
  const from = localInputToIso(draft.from);
  // Through a moment means through the end of its second.
  const throughStart = localInputToIso(draft.through);
  const through = throughStart === null ? null : new Date(new Date(throughStart).getTime() + 999).toISOString();
  const parsed = historyQuerySchema.safeParse({
    from,
    through,
    minMultiplier: min,
    maxMultiplier: max,
    segments: draft.segments.length === 0 ? null : [...draft.segments],
    bonusOnly: draft.bonusOnly,
    sort: draft.sort,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]?.message ?? 'These filters cannot be used together.';
    if (issue.includes('lowest multiplier')) return { problem: 'The lowest multiplier is above the highest.' };
    if (issue.includes('from is after')) return { problem: 'The start of the time range is after its end.' };
    return { problem: issue };
  }
  return { query: parsed.data };
}
