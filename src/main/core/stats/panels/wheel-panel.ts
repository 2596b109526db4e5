import { segmentCount, wheelSegments } from '../../../../shared/game-law/wheel-law';
import { NO_THEORY, type WindowInfo } from '../../../../shared/stats/common';
import type {
  BonusOutcomesView,
  TopSlotView,
  WheelPanel,
  WheelSegmentView,
} from '../../../../shared/stats/wheel';
import type { EventHistory, WindowTallies } from '../round-facts-types';
import { BONUS_BUCKETS, bonusSegments } from '../round-facts';
import { distributionOf, droughtOf, fitOf, meanMultiplierOf, rateOf } from './figures';

// The wheel-show panel (Crazy Time, MONOPOLY Live, Dream Catcher, Lightning Storm, Ice Fishing,
// MONOPOLY Big Baller), from the window's tallies of the events round-facts.ts writes. Theory is
// the segment table of game-math.md §2/§4 and nothing else: Top Slot, bonus outcomes and every
// payload extra are empirical and say NO_THEORY.

/** Labels for codes no segment table names. */
const EXTRA_LABELS: Readonly<Record<string, string>> = {
  none: 'No bonus',
  '3rolls': '3 Rolls',
  '5rolls': '5 Rolls',
  hotspot: 'Hot Spot',
  monstermash: 'Monster Mash',
  batterycharger: 'Battery Charger',
  fireball: 'Fireball',
  lightningstorm: 'Lightning Storm',
};

/** The payload extras each show has, as [event prefix name, label]. */
const EXTRA_DISTRIBUTIONS: ReadonlyMap<string, readonly (readonly [string, string])[]> = new Map([
  ['monopolylive', [['chance', 'Chance cards']]],
  ['lightningstorm', [['bonustype', 'Bonus types landed'], ['boost', 'Multipliers on the winning number']]],
  ['icefishing', [['leafmult', 'Leaf multipliers'], ['boost', 'Bonus boosts']]],
  ['monopolybigballer', [['chancemult', 'Chance multipliers']]],
]);

const BIG_BALLER_BALLS = 60;
const BIG_BALLER_DRAWN = 20;

function labelOf(code: string, tableLabels: ReadonlyMap<string, string>): string {
  return tableLabels.get(code) ?? EXTRA_LABELS[code] ?? code;
}

export function wheelPanel(tallies: WindowTallies, history: EventHistory, slug: string, window: WindowInfo): WheelPanel {
  const table = wheelSegments(slug);
  const wheelTotal = segmentCount(table);
  const shares = new Map(table.map((segment) => [segment.code, segment.count / wheelTotal]));
  const labels = new Map(table.map((segment) => [segment.code, segment.label]));
  const rounds = tallies.rounds;

  const segment = (code: string): WheelSegmentView => {
    const p = shares.get(code) ?? null;
    const hits = tallies.get(`seg:${code}`);
    return {
      code,
      label: labelOf(code, labels),
      rate: rateOf(hits, rounds, p),
      drought: droughtOf(history, `seg:${code}`, p),
      meanMultiplier: meanMultiplierOf(tallies.get(`segunits:${code}`), hits),
      theoryNote: p === null ? NO_THEORY : null,
    };
  };
  const unlisted = tallies
    .keys('seg:')
    .map((key) => key.slice('seg:'.length))
    .filter((code) => !shares.has(code))
    .sort();
  const segments = [...table.map((entry) => segment(entry.code)), ...unlisted.map(segment)];
  const fit = table.length === 0 ? null : fitOf(table.map((entry) => ({ observed: tallies.get(`seg:${entry.code}`), p: shares.get(entry.code) as number })));

  return {
    game: slug,
    window,
    segments,
    fit,
    fitNote: table.length === 0 ? NO_THEORY : null,
    topSlot: slug === 'crazytime' || slug === 'crazytimea' ? topSlotOf(tallies) : null,
    bonuses: bonusCodes(tallies, slug).map((code) => bonusOutcomesOf(tallies, code, labelOf(code, labels))),
    extras: {
      stackedWins: slug === 'dreamcatcher' ? stackedWinsOf(tallies, shares) : null,
      distributions: (EXTRA_DISTRIBUTIONS.get(slug) ?? []).map(([name, label]) => ({
        name,
        label,
        distribution: distributionOf(tallies, `${name}:`),
      })),
      balls:
        slug === 'monopolybigballer'
          ? Array.from({ length: BIG_BALLER_BALLS }, (_, i) => ({
              ball: i + 1,
              rate: rateOf(tallies.get(`ball:${i + 1}`), rounds, BIG_BALLER_DRAWN / BIG_BALLER_BALLS),
            }))
          : null,
    },
  };
}

function topSlotOf(tallies: WindowTallies): TopSlotView {
  const spots = distributionOf(tallies, 'slot:');
  return {
    rounds: spots.total,
    matches: rateOf(tallies.get('slothit'), spots.total, null),
    spots,
    multipliers: distributionOf(tallies, 'slotmult:'),
    matchedMultipliers: distributionOf(tallies, 'slothitmult:'),
    theoryNote: NO_THEORY,
  };
}

/** The bonus segments in the order a player knows them; Lightning Storm's bonus types as seen. */
function bonusCodes(tallies: WindowTallies, slug: string): string[] {
  if (slug === 'lightningstorm') return tallies.keys('bonustype:').map((key) => key.slice('bonustype:'.length)).sort();
  return [...bonusSegments(slug)];
}

function bonusOutcomesOf(tallies: WindowTallies, code: string, label: string): BonusOutcomesView {
  const counts = BONUS_BUCKETS.map((bucket) => tallies.get(`bonus:${code}:${bucket.key}`));
  const total = counts.reduce((sum, count) => sum + count, 0);
  return {
    code,
    label,
    rounds: total,
    buckets: BONUS_BUCKETS.map((bucket, i) => ({
      bucket: bucket.key,
      from: bucket.from,
      to: bucket.to,
      count: counts[i] as number,
      share: total > 0 ? (counts[i] as number) / total : null,
    })),
    theoryNote: NO_THEORY,
  };
}

/**
 * Dream Catcher: a number spin carries a stacked multiplier when the spin before it was 2× or 7×,
 * so the fair share of stacked number wins is (2×+7× segments)/54.
 */
function stackedWinsOf(tallies: WindowTallies, shares: ReadonlyMap<string, number>): WheelPanel['extras']['stackedWins'] {
  const numberSpins = tallies
    .keys('seg:n')
    .filter((key) => /^seg:n\d+$/.test(key))
    .reduce((sum, key) => sum + tallies.get(key), 0);
  const products = distributionOf(tallies, 'stack:');
  const x2 = shares.get('x2');
  const x7 = shares.get('x7');
  const theoretical = x2 === undefined || x7 === undefined ? null : x2 + x7;
  return { rate: rateOf(products.total, numberSpins, theoretical), products };
}
