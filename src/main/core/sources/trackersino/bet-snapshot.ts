import { z } from 'zod';
import { isoToMicros } from '../../../../shared/time';
import { parseJson, RowError } from './round-row';

// A `/stats/recent-bets` answer, read into the rounds it shows: each round's bets in the order
// upstream lists them (newest round first, a round's bets in snapshot order). Money is kept in
// millionths of a dollar and targets in ten-thousandths, so sums are exact integers.

/** One observed bet. */
export interface ObservedBet {
  readonly amountMicros: number;
  readonly payoutMicros: number;
  /** Cash-out target in 1/10,000 (25000 = 2.50×). */
  readonly targetUnits: number;
  readonly currency: string;
  readonly won: boolean;
}

/** The bets a snapshot shows of one round: a prefix of its bets when the answer's limit cut it. */
export interface ObservedRound {
  readonly roundId: string;
  readonly finalizedUs: number;
  readonly bets: ObservedBet[];
}

export interface BetSnapshot {
  /** Newest round first, as listed. */
  readonly rounds: ObservedRound[];
  /** Bets that could not be read, with why: counted, never silently dropped. */
  readonly rejected: { readonly reason: string }[];
}

const DECIMAL = /^(\d{1,9})(?:\.(\d+))?$/;
const MICROS = 1_000_000;
export const TARGET_UNIT = 10_000;

/** A non-negative decimal string (or number) in units of 1/`unit`, rounded half up past its precision. */
export function decimalUnits(value: unknown, unit: number): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return null;
  const match = DECIMAL.exec(text);
  if (match === null) return null;
  const digits = Math.round(Math.log10(unit));
  const fraction = (match[2] ?? '').padEnd(digits + 1, '0');
  const roundUp = Number(fraction[digits]) >= 5 ? 1 : 0;
  return Number(match[1]) * unit + Number(fraction.slice(0, digits)) + roundUp;
}

const betSchema = z.object({
  round_id: z.string().min(1).max(128),
  finalized_at: z.string(),
  bet_amount: z.union([z.string(), z.number()]),
  payout: z.union([z.string(), z.number()]).nullish(),
  target_multiplier: z.union([z.string(), z.number()]),
  balance_type: z.string().min(1).max(32),
  won: z.boolean(),
});

const answerSchema = z.object({ bets: z.array(z.unknown()) });

function readBet(value: unknown): { roundId: string; finalizedUs: number; bet: ObservedBet } {
  const parsed = betSchema.safeParse(value);
  if (!parsed.success) throw new RowError(`not a bet: ${z.prettifyError(parsed.error)}`, false);
  const row = parsed.data;
  const finalizedUs = isoToMicros(row.finalized_at);
  if (finalizedUs === null) throw new RowError(`finalized_at is not an ISO time: ${row.finalized_at.slice(0, 40)}`, false);
  const amountMicros = decimalUnits(row.bet_amount, MICROS);
  const targetUnits = decimalUnits(row.target_multiplier, TARGET_UNIT);
  if (amountMicros === null) throw new RowError(`bet_amount is not a decimal: ${String(row.bet_amount).slice(0, 40)}`, false);
  if (targetUnits === null || targetUnits < TARGET_UNIT) {
    throw new RowError(`target_multiplier is not a multiplier ≥ 1: ${String(row.target_multiplier).slice(0, 40)}`, false);
  }
  // A snapshot without payout pays stake × target on a win, which is what cashing out there means.
  const payoutMicros = row.payout == null ? (row.won ? Math.floor((amountMicros * targetUnits) / TARGET_UNIT) : 0) : decimalUnits(row.payout, MICROS);
  if (payoutMicros === null) throw new RowError(`payout is not a decimal: ${String(row.payout).slice(0, 40)}`, false);
  return {
    roundId: row.round_id,
    finalizedUs,
    bet: { amountMicros, payoutMicros, targetUnits, currency: row.balance_type.toLowerCase(), won: row.won },
  };
}

/** Reads a recent-bets answer; throws RowError when the answer itself is not one. */
export function parseBetSnapshot(text: string): BetSnapshot {
  const answer = answerSchema.safeParse(parseJson(text));
  if (!answer.success) throw new RowError('recent-bets answer has no bets array', false);
  const rounds: ObservedRound[] = [];
  const rejected: { reason: string }[] = [];
  let current = null as ObservedRound | null;
  /** A round whose list broke at an unreadable bet: its later bets would no longer be a prefix. */
  let cut: string | null = null;
  for (const value of answer.data.bets) {
    let read: ReturnType<typeof readBet>;
    try {
      read = readBet(value);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push({ reason: error.reason });
      cut = current?.roundId ?? null;
      current = null;
      continue;
    }
    if (read.roundId === cut) {
      rejected.push({ reason: 'follows an unreadable bet of its round' });
      continue;
    }
    if (current === null || current.roundId !== read.roundId) {
      if (rounds.some((round) => round.roundId === read.roundId)) {
        // A round listed in two places is not in snapshot order: its second part is not kept.
        rejected.push({ reason: `round ${read.roundId.slice(0, 40)} listed twice` });
        continue;
      }
      current = { roundId: read.roundId, finalizedUs: read.finalizedUs, bets: [] };
      rounds.push(current);
    }
    current.bets.push(read.bet);
  }
  return { rounds, rejected };
}
