import { NO_FACTS, type BetTotals, type RoundFacts } from './round-facts-types';

// The kind-specific facts of a committed round, read once from its row text (for backfill pages on
// the page-parse worker, see fact-columns.ts); the rollups only ever count them. The row's
// round_index exceeds 2^53, so the row is never parsed whole: a show game's `raw` (upstream's last
// key) is parsed alone, and a crash row is only scanned.
// Anything unreadable gives NO_FACTS: the round is stored anyway.
//
// Event keys (each counts 1 in the round's hour):
//   every wheel show    seg:<code>                 winning segment (`n1`, `cashhunt`, `leaf`, `3rolls`…)
//                       bonus:<code>:<bucket>      a bonus round's result multiplier, in BONUS_BUCKETS
//   Crazy Time          slot:<code>                the Top Slot's bet spot
//                       slotmult:<m>               the Top Slot's multiplier
//                       slothit                    the Top Slot landed on the winning segment
//                       slothitmult:<m>            …and the multiplier it applied
//   MONOPOLY Live       chance:<cash|multiplier>   what a Chance card was
//   Dream Catcher       stack:<product>            a number won with 2×/7× stacked onto it (product 2, 7, 4, 14…)
//   Lightning Storm     bonustype:<type>           the bonus of the winning number (`hotspot`…); its
//                                                  outcomes go to bonus:<type>:<bucket>, not per number
//                       boost:<m>                  the winning number carried an m× multiplier
//   Ice Fishing         leafmult:<m>               a leaf won with an m× multiplier (m > 1)
//                       boost:<m>                  a fishing bonus was boosted m× (m > 1)
//   MONOPOLY Big Baller ball:<n>                   each of the 20 balls drawn (1..60)
//                       chancemult:<m>             each Chance multiplier of the round
//   Lightning Dice      total:<n>                  the dice total (3..18)
//                       strike:<n>                 each total lightning struck
//                       lightning:<m>              each lightning multiplier
//                       strikes:<k>                how many totals were struck
//                       struckwin                  the winning total was struck
//                       struckwinmult:<m>          …and its multiplier
//   Lightning Roulette  pocket:<n>                 the winning pocket (0..36)
//                       lucky:<m>                  each lucky number's multiplier
//                       luckycount:<k>             how many lucky numbers the round had
//                       luckyhit                   the winning pocket was a lucky number
//                       luckyhitmult:<m>           …and its multiplier
// Sum keys:
//   every wheel show    segunits:<code>            += the round's multiplier units (1/10,000)
// Crash rows give `bets` (raw.totalBetAmount, totalAmount, bettorsCount, totalWinners) and no events.

/** Bonus result buckets: [from, to) in × (to null = no upper bound), and the key each writes. */
export const BONUS_BUCKETS: readonly { readonly key: string; readonly from: number; readonly to: number | null }[] = [
  { key: 'lt10', from: 0, to: 10 },
  { key: '10-25', from: 10, to: 25 },
  { key: '25-50', from: 25, to: 50 },
  { key: '50-100', from: 50, to: 100 },
  { key: '100-250', from: 100, to: 250 },
  { key: '250-500', from: 250, to: 500 },
  { key: '500-1000', from: 500, to: 1000 },
  { key: '1000+', from: 1000, to: null },
];

const UNITS_PER_X = 10_000;

/** The bucket key of a multiplier given in units of 1/10,000. */
export function bonusBucket(units: number): string {
  for (const bucket of BONUS_BUCKETS) {
    if (bucket.to === null || units < bucket.to * UNITS_PER_X) return bucket.key;
  }
  return '1000+';
}

/** The segments whose round is a bonus game, by game; Lightning Storm's numbers are all bonuses. */
const BONUS_SEGMENTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['crazytime', new Set(['coinflip', 'cashhunt', 'pachinko', 'crazytime'])],
  ['crazytimea', new Set(['coinflip', 'cashhunt', 'pachinko', 'crazytime'])],
  ['monopolylive', new Set(['chance', '2rolls', '4rolls'])],
  ['icefishing', new Set(['lilblues', 'bigoranges', 'hugereds'])],
  ['monopolybigballer', new Set(['3rolls', '5rolls'])],
]);

/** The bonus segments of a wheel show (empty for a game without bonus rounds or unknown). */
export function bonusSegments(slug: string): ReadonlySet<string> {
  return BONUS_SEGMENTS.get(slug) ?? new Set();
}

type Raw = Readonly<Record<string, unknown>>;

/** Whether rows of a game kind give any facts (roundFacts is NO_FACTS for every other kind). */
export function hasFacts(kind: string): boolean {
  return kind === 'crash' || kind === 'wheel-show' || kind === 'dice-show' || kind === 'roulette-show';
}

export function roundFacts(slug: string, kind: string, json: string, segment: string | null, units: number): RoundFacts {
  try {
    switch (kind) {
      case 'crash':
        return crashFacts(json);
      case 'wheel-show': {
        const raw = rawOf(json);
        return raw === null ? NO_FACTS : withPayout(wheelFacts(slug, raw, segment, units), raw);
      }
      case 'dice-show': {
        const raw = rawOf(json);
        return raw === null ? NO_FACTS : withPayout(diceFacts(raw), raw);
      }
      case 'roulette-show': {
        const raw = rawOf(json);
        return raw === null ? NO_FACTS : withPayout(rouletteFacts(raw), raw);
      }
      default:
        return NO_FACTS;
    }
  } catch {
    return NO_FACTS;
  }
}

/** A show's total payout (raw.total_payout, whole currency units), which ranks its biggest wins. */
function withPayout(facts: RoundFacts, raw: Raw): RoundFacts {
  const payout = finite(raw.total_payout);
  return payout === null ? facts : { ...facts, payoutCents: Math.round(payout * 100) };
}

// ---- reading the row text -------------------------------------------------------------------

const RAW_KEY = /"raw"\s*:\s*/;

/** The row's `raw` object, parsed alone (it is upstream's last key), or null. */
function rawOf(json: string): Raw | null {
  const found = RAW_KEY.exec(json);
  if (found === null) return null;
  const close = json.lastIndexOf('}');
  const start = found.index + found[0].length;
  if (close <= start) return null;
  const raw: unknown = JSON.parse(json.slice(start, close));
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Raw) : null;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The text of the number (bare or quoted) after `"key":`, from `from` on; null when absent. */
function numberTextAfter(json: string, key: string, from: number): string | null {
  const at = json.indexOf(`"${key}"`, from);
  if (at < 0) return null;
  let i = at + key.length + 2;
  while (isBlank(json.charCodeAt(i))) i++;
  if (json.charCodeAt(i) !== 0x3a) return null; // ':'
  i++;
  while (isBlank(json.charCodeAt(i))) i++;
  if (json.charCodeAt(i) === 0x22) i++; // '"'
  const start = i;
  for (;;) {
    const code = json.charCodeAt(i);
    if (isDigit(code) || code === 0x2e || code === 0x2d || code === 0x2b || code === 0x65 || code === 0x45) i++;
    else break;
  }
  return i > start ? json.slice(start, i) : null;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Dollars as decimal text (`196.23`, `25825.0`, `"12.5"`) to whole cents, in integers: no float drift. */
export function centsOf(text: string): number | null {
  const match = DECIMAL.exec(text);
  if (match === null) {
    const value = Number(text);
    return Number.isFinite(value) ? Math.round(value * 100) : null;
  }
  const [, sign, whole, fraction = ''] = match as unknown as [string, string, string, string | undefined];
  const digits = (fraction + '000').slice(0, 3);
  const thousandths = Number(whole) * 1000 + Number(digits);
  const cents = Math.floor(thousandths / 10) + (thousandths % 10 >= 5 ? 1 : 0);
  return sign === '-' ? -cents : cents;
}

function integerOf(text: string | null): number | null {
  if (text === null) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

function crashFacts(json: string): RoundFacts {
  const from = Math.max(0, json.indexOf('"raw"'));
  const volume = numberTextAfter(json, 'totalBetAmount', from);
  const payout = numberTextAfter(json, 'totalAmount', from);
  const bettors = integerOf(numberTextAfter(json, 'bettorsCount', from));
  const winners = integerOf(numberTextAfter(json, 'totalWinners', from));
  if (volume === null || payout === null || bettors === null || winners === null) return NO_FACTS;
  const volumeCents = centsOf(volume);
  const payoutCents = centsOf(payout);
  if (volumeCents === null || payoutCents === null) return NO_FACTS;
  const bets: BetTotals = { volumeCents, payoutCents, bettors, winners };
  return { events: [], sums: [], bets };
}

// ---- wheel shows -----------------------------------------------------------------------------

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function record(value: unknown): Raw | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : null;
}

/** A Top Slot spot as raw.slot_result writes it (`2` for a number, `"cashhunt"` for a bonus). */
function spotCode(value: unknown): string | null {
  if (typeof value === 'number') return `n${value}`;
  return typeof value === 'string' && value !== '' ? value : null;
}

function wheelFacts(slug: string, raw: Raw, segmentArg: string | null, units: number): RoundFacts {
  const segment = segmentArg ?? (typeof raw.segment === 'string' ? raw.segment : null);
  if (segment === null || segment === '') return NO_FACTS;
  const events = [`seg:${segment}`];
  const sums: [string, number][] = [[`segunits:${segment}`, units]];
  if (bonusSegments(slug).has(segment)) events.push(`bonus:${segment}:${bonusBucket(units)}`);

  switch (slug) {
    case 'crazytime':
    case 'crazytimea':
      topSlotEvents(raw, segment, events);
      break;
    case 'monopolylive': {
      const chance = record(raw.bonus_data)?.chance;
      if (segment === 'chance' && typeof chance === 'string') events.push(`chance:${chance}`);
      break;
    }
    case 'dreamcatcher': {
      const pending = finite(raw.pending_multiplier);
      if (/^n\d+$/.test(segment) && pending !== null && pending > 1) events.push(`stack:${pending}`);
      break;
    }
    case 'lightningstorm':
      stormEvents(raw, segment, units, events);
      break;
    case 'icefishing': {
      const leafMultiplier = finite(raw.segment_multiplier);
      const boost = finite(record(raw.bonus_data)?.boost);
      if (segment.startsWith('leaf') && leafMultiplier !== null && leafMultiplier > 1) events.push(`leafmult:${leafMultiplier}`);
      if (boost !== null && boost > 1) events.push(`boost:${boost}`);
      break;
    }
    case 'monopolybigballer':
      for (const ball of Array.isArray(raw.balls) ? raw.balls : []) if (finite(ball) !== null) events.push(`ball:${ball}`);
      for (const m of Array.isArray(raw.chance_multipliers) ? raw.chance_multipliers : []) {
        if (finite(m) !== null) events.push(`chancemult:${m}`);
      }
      break;
  }
  return { events, sums, bets: null };
}

function topSlotEvents(raw: Raw, segment: string, events: string[]): void {
  const slot = spotCode(raw.slot_result);
  const multiplier = finite(raw.slot_multiplier);
  if (slot === null) return;
  events.push(`slot:${slot}`);
  if (multiplier !== null) events.push(`slotmult:${multiplier}`);
  const matched = typeof raw.is_top_slot_matched === 'boolean' ? raw.is_top_slot_matched : slot === segment;
  if (matched) {
    events.push('slothit');
    if (multiplier !== null) events.push(`slothitmult:${multiplier}`);
  }
}

function stormEvents(raw: Raw, segment: string, units: number, events: string[]): void {
  const sector = record(record(raw.wheel_result)?.wheelSector);
  const type = typeof raw.outcome === 'string' ? raw.outcome : typeof sector?.type === 'string' ? sector.type : null;
  if (segment === 'leaf' || type === null || type === 'EvoLeaf') return;
  const code = type.toLowerCase();
  events.push(`bonustype:${code}`, `bonus:${code}:${bonusBucket(units)}`);
  const boost = finite(sector?.multiplier);
  if (boost !== null && boost > 1) events.push(`boost:${boost}`);
}

// ---- dice and roulette -----------------------------------------------------------------------

/** `[{ <key>: n, multiplier: m }, …]` entries of a lightning list; malformed entries are skipped. */
function strikes(list: unknown, key: string): [number, number][] {
  if (!Array.isArray(list)) return [];
  const found: [number, number][] = [];
  for (const entry of list) {
    const at = finite(record(entry)?.[key]);
    const multiplier = finite(record(entry)?.multiplier);
    if (at !== null && multiplier !== null) found.push([at, multiplier]);
  }
  return found;
}

function diceFacts(raw: Raw): RoundFacts {
  const total = finite(raw.total) ?? finite(raw.result);
  if (total === null) return NO_FACTS;
  const struck = strikes(raw.lightning, 'total');
  const events = [`total:${total}`, `strikes:${struck.length}`];
  for (const [at, multiplier] of struck) events.push(`strike:${at}`, `lightning:${multiplier}`);
  const win = struck.find(([at]) => at === total);
  if (win !== undefined) events.push('struckwin', `struckwinmult:${win[1]}`);
  return { events, sums: [], bets: null };
}

function rouletteFacts(raw: Raw): RoundFacts {
  const pocket = finite(raw.result) ?? finite(raw.number);
  if (pocket === null) return NO_FACTS;
  const lucky = strikes(raw.lucky_numbers, 'number');
  const events = [`pocket:${pocket}`, `luckycount:${lucky.length}`];
  for (const [, multiplier] of lucky) events.push(`lucky:${multiplier}`);
  const hit = lucky.find(([number]) => number === pocket);
  if (hit !== undefined) events.push('luckyhit', `luckyhitmult:${hit[1]}`);
  return { events, sums: [], bets: null };
}
