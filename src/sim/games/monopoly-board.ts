import { weightedTable, type SeededDice } from '../round-hash';

// The MONOPOLY bonus board (Monopoly Live's 2/4 Rolls, Big Baller's 3/5 Rolls), game-math.md §2:
// the rolls are a minimum; a double earns another roll; passing GO doubles the prizes won so far.
// UNVERIFIED: the board's prize distribution is not published. The sandbox assumes each landing
// pays a multiplier from the table below (Chance/jail tiles included as low values), at most
// three extra rolls for doubles, and GO every 40 tiles.

const BOARD_TILES = 40;
const MAX_EXTRA_ROLLS = 3;
const TILE_PRIZES = weightedTable([[1, 10], [2, 20], [3, 16], [4, 14], [5, 12], [8, 9], [10, 8], [15, 5], [20, 3], [25, 2], [50, 1]]);

export interface RollsBonus {
  /** Total prize multiplier of the bonus. */
  readonly prize: number;
  /** bonus_data as JSON text. */
  readonly json: string;
}

export function playRolls(dice: SeededDice, minimumRolls: number): RollsBonus {
  let rollsLeft = minimumRolls;
  let extra = 0;
  let position = 0;
  let prize = 0;
  let goPasses = 0;
  const rolls: string[] = [];
  while (rollsLeft > 0) {
    rollsLeft -= 1;
    const a = dice.between(1, 6);
    const b = dice.between(1, 6);
    position += a + b;
    if (position >= BOARD_TILES) {
      position -= BOARD_TILES;
      goPasses += 1;
      prize *= 2;
    }
    const tilePrize = dice.draw(TILE_PRIZES);
    prize += tilePrize;
    rolls.push(`{"dice":[${a},${b}],"tile":${position},"prize":${tilePrize}}`);
    if (a === b && extra < MAX_EXTRA_ROLLS) {
      extra += 1;
      rollsLeft += 1;
    }
  }
  return {
    prize,
    json: `{"min_rolls":${minimumRolls},"extra_rolls":${extra},"go_passes":${goPasses},"rolls":[${rolls.join(',')}],"total":${prize}}`,
  };
}
