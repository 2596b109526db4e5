import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HexKeyHmac } from './hex-key-hmac';
import type { SeededDice } from './round-hash';

// A long history spends about a third of its time in SHA-256: each round's hash, and for crash
// games the HMAC digest that decides it. That part needs nothing but node:crypto, so a worker
// thread computes it ahead of the log, which meanwhile plays rounds and writes rows. A game may
// have the worker draw more of each round (PlayAhead: a crash round's crowd, another quarter).
//
// The log never waits for the worker: a round the worker has not reached yet, it works out
// itself, and the worker skips past rounds the log has taken (LEAD). Both compute the same pure
// function of the round number, so which thread did a round never shows in what is generated;
// on two cores the split between them settles wherever the two threads finish together.

/**
 * More of each round for the worker to work out: `source` is a JS function expression taking
 * `data` (structured-cloned to the worker) and returning the per-round function
 * `(seed0, seed1, seed2, seed3, int, words, at)`, given the dice's seed words, the HMAC digest's
 * first 32 bits and where to write its 4 words of results; the log hands them to `prime`.
 */
export interface PlayAhead {
  readonly source: string;
  readonly data: unknown;
  prime(hashHex: string, words: Int32Array, at: number): void;
}

/** Rounds the worker may run ahead of the log. */
const SLOTS = 4096;
/**
 * A round's slot, in two cache lines: its hash as hex text (64 bytes), its 32-byte HMAC digest,
 * the dice's seed (SeededDice.seed: the hash's first 4 words), then a PlayAhead's 4 words. Hex
 * text, as decoding it costs the log a third of hex-encoding raw bytes (measured).
 */
const HEX_BYTES = 64;
const DIGEST_AT = 64;
const SEED_AT = 96;
const AHEAD_AT = 112;
const SLOT_BYTES = 128;
/** The log tells the worker how far it got every this many rounds. */
const PUBLISH_EVERY = 64;
/**
 * A worker that finds itself less than two publications ahead of a log under way jumps this far
 * ahead: a worker slower than the log (a crowd to draw) would otherwise work on the very rounds
 * the log is working out itself, and both would do every round. Apart, the log works out the
 * rounds up to the worker's and takes the worker's after them.
 */
const LEAD = 512;
/**
 * A worker with every slot full looks again after this long, unwoken: waking it from the log was
 * a futex call each time, ~20 µs on a 2-core VM (measured) and longer when the cores are busy.
 * The log takes a full set of slots in over 10 ms.
 */
const FULL_WAIT_MS = 2;
// Control words, in a cache line of their own: rounds the log has taken (from `from`), the stop flag.
const TAKEN = 0;
const STOP = 1;
const CONTROL_BYTES = 64;

/**
 * The worker's code, run with `eval`: a worker given a file would need its own bundle entry, and
 * this must run alike from sources (tests), the CLI and the app. It repeats RoundHasher's message,
 * HexKeyHmac's HMAC and SeededDice.reseed; test/sim/hash-ahead.test.ts holds them equal.
 *
 * Per round it makes three native hash calls and otherwise moves words: the digest comes as 32
 * latin1 characters, is hex-encoded two characters at a time through a table, and the HMAC's
 * padded keys are the hex words XORed with 0x36… and 0x5c… (bytes the same in every lane, so
 * the words' byte order does not matter; nor does it for the table, built through the same views).
 */
function workerSource(aheadSource: string | null): string {
  // In one function: its bindings are locals, where a script's top-level ones live in its context.
  return `
'use strict';
(function hashAhead() {
const { workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { prefix, salt, from, shared, slots, slotBytes, controlBytes } = workerData;
const playAhead = ${aheadSource === null ? 'null' : `(${aheadSource})(workerData.ahead)`};
const control = new Int32Array(shared, 0, 2);
const held = new Int32Array(shared, controlBytes, slots);
const bytes = new Uint8Array(shared, controlBytes + slots * 4, slots * slotBytes);
const pairs = new Uint16Array(shared, controlBytes + slots * 4, (slots * slotBytes) / 2);
const words = new Int32Array(shared, controlBytes + slots * 4, (slots * slotBytes) / 4);
const HEX_PAIRS = new Uint16Array(256);
const pairBytes = new Uint8Array(HEX_PAIRS.buffer);
for (let b = 0; b < 256; b++) {
  pairBytes[2 * b] = '0123456789abcdef'.charCodeAt(b >>> 4);
  pairBytes[2 * b + 1] = '0123456789abcdef'.charCodeAt(b & 15);
}
const prefixBytes = Buffer.byteLength(prefix);
const message = Buffer.alloc(prefixBytes + 17);
message.write(prefix);
const views = [];
for (let digits = 0; digits <= 17; digits++) views.push(message.subarray(0, prefixBytes + digits));
const inner = salt === null ? null : Buffer.alloc(64 + Buffer.byteLength(salt));
if (inner !== null) inner.write(salt, 64);
const innerWords = inner === null ? null : new Int32Array(inner.buffer, inner.byteOffset, 16);
const outer = Buffer.alloc(96);
const outerWords = new Int32Array(outer.buffer, outer.byteOffset, 16);
let offset = 0;
while (Atomics.load(control, ${STOP}) === 0) {
  const taken = Atomics.load(control, ${TAKEN});
  if (taken > 0 && offset < taken + ${2 * PUBLISH_EVERY}) offset = taken + ${LEAD};
  if (offset - taken >= slots) {
    Atomics.wait(control, ${TAKEN}, taken, ${FULL_WAIT_MS});
    continue;
  }
  const n = from + offset;
  let digits = 1;
  for (let power = 10; power <= n; power *= 10) digits++;
  let rest = n;
  for (let i = prefixBytes + digits - 1; i >= prefixBytes; i--) {
    const digit = rest % 10;
    message[i] = 0x30 + digit;
    rest = (rest - digit) / 10;
  }
  const digest = hash('sha256', views[digits], 'latin1');
  const at = (offset % slots) * slotBytes;
  for (let i = 0; i < 32; i++) pairs[at / 2 + i] = HEX_PAIRS[digest.charCodeAt(i)];
  const seed0 = (digest.charCodeAt(0) << 24) | (digest.charCodeAt(1) << 16) | (digest.charCodeAt(2) << 8) | digest.charCodeAt(3);
  const seed1 = (digest.charCodeAt(4) << 24) | (digest.charCodeAt(5) << 16) | (digest.charCodeAt(6) << 8) | digest.charCodeAt(7);
  const seed2 = (digest.charCodeAt(8) << 24) | (digest.charCodeAt(9) << 16) | (digest.charCodeAt(10) << 8) | digest.charCodeAt(11);
  const seed3 = (digest.charCodeAt(12) << 24) | (digest.charCodeAt(13) << 16) | (digest.charCodeAt(14) << 8) | digest.charCodeAt(15);
  words[(at + ${SEED_AT}) / 4] = seed0;
  words[(at + ${SEED_AT}) / 4 + 1] = seed1;
  words[(at + ${SEED_AT}) / 4 + 2] = seed2;
  words[(at + ${SEED_AT}) / 4 + 3] = seed3;
  let int = 0;
  if (inner !== null) {
    // The HMAC key is the hash as hex text.
    for (let i = 0; i < 16; i++) {
      const hex = words[at / 4 + i];
      innerWords[i] = hex ^ 0x36363636;
      outerWords[i] = hex ^ 0x5c5c5c5c;
    }
    // Byte by byte: Buffer#write costs ~180 ns a call (measured), twice this loop.
    const innerMac = hash('sha256', inner, 'latin1');
    for (let i = 0; i < 32; i++) outer[64 + i] = innerMac.charCodeAt(i);
    const mac = hash('sha256', outer, 'latin1');
    for (let i = 0; i < 32; i++) bytes[at + ${DIGEST_AT} + i] = mac.charCodeAt(i);
    int = ((mac.charCodeAt(0) << 24) | (mac.charCodeAt(1) << 16) | (mac.charCodeAt(2) << 8) | mac.charCodeAt(3)) >>> 0;
  }
  if (playAhead !== null) playAhead(seed0, seed1, seed2, seed3, int, words, (at + ${AHEAD_AT}) / 4);
  Atomics.store(held, offset % slots, offset + 1);
  offset++;
}
})();
`;
}

/** Round hashes from `from` on, in order, computed by a worker thread while the caller takes them. */
export class HashAhead {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly held: Int32Array;
  private readonly bytes: Buffer;
  /** The slots again, as words: a digest is copied out 4 bytes at a time. */
  private readonly words: Int32Array;
  /** The next round, counted from `from`. */
  private next = 0;

  /**
   * Starts hashing `${seed}:${slug}:${n}` for n = from, from + 1, …, with HMAC digests by `hmac`
   * and the draws of `ahead` if given; null where a second thread would not run in parallel.
   */
  static start(seed: string, slug: string, hmac: HexKeyHmac | null, ahead: PlayAhead | null, from: number): HashAhead | null {
    if (availableParallelism() < 2) return null;
    try {
      return new HashAhead(`${seed}:${slug}:`, hmac, ahead, from);
    } catch {
      // No worker (resource limits): the log hashes every round itself, as it always can.
      return null;
    }
  }

  private constructor(
    prefix: string,
    private readonly hmac: HexKeyHmac | null,
    private readonly ahead: PlayAhead | null,
    readonly from: number,
  ) {
    const shared = new SharedArrayBuffer(CONTROL_BYTES + SLOTS * 4 + SLOTS * SLOT_BYTES);
    this.control = new Int32Array(shared, 0, 2);
    this.held = new Int32Array(shared, CONTROL_BYTES, SLOTS);
    this.bytes = Buffer.from(shared, CONTROL_BYTES + SLOTS * 4, SLOTS * SLOT_BYTES);
    this.words = new Int32Array(shared, CONTROL_BYTES + SLOTS * 4, (SLOTS * SLOT_BYTES) / 4);
    this.worker = new Worker(workerSource(ahead?.source ?? null), {
      eval: true,
      workerData: {
        prefix,
        salt: hmac?.salt ?? null,
        from,
        shared,
        slots: SLOTS,
        slotBytes: SLOT_BYTES,
        controlBytes: CONTROL_BYTES,
        ahead: ahead?.data ?? null,
      },
    });
    // A failing worker only stops handing rounds in; the log hashes the rest itself.
    this.worker.on('error', () => this.stop());
    this.worker.unref();
  }

  /** The round after the last one taken. */
  get nextRound(): number {
    return this.from + this.next;
  }

  /**
   * Round `nextRound`'s hash if the worker has it, else null; either way, moves on to the next
   * round. With the hash, the HMAC and the PlayAhead the worker was started with are primed
   * with its digest and draws, and `dice` is seeded from it as `dice.reseed(hash)` would.
   */
  take(dice: SeededDice): string | null {
    const offset = this.next++;
    const slot = offset % SLOTS;
    let hashHex: string | null = null;
    if (Atomics.load(this.held, slot) === offset + 1) {
      const at = slot * SLOT_BYTES;
      hashHex = this.bytes.toString('latin1', at, at + HEX_BYTES);
      this.hmac?.prime(hashHex, this.words, (at + DIGEST_AT) / 4);
      this.ahead?.prime(hashHex, this.words, (at + AHEAD_AT) / 4);
      dice.seed(this.words, (at + SEED_AT) / 4);
    }
    // Published only once read: the worker reuses a slot for the round SLOTS after one taken.
    if (this.next % PUBLISH_EVERY === 0) Atomics.store(this.control, TAKEN, this.next);
    return hashHex;
  }

  /** Ends the worker (it finishes the round in hand and exits). */
  stop(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, TAKEN);
  }
}
