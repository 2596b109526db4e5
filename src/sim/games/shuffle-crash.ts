import { gameInfo } from '../../shared/games';
import { HexKeyHmac } from '../hex-key-hmac';
import { defineCrashGame, stakeStyleHundredths } from './crash';

// Shuffle Crash, game-math.md §1. UNVERIFIED (one third-party verifier): 4 bytes of an HMAC → a
// float f = int/2^32, M = (99/(1 − f))/100, floored to 0.01: about a 1% edge, S(x) ≈ 0.99/x.
// floor(99/(1 − f)) = floor(99·2^32/(2^32 − int)): the Stake-style formula at int' = 2^32 − 1 − int.
// The sandbox keys the HMAC with the round hash (a multiplayer crash needs one value per round).

const hmac = new HexKeyHmac('roundlog-sandbox-shuffle-v1:0:0');

export function shuffleCrashHundredths(int: number): number {
  return stakeStyleHundredths(0xffff_ffff - int, 99);
}

export const shuffleCrash = defineCrashGame({
  info: { ...gameInfo('shuffle-crash'), indexBase: 5_120_448_906_311_000_000n, runningState: 'running' },
  hmac,
  stakeStyle: { percent: 99, complement: true },
  crashTenThousandths: (gameHashHex) => shuffleCrashHundredths(hmac.first32(gameHashHex)) * 100,
});
