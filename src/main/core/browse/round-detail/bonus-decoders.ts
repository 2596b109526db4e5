import type { BonusDetail } from '../../../../shared/round-detail';
import { itemsAt, nodeAt, textAt, type JsonNode } from './json-tree';

// What each game's `raw` payload says about the round's bonus, in words and grids a player
// recognises. Every value is read as text from the stored row; a key a row lacks is left out,
// never invented. The payload shapes are the ones src/sim/games/ writes (tracksino, casino.org).

type Fact = { label: string; value: string };
type Decoder = (raw: JsonNode, segment: string | null) => BonusDetail[];

const x = (text: string | null): string | null => (text === null ? null : `${text}×`);

function facts(...pairs: [string, string | null][]): Fact[] {
  return pairs.filter((pair): pair is [string, string] => pair[1] !== null).map(([label, value]) => ({ label, value }));
}

function bonus(kind: string, title: string, list: Fact[], grid: string[][] | null = null, marks: boolean[][] | null = null): BonusDetail {
  return { kind, title, facts: list, grid, marks };
}

/** `n` cells a row, in order. */
function rows<T>(cells: readonly T[], width: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < cells.length; i += width) out.push(cells.slice(i, i + width));
  return out;
}

const SEGMENT_NAMES: Readonly<Record<string, string>> = {
  coinflip: 'Coin Flip',
  cashhunt: 'Cash Hunt',
  pachinko: 'Pachinko',
  crazytime: 'Crazy Time',
  chance: 'Chance',
  '2rolls': '2 Rolls',
  '3rolls': '3 Rolls',
  '4rolls': '4 Rolls',
  '5rolls': '5 Rolls',
};

/** A Top Slot spot as raw.slot_result writes it: `2` for a number, `"cashhunt"` for a bonus. */
const spotName = (text: string | null): string | null => (text === null ? null : (SEGMENT_NAMES[text] ?? text));

function crazyTime(raw: JsonNode, segment: string | null): BonusDetail[] {
  const matched = textAt(raw, 'is_top_slot_matched');
  const out = [
    bonus(
      'top-slot',
      'Top Slot',
      facts(
        ['Spot', spotName(textAt(raw, 'slot_result'))],
        ['Multiplier', x(textAt(raw, 'slot_multiplier'))],
        ['Matched the wheel', matched === null ? null : matched === 'true' ? 'Yes' : 'No'],
      ),
    ),
  ];
  const data = nodeAt(raw, 'bonus_data');
  if (data?.type !== 'object') return out;
  switch (segment) {
    case 'coinflip':
      out.push(
        bonus('coin-flip', 'Coin Flip', facts(['Red side', x(textAt(data, 'red'))], ['Blue side', x(textAt(data, 'blue'))], ['Landed', textAt(data, 'side')])),
      );
      break;
    case 'cashhunt': {
      // A board is shown when upstream sends one (`board`: the 108 prizes, row by row or flat).
      const board = itemsAt(data, 'board').flatMap((item) => (item.type === 'array' ? item.items : [item])).map((cell) => textAt(cell, '') ?? '');
      out.push(
        bonus(
          'cash-hunt',
          'Cash Hunt',
          facts(['Targets', textAt(data, 'targets')], ['Prize picked', x(textAt(data, 'picked'))]),
          board.length > 0 ? rows(board.map((cell) => `${cell}×`), 18) : null,
        ),
      );
      break;
    }
    case 'pachinko':
      out.push(
        bonus('pachinko', 'Pachinko', facts(['Drops', textAt(data, 'drops')], ['DOUBLE hits', textAt(data, 'doubles')], ['Landed on', x(textAt(data, 'landed'))])),
      );
      break;
    case 'crazytime':
      out.push(
        bonus(
          'crazy-time',
          'Crazy Time',
          facts(['Flapper', textAt(data, 'flapper')], ['DOUBLE hits', textAt(data, 'doubles')], ['Landed on', x(textAt(data, 'landed'))]),
        ),
      );
      break;
  }
  return out;
}

/** The MONOPOLY board bonus (2/4 Rolls, 3/5 Rolls): one grid row per roll. */
function rollsBonus(data: JsonNode, title: string): BonusDetail {
  const rolls = itemsAt(data, 'rolls');
  const grid = rolls.map((roll, i) => {
    const dice = itemsAt(roll, 'dice').map((die) => textAt(die, '') ?? '?');
    return [`Roll ${i + 1}`, dice.join(' + '), `Tile ${textAt(roll, 'tile') ?? '?'}`, `${textAt(roll, 'prize') ?? '?'}×`];
  });
  return bonus(
    'rolls',
    title,
    facts(
      ['Rolls', textAt(data, 'min_rolls')],
      ['Extra rolls for doubles', textAt(data, 'extra_rolls')],
      ['Passed GO', textAt(data, 'go_passes')],
      ['Total', x(textAt(data, 'total'))],
    ),
    grid.length > 0 ? grid : null,
  );
}

function monopolyLive(raw: JsonNode, segment: string | null): BonusDetail[] {
  const data = nodeAt(raw, 'bonus_data');
  if (data?.type !== 'object') return [];
  if (segment === 'chance') {
    const cash = textAt(data, 'chance') === 'cash';
    return [
      bonus(
        'chance',
        'Chance',
        cash
          ? facts(['Card', 'Cash prize'], ['Prize', x(textAt(data, 'prize'))])
          : facts(['Card', 'Multiplier'], ['Multiplier', x(textAt(data, 'multiplier'))], ['Re-spin', textAt(data, 'respin')], ['Prize', x(textAt(data, 'prize'))]),
      ),
    ];
  }
  return [rollsBonus(data, SEGMENT_NAMES[segment ?? ''] ?? 'Rolls')];
}

function bigBaller(raw: JsonNode, segment: string | null): BonusDetail[] {
  const drawn = new Set(itemsAt(raw, 'balls').map((ball) => textAt(ball, '')));
  const numbers = Array.from({ length: 60 }, (_, i) => String(i + 1));
  const list = (path: string) => itemsAt(raw, path).map((n) => textAt(n, '') ?? '?').join(', ');
  const out = [
    bonus(
      'balls',
      'Balls drawn',
      facts(
        ['Drawn', String(drawn.size)],
        ['3 Rolls numbers', list('three_rolls_numbers') || null],
        ['5 Rolls numbers', list('five_rolls_numbers') || null],
        ['Chance multipliers', itemsAt(raw, 'chance_multipliers').map((m) => `${textAt(m, '')}×`).join(', ') || null],
      ),
      rows(numbers, 10),
      rows(numbers.map((n) => drawn.has(n)), 10),
    ),
  ];
  const data = nodeAt(raw, 'bonus_data');
  if (data?.type === 'object') out.push(rollsBonus(data, SEGMENT_NAMES[segment ?? ''] ?? 'Rolls'));
  return out;
}

function dreamCatcher(raw: JsonNode): BonusDetail[] {
  const pending = textAt(raw, 'pending_multiplier');
  return pending === null ? [] : [bonus('multiplier', 'Wheel multiplier', facts(['Applied to this spin', x(pending)]))];
}

/** Lightning Storm: the numbers' batteries (multipliers) and the bonus the winning number held. */
function lightningStorm(raw: JsonNode): BonusDetail[] {
  const boosts = new Map(itemsAt(raw, 'wheel_result.multipliers').map((item) => [textAt(item, 'number'), textAt(item, 'multiplier')]));
  const winning = textAt(raw, 'wheel_result.wheelSector.number');
  const numbers = Array.from({ length: 20 }, (_, i) => String(i + 1));
  const out: BonusDetail[] = [];
  if (winning !== null) {
    out.push(
      bonus(
        'lightning-storm',
        textAt(raw, 'outcome') ?? 'Bonus',
        facts(
          ['Number', winning],
          ['Battery on it', x(textAt(raw, 'wheel_result.wheelSector.multiplier'))],
          ['Possible range', textAt(raw, 'multiplier_low') === null ? null : `${textAt(raw, 'multiplier_low')}× – ${textAt(raw, 'multiplier_high')}×`],
          ['Result', textAt(raw, 'multiplier_text')],
        ),
      ),
    );
  }
  out.push(
    bonus(
      'batteries',
      'Batteries',
      [...boosts].map(([number, boost]) => ({ label: `Number ${number ?? '?'}`, value: `${boost ?? '?'}×` })),
      rows(numbers.map((n) => (boosts.has(n) ? `${n} · ${boosts.get(n)}×` : n)), 10),
      rows(numbers.map((n) => n === winning), 10),
    ),
  );
  return out;
}

function iceFishing(raw: JsonNode): BonusDetail[] {
  const data = nodeAt(raw, 'bonus_data');
  if (data?.type !== 'object') {
    const multiplier = textAt(raw, 'segment_multiplier');
    return multiplier === null || multiplier === '1' ? [] : [bonus('leaf', 'Leaf multiplier', facts(['Multiplier', x(multiplier)]))];
  }
  return [bonus('fishing', 'Fishing bonus', facts(['Fish caught', x(textAt(data, 'fish'))], ['Boost', x(textAt(data, 'boost'))], ['Total', x(textAt(data, 'total'))]))];
}

function lightningDice(raw: JsonNode): BonusDetail[] {
  const total = textAt(raw, 'total');
  const strikes = itemsAt(raw, 'lightning').map((item) => [textAt(item, 'total') ?? '?', textAt(item, 'multiplier') ?? '?'] as const);
  return [
    bonus(
      'lightning',
      'Lightning',
      facts(
        ['Dice', itemsAt(raw, 'dice').map((die) => textAt(die, '') ?? '?').join(' + ') || null],
        ['Total', total],
        ['Lightning hit the total', textAt(raw, 'is_lightning') === 'true' ? 'Yes' : 'No'],
      ),
      strikes.length > 0 ? [strikes.map(([struck, multiplier]) => `${struck} · ${multiplier}×`)] : null,
      strikes.length > 0 ? [strikes.map(([struck]) => struck === total)] : null,
    ),
  ];
}

function lightningRoulette(raw: JsonNode): BonusDetail[] {
  const result = textAt(raw, 'result');
  const lucky = itemsAt(raw, 'lucky_numbers').map((item) => [textAt(item, 'number') ?? '?', textAt(item, 'multiplier') ?? '?'] as const);
  return [
    bonus(
      'lucky-numbers',
      'Lucky numbers',
      facts(['Pocket', result], ['Colour', textAt(raw, 'color')], ['Lucky hit', textAt(raw, 'is_lucky') === 'true' ? 'Yes' : 'No']),
      lucky.length > 0 ? [lucky.map(([number, multiplier]) => `${number} · ${multiplier}×`)] : null,
      lucky.length > 0 ? [lucky.map(([number]) => number === result)] : null,
    ),
  ];
}

const DECODERS: ReadonlyMap<string, Decoder> = new Map<string, Decoder>([
  ['crazytime', crazyTime],
  ['crazytimea', crazyTime],
  ['monopolylive', monopolyLive],
  ['monopolybigballer', bigBaller],
  ['dreamcatcher', dreamCatcher],
  ['lightningstorm', lightningStorm],
  ['icefishing', iceFishing],
  ['lightningdice', lightningDice],
  ['lightningroulette', lightningRoulette],
]);

/** The round's bonuses as its game defines them; none for crash games and games without a decoder. */
export function decodeBonuses(slug: string, row: JsonNode, segment: string | null): BonusDetail[] {
  const raw = nodeAt(row, 'raw');
  const decoder = DECODERS.get(slug);
  if (decoder === undefined || raw?.type !== 'object') return [];
  // A facts-only panel with nothing in it says nothing: leave it out.
  return decoder(raw, segment).filter((detail) => detail.facts.length > 0 || detail.grid !== null);
}
