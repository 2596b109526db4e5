import { gameInfo } from '../../shared/games';
import { HexKeyHmac } from '../hex-key-hmac';
import { defineCrashGame, stakeStyleHundredths } from './crash';

// Stake Crash, game-math.md §1: int = first 32 bits of HMAC-SHA256(key = game hash, msg = salt),
// M = max(1, 2^32/(int+1) × 0.99) floored to 0.01.

/**
 * Stake salts with the hash of BTC block 584,500, which our notes keep only truncated; any fixed
 * value gives the same distribution, so the sandbox uses its own.
 */
export const SANDBOX_SALT = 'roundlog-sandbox-salt-v1';

const hmac = new HexKeyHmac(SANDBOX_SALT);

/** First 32 bits of HMAC-SHA256(key = game hash as its 64 hex characters, msg = salt), as Stake's verifier. */
export function crashInt(gameHashHex: string): number {
  return hmac.first32(gameHashHex);
}

/** Crash point in hundredths for the 32-bit HMAC prefix `int`: floor(99·2^32/(int+1)), at least 100. */
export function crashHundredths(int: number): number {
  return stakeStyleHundredths(int, 99);
}

export const stakeCrash = defineCrashGame({
  info: { ...gameInfo('stake-crash'), indexBase: 7_393_228_772_258_000_000n, runningState: 'running' },
  hmac,
  stakeStyle: { percent: 99, complement: false },
  crashTenThousandths: (gameHashHex) => crashHundredths(crashInt(gameHashHex)) * 100,
});
