import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyCheck } from './auth';
import { diceFor } from './round-hash';
import { canonicalSlug } from '../shared/games';
import { findGame } from './games/catalog';
import { RestFaults, upstreamErrorJson } from './faults/rest-faults';
import { SentLog, type SentFrame } from './faults/sent-log';
import { StreamFaults, type Precision } from './faults/stream-faults';
import { OutcomeScript, type ScriptedOutcome } from './outcome-script';
import { RateLimiter, sendErrorJson, sendRateLimited } from './rate-limit';
import { createRestHandler } from './rest';
import type { RoundLog, SimRoundRecord } from './round-log';
import { StreamHub, type FrameListener } from './stream';
import { TickTock } from './ticktock/ticktock';
import { settle, type SandboxOptions } from './sandbox-settings';
import { rulesFor, type Tier, type TierRules } from './tiers';

// The embedded sandbox: a loopback implementation of the TrackerSino contract (REST + stream)
// that the app's demo mode, tests and benchmarks reach through the same client a real key uses.

export type { SimRoundRecord } from './round-log';
export type { KeyGrant, Tier } from './tiers';
export type { SentFrame } from './faults/sent-log';
export type { FrameFault, Precision, StreamFaultRates } from './faults/stream-faults';
export type { RestFaultOptions } from './faults/rest-faults';
export type { TickTockGrant } from './ticktock/scopes';
export type { SandboxFaults, SandboxOptions } from './sandbox-settings';
export type { ScriptedOutcome, ScriptedRounds } from './outcome-script';

export interface Sandbox {
  /** API root, e.g. 'http://127.0.0.1:41234'; clients append /v1-beta/... */
  readonly url: string;
  readonly port: number;
  readonly key: string;
  /** The TickTock CS2 key with every stream scope: ws://…/cs2/v1/stream?api_key=<ticktockKey>. */
  readonly ticktockKey: string;
  /** Stops timers, terminates sockets, closes the server. */
  close(): Promise<void>;
  /** Fault injection: terminates every open stream socket abruptly (no close frame), CS2 ones too. */
  dropStreams(): void;
  /**
   * Fault injection: while true, stream sockets (open and new) receive neither pings nor frames,
   * as on a half-open connection; rounds keep being generated. CS2 sockets lose frames and alives too.
   */
  stallStreams(stalled: boolean): void;
  /**
   * Fault injection: the next `count` frames are sent cut in half (undecodable JSON), so their
   * rounds reach a client only through a backfill.
   */
  garbleNextFrames(count: number): void;
  /** Fault injection: the next `count` frames are each sent twice. */
  duplicateNextFrames(count: number): void;
  /** Fault injection: the next `count` frames are each held back and sent after the socket's next frame. */
  reorderNextFrames(count: number): void;
  /** Fault injection: the next `count` frames cut their socket instead of being sent. */
  dropNextFrames(count: number): void;
  /**
   * Fault injection: the next `count` frames carry finalized_at in another precision than REST's
   * (`precision`, or one picked by the fault dice): `…27Z`, `…27.000Z`, `…27.000000Z`.
   */
  shiftPrecisionNextFrames(count: number, precision?: Precision): void;
  /** Fault injection: the next `count` REST requests (after auth and rate limit) answer `status`, default 503. */
  failNextRequests(count: number, status?: number): void;
  /** Fault injection: the next `count` REST requests are answered after `delayMs`. */
  slowNextRequests(count: number, delayMs: number): void;
  /**
   * Fault injection: sends `text` unchanged on every open stream socket, whatever games it asked
   * for: a game the client does not know, a message that is not a round, or bytes that are not JSON.
   */
  sendRawFrame(text: string): void;
  /** Every REST request answered so far (TrackerSino's, not TickTock's), in order. */
  requests(): readonly ServedRequest[];
  /** Rounds finalised so far, oldest first (the live array: do not keep it past close()). */
  rounds(game: string): readonly SimRoundRecord[];
  /** Frames put on the wire for `game`, in send order, one entry per socket and copy. */
  framesSent(game: string): readonly SentFrame[];
  /** The plan a key gets here, or undefined for an unknown key. */
  tierOf(key: string): Tier | undefined;
  /** Called right after each frame is sent to each socket; returns the unsubscribe function. */
  onFrameSent(listener: FrameListener): () => void;
  /**
   * Scripting for tests: the rounds of `game` after the one in progress (already decided, as a
   * real round is before it starts) carry `outcomes` in turn; returns the first one's round number
   * (its position in rounds(game)).
   */
  scriptOutcomes(game: string, outcomes: readonly ScriptedOutcome[]): number;
}

export interface ServedRequest {
  readonly path: string;
  readonly status: number;
  readonly key: string | null;
}

/** Node turns timeouts over ~24.8 days into 1 ms; a slow sandbox waits in steps of an hour instead. */
const LONGEST_TIMER_MS = 60 * 60 * 1000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = settle(options);
  const logs = new Map<string, RoundLog>();
  const script = new OutcomeScript((options.outcomes ?? []).map((scripted) => ({ ...scripted, game: canonicalSlug(scripted.game) })));
  let closing: Promise<void> | null = null;
  const startedAtMs = Date.now();
  for (const slug of settings.games) {
    const log = (findGame(slug) ?? failUnknown(slug)).openLog({ ...settings, script });
    log.finishDue(startedAtMs);
    logs.set(slug, log);
  }

  // A key listed twice keeps its last plan.
  const keyCheck = new KeyCheck<TierRules>(settings.grants.map((grant) => [grant.key, rulesFor(grant)] as const));
  // Faults draw from their own generator: turning a fault rate on never changes a round.
  const faultDice = diceFor(`faults:${settings.seed}`);
  const streamFaults = new StreamFaults(options.faults?.stream ?? {}, faultDice);
  const restFaults = new RestFaults(options.faults?.rest ?? {}, faultDice);
  const sent = new SentLog();
  const hub = new StreamHub({ keyCheck, slugs: new Set(logs.keys()), pingIntervalMs: settings.pingIntervalMs, faults: streamFaults, sent });

  /** Finalises what is due and pushes it: the one path for timers and requests alike. */
  const finishDue = (log: RoundLog): void => {
    const added = log.finishDue(Date.now());
    const records = log.records;
    for (let position = records.length - added; position < records.length; position++) {
      hub.push(records[position] as SimRoundRecord);
    }
  };

  const rest = createRestHandler({ keyCheck, logs, finishDueRounds: () => logs.forEach(finishDue) });
  const limiter = new RateLimiter();
  // REST behind the plan: the key is checked first (rest answers 401), then its budget, then faults.
  const served: ServedRequest[] = [];
  const gatedRest = (req: IncomingMessage, res: ServerResponse): void => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    res.once('finish', () => served.push({ path: req.url ?? '', status: res.statusCode, key: bearer }));
    const rules = keyCheck.fromHeader(req.headers.authorization);
    if (rules === undefined) return rest(req, res);
    const retryAfterS = limiter.check(rules, Date.now());
    if (retryAfterS > 0) return sendRateLimited(res, rules, retryAfterS);
    const fault = restFaults.next();
    const answer = (): void => {
      if (res.destroyed || closing !== null) return;
      if (fault.status !== 0) sendErrorJson(res, fault.status, upstreamErrorJson(fault.status));
      else rest(req, res);
    };
    if (fault.delayMs > 0) setTimeout(answer, fault.delayMs).unref();
    else answer();
  };
  const ticktock = new TickTock({
    seed: settings.seed,
    speed: settings.speed,
    ...(options.ticktockKey !== undefined ? { key: options.ticktockKey } : {}),
    ...(options.ticktockKeys !== undefined ? { keys: options.ticktockKeys } : {}),
    ...(options.cs2AliveIntervalMs !== undefined ? { aliveIntervalMs: options.cs2AliveIntervalMs } : {}),
    ...(options.cs2Matches !== undefined ? { concurrentMatches: options.cs2Matches } : {}),
  });
  const server = createServer((req, res) => {
    if (!ticktock.handleRequest(req, res)) gatedRest(req, res);
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if (!ticktock.handleUpgrade(req, socket, head)) hub.upgrade(req, socket, head);
  });
  // A malformed request line or a reset socket is the client's problem, never a crash.
  server.on('clientError', (_error, socket) => socket.destroy());

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // A port in use: nothing may keep playing matches for a server that never listened.
    ticktock.close();
    hub.close();
    throw error;
  }

  // One timer per game, set for its next finish; unref'd so it never holds a process open.
  const timers = new Map<string, NodeJS.Timeout>();
  const schedule = (log: RoundLog): void => {
    if (closing !== null) return;
    const timer = setTimeout(() => {
      // A throwing onFrameSent listener must not stop the game's clock.
      try {
        finishDue(log);
      } finally {
        schedule(log);
      }
    }, Math.min(LONGEST_TIMER_MS, Math.max(0, log.nextFinishMs - Date.now())));
    timer.unref();
    timers.set(log.info.slug, timer);
  };
  logs.forEach(schedule);

  const port = (server.address() as AddressInfo).port;
  const hostInUrl = settings.host.includes(':') ? `[${settings.host}]` : settings.host;

  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    key: settings.key,
    ticktockKey: ticktock.key,
    close() {
      closing ??= new Promise<void>((resolve) => {
        timers.forEach((timer) => clearTimeout(timer));
        hub.close();
        ticktock.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    dropStreams() {
      hub.dropAll();
      ticktock.dropStreams();
    },
    stallStreams(stalled) {
      hub.setStalled(stalled);
      ticktock.stallStreams(stalled);
    },
    garbleNextFrames: (count) => streamFaults.command('garble', count),
    duplicateNextFrames: (count) => streamFaults.command('duplicate', count),
    reorderNextFrames: (count) => streamFaults.command('reorder', count),
    dropNextFrames: (count) => streamFaults.command('drop', count),
    shiftPrecisionNextFrames: (count, precision) => streamFaults.command('precision', count, precision),
    failNextRequests: (count, status = 503) => restFaults.failNext(count, status),
    slowNextRequests: (count, delayMs) => restFaults.slowNext(count, delayMs),
    sendRawFrame: (text) => hub.sendRaw(text),
    requests: () => served,
    rounds(game) {
      const log = logs.get(canonicalSlug(game)) ?? failUnknown(game);
      return log.records;
    },
    framesSent(game) {
      const slug = canonicalSlug(game);
      if (!logs.has(slug)) failUnknown(game);
      return sent.of(slug);
    },
    tierOf: (candidate) => keyCheck.find(candidate)?.tier,
    onFrameSent: (listener) => hub.onFrameSent(listener),
    scriptOutcomes(game, outcomes) {
      const slug = canonicalSlug(game);
      const log = logs.get(slug) ?? failUnknown(game);
      const from = log.records.length + 1;
      script.add(slug, from, outcomes);
      return from;
    },
  };
}

function failUnknown(slug: string): never {
  throw new Error(`sandbox: game "${slug}" is not running here`);
}
