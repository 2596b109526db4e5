import { isoSeconds } from '../shared/time';

// Round rows are written as JSON once, when the round is generated (as bytes, finalized-row.ts), and
// served by joining them: round_index (> 2^53) never passes through a JS number, and the key order
// is the seed's. Every string value written here is a slug, hex/base64url id, decimal or ISO time,
// so none needs JSON escaping.

/** `"4.7100"`, `"1.5998"`: upstream's multiplier string, 4 decimals, from ten-thousandths. */
export function multiplierText(tenThousandths: number): string {
  const fraction = tenThousandths % 10_000;
  const whole = (tenThousandths - fraction) / 10_000;
  return `${whole}.${FOUR_DIGITS[fraction]}`;
}

/** "0000".."9999": a table read beats padStart on the path that writes a million rows. */
const FOUR_DIGITS: readonly string[] = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));

/** `2026-06-01T12:19:52.013Z`: the millisecond precision Lightning Storm's rows carry. */
export function isoMillis(ms: number): string {
  const seconds = isoSeconds(ms);
  return `${seconds.slice(0, -1)}.${FOUR_DIGITS[ms % 1000]?.slice(1)}Z`;
}

/**
 * A JSON number the way upstream's Python writes a float: `196.23`, `4.71`, `25825.0`.
 * Takes hundredths so the value is exact.
 */
export function floatText(hundredths: number): string {
  const cents = hundredths % 100;
  const whole = (hundredths - cents) / 100;
  if (cents === 0) return `${whole}.0`;
  if (cents % 10 === 0) return `${whole}.${cents / 10}`;
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** The round still in play: same keys, with nothing that would reveal its outcome. */
export function runningRowJson(roundIndex: string, roundId: string, state: string, observedAt: string): string {
  return (
    `{"round_index":${roundIndex},"round_id":"${roundId}","multiplier":null,"random_number":null,` +
    `"state":"${state}","time_spin_stop":null,"finalized_at":null,"observed_at":"${observedAt}","raw":null}`
  );
}

/** A stream frame: the row with `game_id` as its first key. */
export function frameJson(game: string, rowJson: string): string {
  return `{"game_id":"${game}",${rowJson.slice(1)}`;
}
