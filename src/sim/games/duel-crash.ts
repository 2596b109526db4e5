import { gameInfo } from '../../shared/games';
import { HexKeyHmac } from '../hex-key-hmac';
import { defineCrashGame } from './crash';

// Duel Crash, game-math.md §1: value = first 4 bytes of HMAC-SHA256(serverSeed, `${drand}:0`),
// M = max(1, 2^32/(value+1) × 0.999), unfloored (0.1% edge). TrackerSino serves it to 4 decimals
// ("1.5998" for 1.5997744); raw.result.maxMultiplier keeps 7.
// The round hash stands in for the server seed; the drand beacon is a fixed sandbox value, which
// leaves the distribution unchanged (the key already varies per round).

const SANDBOX_DRAND = 'roundlog-sandbox-drand-v1';
const hmac = new HexKeyHmac(`${SANDBOX_DRAND}:0`);

const SCALE = 0.999 * 2 ** 32;

/** The unfloored multiplier, at least 1. */
export function duelMultiplier(value: number): number {
  return Math.max(1, SCALE / (value + 1));
}

/** The row's multiplier: the raw value rounded to 4 decimals, as TrackerSino serves it. */
export function duelTenThousandths(value: number): number {
  return Math.max(10_000, Math.round((9_990 * 2 ** 32) / (value + 1)));
}

export const duelCrash = defineCrashGame({
  info: { ...gameInfo('duel-crash'), indexBase: 3_904_117_252_806_000_000n, runningState: 'running' },
  hmac,
  crashTenThousandths: (gameHashHex) => duelTenThousandths(hmac.first32(gameHashHex)),
  maxMultiplierJson(gameHashHex) {
    const exact = duelMultiplier(hmac.first32(gameHashHex));
    return Number.isInteger(exact) ? `${exact}.0` : String(Number(exact.toFixed(7)));
  },
});
