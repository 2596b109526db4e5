// Round rows are written as JSON text once, when the round is generated, and served by joining
// texts: round_index (> 2^53) never passes through a JS number, and the key order is the seed's.
// Every string value written here is a slug, hex/base64url id, decimal or ISO time, so none needs
// JSON escaping.

/** `"4.7100"`: upstream's multiplier string, 4 decimals, from a whole number of hundredths. */
export function multiplierText(hundredths: number): string {
  const cents = hundredths % 100;
  return `${(hundredths - cents) / 100}.${cents < 10 ? '0' : ''}${cents}00`;
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

/**
 * V8 keeps a concatenated string as a tree of its pieces, several times its length in memory.
 * Reading a character flattens it in place, so a stored row costs about its length.
 */
function flattened(json: string): string {
  if (json.charCodeAt(json.length - 1) !== 0x7d) throw new Error(`not a JSON object: ${json.slice(0, 80)}`);
  return json;
}

export function finalizedRowJson(
  roundIndex: string,
  roundId: string,
  multiplier: string,
  randomNumber: number | null,
  finalizedAt: string,
  observedAt: string,
  rawJson: string,
): string {
  return flattened(
    `{"round_index":${roundIndex},"round_id":"${roundId}","multiplier":"${multiplier}",` +
      `"random_number":${randomNumber === null ? 'null' : String(randomNumber)},"state":"finalized",` +
      `"time_spin_stop":"${finalizedAt}","finalized_at":"${finalizedAt}","observed_at":"${observedAt}",` +
      `"raw":${rawJson}}`,
  );
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
