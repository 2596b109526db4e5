import type { CrashLaw } from '../../../../shared/game-law/crash-law';
import { TARGET_BAND_EDGES, type BetsPanelView, type BetTotalsView, type TargetBandView } from '../../../../shared/stats/bets';
import { microsToIso } from '../../../../shared/time';
import { TARGET_UNIT } from '../../sources/trackersino/bet-snapshot';
import type { BetSums, BetTally } from '../bets/bet-tally';

// The bet-snapshot panel of a window's bet sums, beside the game's law where one is published:
// a bet at target x wins with P(M ≥ x) and returns x times its stake, so the law's return at x
// is x · P(M ≥ x).

const MICROS = 1_000_000;

export const BETS_NOTE =
  'Directional only: computed from the bet snapshots Roundlog recorded, which miss bets placed or cashed out ' +
  'between snapshots and favour large, visible bets; not the game\u2019s certified RTP. The bets of one round ' +
  'share its crash point, so they are not independent trials and no interval is given for their rates.';

function totalsOf(sums: BetSums): BetTotalsView {
  return {
    bets: sums.bets,
    volume: sums.volume / MICROS,
    payout: sums.payout / MICROS,
    rtp: sums.volume > 0 ? sums.payout / sums.volume : null,
  };
}

function sumsOf(entries: readonly (readonly [number, BetSums])[]): BetSums {
  const total: BetSums = { bets: 0, wins: 0, volume: 0, payout: 0 };
  for (const [, sums] of entries) {
    total.bets += sums.bets;
    total.wins += sums.wins;
    total.volume += sums.volume;
    total.payout += sums.payout;
  }
  return total;
}

/** Σ stake × x × P(M ≥ x) / Σ stake, and Σ bets × P(M ≥ x), over exact targets. */
function fairOf(entries: readonly (readonly [number, BetSums])[], law: CrashLaw | null): { rtp: number | null; wins: number | null } {
  if (law === null) return { rtp: null, wins: null };
  let staked = 0;
  let returned = 0;
  let wins = 0;
  for (const [units, sums] of entries) {
    const x = units / TARGET_UNIT;
    const p = law.survival(x);
    staked += sums.volume;
    returned += sums.volume * x * p;
    wins += sums.bets * p;
  }
  return { rtp: staked > 0 ? returned / staked : null, wins };
}

function bandOf(entries: readonly (readonly [number, BetSums])[], from: number, to: number | null, law: CrashLaw | null): TargetBandView {
  const sums = sumsOf(entries);
  const fair = fairOf(entries, law);
  const observed = sums.bets > 0 ? sums.wins / sums.bets : null;
  const theoretical = fair.wins !== null && sums.bets > 0 ? fair.wins / sums.bets : null;
  return {
    ...totalsOf(sums),
    from,
    to,
    winRate: {
      hits: sums.wins,
      rounds: sums.bets,
      observed,
      interval: null,
      theoretical,
      deltaPp: observed !== null && theoretical !== null ? (observed - theoretical) * 100 : null,
    },
    fairRtp: fair.rtp,
  };
}

/**
 * The panel, or null for a game with no bet snapshot anywhere in the history; `exactTargets` adds
 * every exact target's sums (hundreds of rows: for scripts, not the dashboard).
 */
export function betsPanelOf(tally: BetTally, law: CrashLaw | null, recordedSinceUs: number | null, exactTargets = false): BetsPanelView | null {
  if (recordedSinceUs === null && tally.rounds === 0) return null;
  const targets = [...tally.targets].sort((a, b) => a[0] - b[0]);
  const bands = TARGET_BAND_EDGES.map((from, i) => {
    const to = TARGET_BAND_EDGES[i + 1] ?? null;
    const inBand = targets.filter(([units]) => units >= from * TARGET_UNIT && (to === null || units < to * TARGET_UNIT));
    return bandOf(inBand, from, to, law);
  }).filter((band) => band.bets > 0);
  const currencies = [...tally.currencies]
    .sort((a, b) => b[1].volume - a[1].volume || a[0].localeCompare(b[0]))
    .map(([currency, sums]) => ({ currency, ...totalsOf(sums) }));
  return {
    rounds: tally.rounds,
    totals: totalsOf(tally.totals()),
    fairRtp: fairOf(targets, law).rtp,
    bands,
    currencies,
    targets: targets.length,
    byTarget: exactTargets
      ? targets.map(([units, sums]) => ({ target: units / TARGET_UNIT, wins: sums.wins, winRate: sums.bets > 0 ? sums.wins / sums.bets : null, ...totalsOf(sums) }))
      : null,
    recordedSince: recordedSinceUs === null ? null : microsToIso(recordedSinceUs),
    note: BETS_NOTE,
  };
}
