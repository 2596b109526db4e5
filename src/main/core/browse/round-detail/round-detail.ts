import type { RoundDetail } from '../../../../shared/round-detail';
import type { RoundView } from '../../../../shared/round';
import { decodeBonuses } from './bonus-decoders';
import { leafFields, parseJsonTree, prettyJson } from './json-tree';

/** One stored round opened: every field of its row text, its decoded bonuses, the row pretty-printed. */
export function roundDetailOf(round: RoundView, kind: string, rowJson: string): RoundDetail {
  let tree;
  try {
    tree = parseJsonTree(rowJson);
  } catch {
    // Stored rows were valid JSON when they arrived; if one is not, show it as it is.
    return { round, kind, fields: [], bonuses: [], rawJson: rowJson };
  }
  return {
    round,
    kind,
    fields: leafFields(tree),
    bonuses: decodeBonuses(round.game, tree, round.segment),
    rawJson: prettyJson(tree),
  };
}
