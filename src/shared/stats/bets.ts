import { z } from 'zod';
import { rateSchema } from './common';

// The bet-snapshot panel of a crash game: what the bets Roundlog saw (TrackerSino's
// /stats/recent-bets, recorded while it runs) staked and returned over a window, per cash-out
// target band and per currency, beside the game's law. Amounts are dollars (the snapshots' own
// unit); rates are fractions.

/** Staked, returned and counted over some bets. */
export const betTotalsSchema = z
  .object({
    bets: z.number().int().nonnegative(),
    volume: z.number().nonnegative(),
    payout: z.number().nonnegative(),
    /** payout / volume, or null when nothing was staked. */
    rtp: z.number().nullable(),
  })
  .strict();
export type BetTotalsView = z.infer<typeof betTotalsSchema>;

/** Bets whose cash-out target lies in [from, to) (to null: no upper end). */
export const targetBandSchema = betTotalsSchema
  .extend({
    from: z.number().positive(),
    to: z.number().positive().nullable(),
    /** Bets won of bets, with its Wilson interval, beside the chance the law gives these targets. */
    winRate: rateSchema,
    /** The return the law promises at these targets (Σ stake × x × P(M ≥ x) / Σ stake), or null. */
    fairRtp: z.number().nullable(),
  })
  .strict();
export type TargetBandView = z.infer<typeof targetBandSchema>;

/** One exact cash-out target, as the vendor's /stats/rtp-detailed breaks the return down. */
export const exactTargetSchema = betTotalsSchema
  .extend({
    target: z.number().positive(),
    wins: z.number().int().nonnegative(),
    /** wins / bets. */
    winRate: z.number().nullable(),
  })
  .strict();
export type ExactTargetView = z.infer<typeof exactTargetSchema>;

export const currencyVolumeSchema = betTotalsSchema.extend({ currency: z.string() }).strict();
export type CurrencyVolumeView = z.infer<typeof currencyVolumeSchema>;

export const betsPanelSchema = z
  .object({
    /** Rounds of the window with a recorded bet snapshot (a subset of the window's rounds). */
    rounds: z.number().int().nonnegative(),
    totals: betTotalsSchema,
    /** The law's return over these very bets, or null where no theory is published. */
    fairRtp: z.number().nullable(),
    bands: z.array(targetBandSchema),
    /** Largest volume first. */
    currencies: z.array(currencyVolumeSchema),
    /** Distinct exact cash-out targets seen (the bands group them). */
    targets: z.number().int().nonnegative(),
    /** Every exact target, lowest first, when asked for (`roundlog stats --json`); null otherwise (the dashboard shows bands). */
    byTarget: z.array(exactTargetSchema).nullable(),
    /** When the oldest round with a recorded bet snapshot was finalised (ISO), or null: none yet. */
    recordedSince: z.string().nullable(),
    note: z.string(),
  })
  .strict();
export type BetsPanelView = z.infer<typeof betsPanelSchema>;

/** Lower edges of the cash-out target bands; the last band is open. */
export const TARGET_BAND_EDGES: readonly number[] = [1, 1.5, 2, 3, 5, 10, 100];
