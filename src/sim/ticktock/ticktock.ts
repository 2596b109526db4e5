import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errorJson } from '../api-error';
import { KeyCheck } from '../auth';
import { parseTarget, type RequestTarget } from '../request-target';
import { Cs2StreamHub } from './cs2-stream';
import { SeqCounter } from './envelope';
import { MatchWorld } from './match-world';
import { answerTickTock } from './ticktock-http';
import { CS2_SCOPES, type TickTockGrant } from './scopes';

// The TickTock CS2 feed (seeds/002) on the sandbox's port: its paths (/cs2/v1/…, /v1/whoami,
// /v1/alive) do not meet TrackerSino's /v1-beta/….

export interface TickTockOptions {
  readonly seed: string;
  readonly speed: number;
  /** Default 'ttk_sandbox_' + 24 random hex chars, holding every stream scope. */
  readonly key?: string;
  readonly keys?: readonly TickTockGrant[];
  /** Default 10000, as the seed. */
  readonly aliveIntervalMs?: number;
  /** Default 2. */
  readonly concurrentMatches?: number;
}

export class TickTock {
  readonly key: string;
  private readonly keys: KeyCheck<ReadonlySet<string>>;
  private readonly world: MatchWorld;
  private readonly hub: Cs2StreamHub;

  constructor(options: TickTockOptions) {
    this.key = options.key ?? `ttk_sandbox_${randomBytes(12).toString('hex')}`;
    const grants: TickTockGrant[] = [{ key: this.key, scopes: [...CS2_SCOPES] }, ...(options.keys ?? [])];
    // Scopes other than the three stream scopes are kept (whoami shows them) but let no frame through.
    this.keys = new KeyCheck(grants.map((grant) => [grant.key, new Set(grant.scopes)] as const));
    const aliveIntervalMs = options.aliveIntervalMs ?? 10_000;
    const concurrentMatches = options.concurrentMatches ?? 2;
    if (!(aliveIntervalMs > 0)) throw new Error(`startSandbox: cs2AliveIntervalMs must be > 0, got ${aliveIntervalMs}`);
    if (!Number.isInteger(concurrentMatches) || concurrentMatches < 0) throw new Error(`startSandbox: cs2Matches must be a whole number, got ${concurrentMatches}`);
    this.world = new MatchWorld({ seed: options.seed, speed: options.speed, concurrentMatches });
    this.hub = new Cs2StreamHub({ keys: this.keys, world: this.world, seq: new SeqCounter(), aliveIntervalMs });
    this.world.start();
  }

  /** Answers the request if its path is TickTock's; false leaves it to TrackerSino. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const target = this.target(req.url);
    if (target === null) return false;
    answerTickTock({ keys: this.keys, world: this.world }, req, res, target.segments, target.query);
    return true;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const target = this.target(req.url);
    if (target === null) return false;
    const [cs2, version, stream, ...rest] = target.segments;
    if (cs2 === 'cs2' && version === 'v1' && stream === 'stream') {
      this.hub.upgrade(req, socket, head, rest, target.query);
    } else {
      const body = errorJson('not_found', 'The CS2 stream is at /cs2/v1/stream.');
      socket.end(`HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    }
    return true;
  }

  dropStreams(): void {
    this.hub.dropAll();
  }

  stallStreams(stalled: boolean): void {
    this.hub.setStalled(stalled);
  }

  close(): void {
    this.world.close();
    this.hub.close();
  }

  /** The parsed target when the path is TickTock's, else null (a bad target is TrackerSino's to refuse). */
  private target(url: string | undefined): RequestTarget | null {
    let target: RequestTarget;
    try {
      target = parseTarget(url ?? '/');
    } catch (error) {
      if (error instanceof ApiError) return null;
      throw error;
    }
    const [first, second] = target.segments;
    const ours = first === 'cs2' || (first === 'v1' && (second === 'whoami' || second === 'alive'));
    return ours ? target : null;
  }
}
