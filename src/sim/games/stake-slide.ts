import { gameInfo } from '../../shared/games';
import { HexKeyHmac } from '../hex-key-hmac';
import { defineCrashGame, stakeStyleHundredths } from './crash';

// Stake Slide (stake.com), kind "crash" in the slug table. game-math.md §1 gives the Stake-style
// formula max(1, 2^32/(int+1) × (1 − e)) with e = 1% or 2%.
// UNVERIFIED: the edge. The sandbox picks e = 1% (as Stake.us Slide, whose thread is verified);
// the app estimates the real one from data.

const hmac = new HexKeyHmac('roundlog-sandbox-slide-salt-v1');

/** A slide spins for a fixed time, not along the crash curve. UNVERIFIED: ~5 s, with ~8 s betting. */
const SPIN_MS = 5_000;

export const stakeSlide = defineCrashGame({
  info: { ...gameInfo('stake-slide'), indexBase: 7_401_553_129_004_000_000n, runningState: 'running' },
  hmac,
  stakeStyle: { percent: 99, complement: false },
  crashTenThousandths: (gameHashHex) => stakeStyleHundredths(hmac.first32(gameHashHex), 99) * 100,
  spinMs: SPIN_MS,
});
