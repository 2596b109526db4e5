import type { SeededDice } from '../round-hash';
import { checkRate } from './fault-rate';

// REST answers that go wrong: a 5xx ("upstream issue, very rare" in the seed) or a slow answer.

export interface RestFaultOptions {
  /** Probability that a request is answered 503. */
  readonly errorRate?: number;
  /** Probability that an answer is held back by slowMs. */
  readonly slowRate?: number;
  /** Default 2000. */
  readonly slowMs?: number;
}

export interface RestFault {
  /** 0 for a real answer. */
  readonly status: number;
  readonly delayMs: number;
}

const CLEAN: RestFault = { status: 0, delayMs: 0 };

export class RestFaults {
  private readonly errorRate: number;
  private readonly slowRate: number;
  private readonly slowMs: number;
  private readonly failures: number[] = [];
  private readonly delays: number[] = [];

  constructor(
    options: RestFaultOptions,
    private readonly dice: SeededDice,
  ) {
    this.errorRate = checkRate('errorRate', options.errorRate);
    this.slowRate = checkRate('slowRate', options.slowRate);
    this.slowMs = options.slowMs ?? 2000;
    if (!(this.slowMs >= 0)) throw new Error(`startSandbox: slowMs must be >= 0, got ${options.slowMs}`);
  }

  /** The next `count` requests are answered with `status` (500-599). */
  failNext(count: number, status: number): void {
    if (!Number.isInteger(status) || status < 500 || status > 599) throw new Error(`sandbox: ${status} is not a 5xx status`);
    for (let i = 0; i < count; i++) this.failures.push(status);
  }

  /** The next `count` requests are answered after `delayMs`. */
  slowNext(count: number, delayMs: number): void {
    for (let i = 0; i < count; i++) this.delays.push(delayMs);
  }

  next(): RestFault {
    const status = this.failures.shift() ?? (this.dice.chance(this.errorRate) ? 503 : 0);
    const delayMs = this.delays.shift() ?? (this.dice.chance(this.slowRate) ? this.slowMs : 0);
    return status === 0 && delayMs === 0 ? CLEAN : { status, delayMs };
  }
}

export function upstreamErrorJson(status: number): string {
  return JSON.stringify({
    error: 'upstream_unavailable',
    message: `The upstream failed to answer (${status}); retry shortly.`,
  });
}
