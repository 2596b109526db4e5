import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HexKeyHmac } from './hex-key-hmac';

// A long history spends about a third of its time in SHA-256: each round's hash, and for crash
// games the HMAC digest that decides it. That part needs nothing but node:crypto, so a worker
// thread computes it ahead of the log, which meanwhile plays rounds and writes rows.
//
// The log never waits for the worker: a round the worker has not reached yet, it hashes itself,
// and the worker skips past rounds the log has taken. Both compute the same pure function of the
// round number, so which thread hashed a round never shows in what is generated.

/** Rounds the worker may run ahead of the log. */
const SLOTS = 4096;
/**
 * A round's slot: its hash as hex text (64 bytes), then its 32-byte HMAC digest, in two cache
 * lines. Hex text, as decoding it costs the log a third of hex-encoding raw bytes (measured).
 */
const HEX_BYTES = 64;
const SLOT_BYTES = 128;
/** The log tells the worker how far it got every this many rounds. */
const PUBLISH_EVERY = 64;
// Control words, in a cache line of their own: rounds the log has taken (from `from`), the stop flag.
const TAKEN = 0;
const STOP = 1;
const CONTROL_BYTES = 64;

/**
 * The worker's code, run with `eval`: a worker given a file would need its own bundle entry, and
 * this must run alike from sources (tests), the CLI and the app. It repeats RoundHasher's message
 * and HexKeyHmac's HMAC; test/sim/hash-ahead.test.ts holds them equal.
 */
const WORKER_SOURCE = `
'use strict';
const { workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { prefix, salt, from, shared, slots, slotBytes, controlBytes } = workerData;
const control = new Int32Array(shared, 0, 2);
const held = new Int32Array(shared, controlBytes, slots);
const bytes = new Uint8Array(shared, controlBytes + slots * 4, slots * slotBytes);
const prefixBytes = Buffer.byteLength(prefix);
const message = Buffer.alloc(prefixBytes + 17);
message.write(prefix);
const views = [];
for (let digits = 0; digits <= 17; digits++) views.push(message.subarray(0, prefixBytes + digits));
const inner = salt === null ? null : Buffer.alloc(64 + Buffer.byteLength(salt));
if (inner !== null) inner.write(salt, 64);
const outer = Buffer.alloc(96);
let offset = 0;
while (Atomics.load(control, ${STOP}) === 0) {
  const taken = Atomics.load(control, ${TAKEN});
  if (offset < taken) offset = taken;
  if (offset - taken >= slots) {
    Atomics.wait(control, ${TAKEN}, taken, 100);
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
  const hex = hash('sha256', views[digits], 'hex');
  const at = (offset % slots) * slotBytes;
  if (inner === null) {
    for (let i = 0; i < 64; i++) bytes[at + i] = hex.charCodeAt(i);
  } else {
    // The HMAC key is the hash as hex text.
    for (let i = 0; i < 64; i++) {
      const code = hex.charCodeAt(i);
      bytes[at + i] = code;
      inner[i] = code ^ 0x36;
      outer[i] = code ^ 0x5c;
    }
    outer.write(hash('sha256', inner, 'latin1'), 64, 'latin1');
    const mac = hash('sha256', outer, 'latin1');
    for (let i = 0; i < 32; i++) bytes[at + 64 + i] = mac.charCodeAt(i);
  }
  Atomics.store(held, offset % slots, offset + 1);
  offset++;
}
`;

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
   * Starts hashing `${seed}:${slug}:${n}` for n = from, from + 1, …, with HMAC digests under
   * `salt` if given; null where a second thread would not run in parallel.
   */
  static start(seed: string, slug: string, salt: string | null, from: number): HashAhead | null {
    if (availableParallelism() < 2) return null;
    try {
      return new HashAhead(`${seed}:${slug}:`, salt, from);
    } catch {
      // No worker (resource limits): the log hashes every round itself, as it always can.
      return null;
    }
  }

  private constructor(
    prefix: string,
    salt: string | null,
    readonly from: number,
  ) {
    const shared = new SharedArrayBuffer(CONTROL_BYTES + SLOTS * 4 + SLOTS * SLOT_BYTES);
    this.control = new Int32Array(shared, 0, 2);
    this.held = new Int32Array(shared, CONTROL_BYTES, SLOTS);
    this.bytes = Buffer.from(shared, CONTROL_BYTES + SLOTS * 4, SLOTS * SLOT_BYTES);
    this.words = new Int32Array(shared, CONTROL_BYTES + SLOTS * 4, (SLOTS * SLOT_BYTES) / 4);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { prefix, salt, from, shared, slots: SLOTS, slotBytes: SLOT_BYTES, controlBytes: CONTROL_BYTES },
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
   * round. With the hash, `hmac` (the one whose salt the worker was given) is primed with its digest.
   */
  take(hmac: HexKeyHmac | undefined): string | null {
    const offset = this.next++;
    const slot = offset % SLOTS;
    let hashHex: string | null = null;
    if (Atomics.load(this.held, slot) === offset + 1) {
      const at = slot * SLOT_BYTES;
      hashHex = this.bytes.toString('latin1', at, at + HEX_BYTES);
      hmac?.prime(hashHex, this.words, (at + HEX_BYTES) / 4);
    }
    // Published only once read: the worker reuses a slot for the round SLOTS after one taken.
    if (this.next % PUBLISH_EVERY === 0) {
      Atomics.store(this.control, TAKEN, this.next);
      Atomics.notify(this.control, TAKEN);
    }
    return hashHex;
  }

  /** Ends the worker (it finishes the round in hand and exits). */
  stop(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, TAKEN);
  }
}
