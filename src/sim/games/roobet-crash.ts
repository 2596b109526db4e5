import { gameInfo } from '../../shared/games';
import { HexKeyHmac } from '../hex-key-hmac';
import { defineCrashGame } from './crash';

// Roobet Crash (slug `crash`, alias `roobet-crash`), game-math.md §1, code as quoted from
// roobet.com/fair: HMAC-SHA256(key = game hash, msg = salt); if the 256-bit value is divisible by
// 25 the round shows 1.00× (4%); else h = its first 52 bits and
// M = floor((100·2^52 − h)/(2^52 − h))/100. S(x) = 0.96 × 99/(100x − 1), 1.00× in 4.96%.
// The real salt is a block hash; the sandbox uses its own (the distribution is the same).

const hmac = new HexKeyHmac('roundlog-sandbox-roobet-salt-v1');

const E = 2 ** 52;

/** The digest (latin1 text, 32 bytes) as a 256-bit number is divisible by 25. */
function divisibleBy25(digest: string): boolean {
  let remainder = 0;
  for (let i = 0; i < 32; i++) remainder = (remainder * 256 + digest.charCodeAt(i)) % 25;
  return remainder === 0;
}

/** floor((100·2^52 − h)/(2^52 − h)) = 100 + floor(99h/(2^52 − h)), exact for every 52-bit h. */
export function roobetHundredths(h: number): number {
  const ratio = (99 * h) / (E - h);
  const floored = Math.floor(ratio);
  // 99h passes 2^53, so the float can land on the wrong side of an integer: settle near ones exactly.
  if (ratio - floored < 1e-6 || floored + 1 - ratio < 1e-6) {
    return 100 + Number((99n * BigInt(h)) / BigInt(E - h));
  }
  return 100 + floored;
}

export function roobetCrashHundredths(digest: string): number {
  if (divisibleBy25(digest)) return 100;
  // First 52 bits = 13 hex digits: 6 whole bytes and the high half of the 7th.
  let h = 0;
  for (let i = 0; i < 6; i++) h = h * 256 + digest.charCodeAt(i);
  h = h * 16 + (digest.charCodeAt(6) >>> 4);
  return roobetHundredths(h);
}

export const roobetCrash = defineCrashGame({
  info: { ...gameInfo('crash'), indexBase: 6_211_870_334_725_000_000n, runningState: 'running' },
  hmac,
  crashTenThousandths: (gameHashHex) => roobetCrashHundredths(hmac.digest(gameHashHex)) * 100,
});
