import { z } from 'zod';
import { roundViewSchema } from './round';

// One round opened from the history browser: every field of the row as upstream sent it, what
// the row's bonus payload means for its game, and the exact stored text.

export const roundFieldSchema = z
  .object({
    /** Dotted path in the row (`raw.topSlot.multiplier`). */
    path: z.string(),
    /** The value exactly as the row's JSON text has it (big integers and decimals keep every digit). */
    value: z.string(),
  })
  .strict();

/** A decoded bonus as a list of labelled parts; each game's decoder says what its payload means. */
export const bonusDetailSchema = z
  .object({
    /** `cash-hunt`, `pachinko`, `coin-flip`, `crazy-time`, `top-slot`, `lightning`, `batteries`… */
    kind: z.string(),
    title: z.string(),
    /** Label → value pairs (`Flapper` → `green`, `Result` → `50×`). */
    facts: z.array(z.object({ label: z.string(), value: z.string() }).strict()),
    /** A grid of cells where the bonus has one (the Cash Hunt board, a Pachinko wall), row by row. */
    grid: z.array(z.array(z.string())).nullable(),
    /** Parallel to `grid`: the cells that the round hit (balls drawn, the winning number). */
    marks: z.array(z.array(z.boolean())).nullable(),
  })
  .strict();
export type BonusDetail = z.infer<typeof bonusDetailSchema>;

export const roundDetailSchema = z
  .object({
    round: roundViewSchema,
    kind: z.string(),
    fields: z.array(roundFieldSchema),
    bonuses: z.array(bonusDetailSchema),
    /** The row exactly as stored, pretty-printed without touching a digit. */
    rawJson: z.string(),
  })
  .strict();
export type RoundDetail = z.infer<typeof roundDetailSchema>;
