import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyCheck } from './auth';
import { canonicalSlug } from '../shared/games';
import { DEFAULT_SIM_GAMES, findGame, simulatedSlugs } from './games/catalog';
import { createRestHandler } from './rest';
import type { RoundLog, SimRoundRecord } from './round-log';
import { StreamHub, type FrameListener } from './stream';

// The embedded sandbox: a loopback implementation of the TrackerSino contract (REST + stream)
// that the app's demo mode, tests and benchmarks reach through the same client a real key uses.

export type { SimRoundRecord } from './round-log';

export interface SandboxOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The accepted Bearer key; default 'ts_sandbox_' + 24 random hex chars. */
  key?: string;
  /** Default random. The same seed and epochMs give identical rounds (ids, indices, times, multipliers). */
  seed?: string;
  /** Default ['stake-crash', 'crazytime']; an unknown slug throws. */
  games?: readonly string[];
  /** History generated at start-up when epochMs is not given; default 6 h. */
  historyMs?: number;
  /** Wall-clock ms at which round 0 of every game finished; default Date.now() - historyMs. */
  epochMs?: number;
  /** Cadence divisor, default 1 (speed 100 plays 100× more rounds per second). */
  speed?: number;
  /** Default 25000, as the seed's heartbeat. */
  pingIntervalMs?: number;
}

export interface Sandbox {
  /** API root, e.g. 'http://127.0.0.1:41234'; clients append /v1-beta/... */
  readonly url: string;
  readonly port: number;
  readonly key: string;
  /** Stops timers, terminates sockets, closes the server. */
  close(): Promise<void>;
  /** Fault injection: terminates every open stream socket abruptly (no close frame). */
  dropStreams(): void;
  /**
   * Fault injection: while true, stream sockets (open and new) receive neither pings nor frames,
   * as on a half-open connection; rounds keep being generated.
   */
  stallStreams(stalled: boolean): void;
  /**
   * Fault injection: the next `count` frames are sent cut in half (undecodable JSON), so their
   * rounds reach a client only through a backfill.
   */
  garbleNextFrames(count: number): void;
  /** Rounds finalised so far, oldest first (the live array: do not keep it past close()). */
  rounds(game: string): readonly SimRoundRecord[];
  /** Called right after each frame is sent to each socket; returns the unsubscribe function. */
  onFrameSent(listener: FrameListener): () => void;
}

const SIX_HOURS_MS = 6 * 60 * 60 * 1000;
/** Node turns timeouts over ~24.8 days into 1 ms; a slow sandbox waits in steps of an hour instead. */
const LONGEST_TIMER_MS = 60 * 60 * 1000;

interface Settings {
  readonly port: number;
  readonly host: string;
  readonly key: string;
  readonly seed: string;
  readonly games: readonly string[];
  readonly epochMs: number;
  readonly speed: number;
  readonly pingIntervalMs: number;
}

function requireNumber(name: string, value: number, valid: boolean): number {
  if (!Number.isFinite(value) || !valid) throw new Error(`startSandbox: option ${name} has an invalid value ${value}`);
  return value;
}

function settle(options: SandboxOptions): Settings {
  const historyMs = options.historyMs ?? SIX_HOURS_MS;
  requireNumber('historyMs', historyMs, historyMs >= 0);
  const speed = options.speed ?? 1;
  const pingIntervalMs = options.pingIntervalMs ?? 25_000;
  const port = options.port ?? 0;
  const epochMs = options.epochMs ?? Date.now() - historyMs;
  const games = [...new Set((options.games ?? DEFAULT_SIM_GAMES).map(canonicalSlug))];
  for (const slug of games) {
    if (findGame(slug) === undefined) {
      throw new Error(`startSandbox: unknown game "${slug}"; the sandbox runs ${simulatedSlugs().join(', ')}`);
    }
  }
  return {
    port: requireNumber('port', port, Number.isInteger(port) && port >= 0 && port < 65_536),
    host: options.host ?? '127.0.0.1',
    key: options.key ?? `ts_sandbox_${randomBytes(12).toString('hex')}`,
    seed: options.seed ?? randomBytes(16).toString('hex'),
    games,
    epochMs: Math.floor(requireNumber('epochMs', epochMs, true)),
    speed: requireNumber('speed', speed, speed > 0),
    pingIntervalMs: requireNumber('pingIntervalMs', pingIntervalMs, pingIntervalMs > 0),
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = settle(options);
  const logs = new Map<string, RoundLog>();
  const startedAtMs = Date.now();
  for (const slug of settings.games) {
    const log = (findGame(slug) ?? failUnknown(slug)).openLog(settings);
    log.finishDue(startedAtMs);
    logs.set(slug, log);
  }

  const keyCheck = new KeyCheck(settings.key);
  const hub = new StreamHub({ keyCheck, slugs: new Set(logs.keys()), pingIntervalMs: settings.pingIntervalMs });

  /** Finalises what is due and pushes it: the one path for timers and requests alike. */
  const finishDue = (log: RoundLog): void => {
    const added = log.finishDue(Date.now());
    const records = log.records;
    for (let position = records.length - added; position < records.length; position++) {
      hub.push(records[position] as SimRoundRecord);
    }
  };

  const server = createServer(
    createRestHandler({ keyCheck, logs, finishDueRounds: () => logs.forEach(finishDue) }),
  );
  server.on('upgrade', (req, socket, head: Buffer) => hub.upgrade(req, socket, head));
  // A malformed request line or a reset socket is the client's problem, never a crash.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  // One timer per game, set for its next finish; unref'd so it never holds a process open.
  const timers = new Map<string, NodeJS.Timeout>();
  let closing: Promise<void> | null = null;
  const schedule = (log: RoundLog): void => {
    if (closing !== null) return;
    const timer = setTimeout(() => {
      finishDue(log);
      schedule(log);
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
    close() {
      closing ??= new Promise<void>((resolve) => {
        timers.forEach((timer) => clearTimeout(timer));
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    dropStreams: () => hub.dropAll(),
    stallStreams: (stalled) => hub.setStalled(stalled),
    garbleNextFrames: (count) => hub.garbleNextFrames(count),
    rounds(game) {
      const log = logs.get(canonicalSlug(game)) ?? failUnknown(game);
      return log.records;
    },
    onFrameSent: (listener) => hub.onFrameSent(listener),
  };
}

function failUnknown(slug: string): never {
  throw new Error(`sandbox: game "${slug}" is not running here`);
}
