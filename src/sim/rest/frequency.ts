import { badParameter } from '../api-error';
import { isCrashLike } from '../../shared/games';
import { crashLaw, fairLaw, type CrashLaw } from '../../shared/game-law/crash-law';
import { fixedText } from '../stats/decimal-text';
import type { JsonValue } from '../stats/json-text';
import { unitsOf, thresholdUnits } from '../stats/round-facts';
import { HEADLINE_THRESHOLDS } from '../stats/threshold-tally';
import { generatedAt, recordAt, windowHeader, windowSpan, type GameRequest } from './game-request';

// /stats/frequency: observed vs theoretical P(M ≥ x) per headline threshold, as percentages, and
// their difference in percentage points. The theoretical rate is the game's own law
// (game-math.md §1) or, with `house_edge=e` (a fraction, 0 ≤ e < 1), the fair-game baseline
// (1 − e)/x. Game shows have no published law above 1×: their theoretical column is null.

function parseHouseEdge(value: string | undefined): number | null {
  if (value === undefined) return null;
  const edge = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(edge >= 0 && edge < 1)) throw badParameter('house_edge', 'must be a fraction from 0 to below 1, e.g. 0.01 for 1%');
  return edge;
}

function lawFor(request: GameRequest, houseEdge: number | null): CrashLaw | null {
  // Only a crash point has a `(1 - edge) / x` baseline.
  if (!isCrashLike(request.log.info.kind)) return null;
  return houseEdge === null ? crashLaw(request.log.info.slug) : fairLaw(houseEdge);
}

export function frequencyJson(request: GameRequest): JsonValue {
  const houseEdge = parseHouseEdge(request.query.get('house_edge'));
  const span = windowSpan(request);
  const limits = HEADLINE_THRESHOLDS.map(thresholdUnits);
  const hits = limits.map(() => 0);
  for (let position = span.first; position < span.end; position++) {
    const units = unitsOf(recordAt(request, position));
    limits.forEach((limit, t) => units >= limit && (hits[t] = (hits[t] as number) + 1));
  }
  const rounds = span.end - span.first;
  const law = lawFor(request, houseEdge);
  return {
    ...windowHeader(request, span),
    house_edge: law?.houseEdge === undefined || law.houseEdge === null ? null : String(law.houseEdge),
    baseline: law?.baseline ?? null,
    thresholds: HEADLINE_THRESHOLDS.map((threshold, t) => {
      const observed = rounds === 0 ? null : ((hits[t] as number) / rounds) * 100;
      const theoretical = law === null ? null : law.survival(threshold) * 100;
      return {
        threshold: String(threshold),
        hits: hits[t] as number,
        observed_pct: fixedText(observed),
        theoretical_pct: fixedText(theoretical),
        delta_pp: fixedText(observed === null || theoretical === null ? null : observed - theoretical),
      };
    }),
    generated_at: generatedAt(request),
  };
}
