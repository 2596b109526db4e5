import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashAhead } from '../../src/sim/hash-ahead';
import { HexKeyHmac } from '../../src/sim/hex-key-hmac';
import { roundHash } from '../../src/sim/round-hash';

/** Blocks this thread (the worker runs on its own) for `ms`. */
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('hashing ahead on a worker thread', () => {
  it('hands in each round’s hash and HMAC digest exactly as the log computes them', () => {
    const salt = 'roundlog-sandbox-salt-v1';
    const ahead = HashAhead.start('ahead-check', 'stake-crash', salt, 9_990)!;
    expect(ahead).not.toBeNull();
    const primed = new HexKeyHmac(salt);
    const computed = new HexKeyHmac(salt);
    let handedIn = 0;
    try {
      busyWait(1_000);
      for (let n = 9_990; n < 12_000; n++) {
        expect(ahead.nextRound).toBe(n);
        const hashHex = ahead.take(primed);
        if (hashHex === null) continue; // not reached yet: the log would hash it itself
        handedIn++;
        expect(hashHex).toBe(roundHash('ahead-check', 'stake-crash', n));
        const expected = createHmac('sha256', hashHex).update(salt).digest();
        expect(primed.first32(hashHex)).toBe(expected.readUInt32BE(0));
        expect(Buffer.from(primed.digest(hashHex), 'latin1').equals(expected)).toBe(true);
        expect(computed.digest(hashHex)).toBe(primed.digest(hashHex));
      }
    } finally {
      ahead.stop();
    }
    // Started a second before, the worker had filled its slots.
    expect(handedIn).toBeGreaterThan(1_000);
  });

  it('hands in bare round hashes for games decided without an HMAC', () => {
    const ahead = HashAhead.start('ahead-check', 'crazytime', null, 0)!;
    const taken: (string | null)[] = [];
    try {
      busyWait(1_000);
      for (let n = 0; n < 100; n++) taken.push(ahead.take(undefined));
    } finally {
      ahead.stop();
    }
    expect(taken.filter((hashHex) => hashHex !== null).length).toBeGreaterThan(50);
    taken.forEach((hashHex, n) => {
      if (hashHex !== null) expect(hashHex).toBe(roundHash('ahead-check', 'crazytime', n));
    });
  });
});
