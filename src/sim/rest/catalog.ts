import type { RoundLog } from '../round-log';

// /games: the catalog, one entry per running game, newest index written as a bare integer.

export function catalogJson(logs: Iterable<RoundLog>): string {
  const entries: string[] = [];
  for (const log of logs) {
    const last = log.records.at(-1);
    entries.push(
      `{"id":"${log.info.slug}","name":${JSON.stringify(log.info.name)},"provider":${JSON.stringify(log.info.provider)},` +
        `"kind":"${log.info.kind}","enabled":true,"rounds_total":${log.records.length},` +
        `"last_observed_at":${log.lastObservedAt === null ? 'null' : `"${log.lastObservedAt}"`},` +
        `"last_finalized_index":${last === undefined ? 'null' : last.roundIndex.toString()},` +
        `"last_finalized_multiplier":${last === undefined ? 'null' : `"${last.multiplier}"`}}`,
    );
  }
  return `[${entries.join(',')}]`;
}
