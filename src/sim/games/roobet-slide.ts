import { gameInfo } from '../../shared/games';
import { isoSeconds } from '../../shared/time';
import { floatText } from '../row';
import { HexKeyHmac } from '../hex-key-hmac';
import { stakeStyleHundredths } from './crash';
import { defineGame, type RoundPlay } from './game';

// Roobet Slide (slug `slide`, kind "wheel"). game-math.md §1: per-bet seeds feed a "Stake-style
// 52-bit floor formula" to pick where the strip stops; the distribution is UNVERIFIED.
// UNVERIFIED assumption: the landing multiplier follows the Stake-style 2^32 formula with a 1%
// edge, M = max(1, 2^32/(int+1) × 0.99) floored to 0.01, so S(x) ≈ 0.99/x and 1.00× shows 1.98%.
// raw is "multiplier only", as the slug table says for kind wheel (Slide).

const hmac = new HexKeyHmac('roundlog-sandbox-roobet-slide-v1');

interface SlidePlay extends RoundPlay {
  readonly hundredths: number;
}

export const roobetSlide = defineGame<SlidePlay>({
  info: { ...gameInfo('slide'), indexBase: 6_305_992_118_470_000_000n, runningState: 'spinning' },
  hmac,

  play(hashHex, dice) {
    const hundredths = stakeStyleHundredths(hmac.first32(hashHex), 99);
    return {
      roundId: hashHex.slice(40),
      multiplierTenThousandths: hundredths * 100,
      randomNumber: null,
      // UNVERIFIED cadence: ~10 s of betting, ~5 s of slide.
      cadenceMs: dice.between(14_000, 17_000),
      observedDelayMicros: dice.between(300_000, 2_000_000),
      hundredths,
    };
  },

  rawJson(play, finishMs) {
    return (
      `{"source":"roobet","round_id":"${play.roundId}","multiplier":${floatText(play.hundredths)},` +
      `"settledAt":"${isoSeconds(finishMs)}"}`
    );
  },
});
