import { z } from 'zod';
import { betsPanelSchema } from './bets';
import { dicePanelSchema } from './dice';
import { multiplierStatsSchema } from './multiplier-stats';
import { roulettePanelSchema } from './roulette';
import { wheelPanelSchema } from './wheel';

/** Everything the game's dashboard shows for one window: the multiplier series, and its kind's panel. */
export const gameStatsSchema = z
  .object({
    multiplier: multiplierStatsSchema,
    wheel: wheelPanelSchema.nullable(),
    dice: dicePanelSchema.nullable(),
    roulette: roulettePanelSchema.nullable(),
    /** Crash games with recorded bet snapshots; null otherwise. */
    bets: betsPanelSchema.nullable(),
  })
  .strict();
export type GameStatsView = z.infer<typeof gameStatsSchema>;
