import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashAhead } from '../../src/sim/hash-ahead';
import { HexKeyHmac } from '../../src/sim/hex-key-hmac';
import { roundHash, SeededDice } from '../../src/sim/round-hash';
import { stakeStyleHundredths } from '../../src/sim/games/crash';
import { CrowdAhead, drawRound, RoundDraws } from '../../src/sim/games/crowd';

/** Blocks this thread (the worker runs on its own) for `ms`. */
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('hashing ahead on a worker thread', () => {
  it('hands in each round’s hash, HMAC digest and dice seed exactly as the log computes them', () => {
    const salt = 'roundlog-sandbox-salt-v1';
    const primed = new HexKeyHmac(salt);
    const ahead = HashAhead.start('ahead-check', 'stake-crash', primed, null, 9_990)!;
    expect(ahead).not.toBeNull();
    const computed = new HexKeyHmac(salt);
    const seeded = new SeededDice();
    const reseeded = new SeededDice();
    let handedIn = 0;
    try {
      busyWait(1_000);
      for (let n = 9_990; n < 12_000; n++) {
        expect(ahead.nextRound).toBe(n);
        const hashHex = ahead.take(seeded);
        if (hashHex === null) continue; // not reached yet: the log would hash it itself
        handedIn++;
        expect(hashHex).toBe(roundHash('ahead-check', 'stake-crash', n));
        const expected = createHmac('sha256', hashHex).update(salt).digest();
        expect(primed.first32(hashHex)).toBe(expected.readUInt32BE(0));
        expect(Buffer.from(primed.digest(hashHex), 'latin1').equals(expected)).toBe(true);
        expect(computed.digest(hashHex)).toBe(primed.digest(hashHex));
        reseeded.reseed(hashHex);
        const draws = (dice: SeededDice): number[] => Array.from({ length: 5 }, () => dice.uint32());
        expect(draws(seeded)).toEqual(draws(reseeded));
      }
    } finally {
      ahead.stop();
    }
    // Started a second before, the worker had filled its slots.
    expect(handedIn).toBeGreaterThan(1_000);
  });

  it('hands in bare round hashes for games decided without an HMAC', () => {
    const ahead = HashAhead.start('ahead-check', 'crazytime', null, null, 0)!;
    const taken: (string | null)[] = [];
    try {
      busyWait(1_000);
      for (let n = 0; n < 100; n++) taken.push(ahead.take(new SeededDice()));
    } finally {
      ahead.stop();
    }
    expect(taken.filter((hashHex) => hashHex !== null).length).toBeGreaterThan(50);
    taken.forEach((hashHex, n) => {
      if (hashHex !== null) expect(hashHex).toBe(roundHash('ahead-check', 'crazytime', n));
    });
  });

  it('draws each crash round’s crowd exactly as the log draws it, for Stake-style crash points and their complement', () => {
    for (const complement of [false, true]) {
      const hmac = new HexKeyHmac('crowd-check-salt');
      const crowd = new CrowdAhead(99, complement);
      const ahead = HashAhead.start('crowd-check', 'stake-crash', hmac, crowd, 0)!;
      const dice = new SeededDice();
      const expected = new RoundDraws();
      let handedIn = 0;
      try {
        busyWait(1_000);
        for (let n = 0; n < 3_000; n++) {
          const hashHex = ahead.take(new SeededDice());
          if (hashHex === null) continue;
          handedIn++;
          const int = hmac.first32(hashHex);
          dice.reseed(hashHex);
          drawRound(dice, stakeStyleHundredths(complement ? 0xffff_ffff - int : int, 99), expected);
          expect({ ...crowd.drawsFor(hashHex) }, `round ${n}`).toEqual({ ...expected });
        }
      } finally {
        ahead.stop();
      }
      expect(handedIn).toBeGreaterThan(1_000);
    }
  });
});
