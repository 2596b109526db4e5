import { randomBytes } from 'node:crypto';
import { canonicalSlug } from '../shared/games';
import type { RestFaultOptions } from './faults/rest-faults';
import type { ScriptedRounds } from './outcome-script';
import type { StreamFaultRates } from './faults/stream-faults';
import { DEFAULT_SIM_GAMES, findGame, simulatedSlugs } from './games/catalog';
import type { TickTockGrant } from './ticktock/scopes';
import { isTier, type KeyGrant, type Tier } from './tiers';

// startSandbox's options, and how they settle into the values the server runs with: defaults,
// validation, and the epoch that gives `historyRounds` rounds by now.

/** Faults switched on from the start; each rate is a probability in 0..1, drawn from the seed. */
export interface SandboxFaults {
  /** Per frame and socket: drop (cut the socket instead), duplicate, reorder, garble, precision. */
  readonly stream?: StreamFaultRates;
  /** Per REST request: errorRate (503), slowRate and slowMs. */
  readonly rest?: RestFaultOptions;
}

export interface SandboxOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The accepted Bearer key; default 'ts_sandbox_' + 24 random hex chars. */
  key?: string;
  /** The plan of `key`; default 'pro' (50 req/s, burst 100, stream). */
  keyTier?: Tier;
  /** More keys, each with its plan (and, for a custom plan, its own ratePerSecond and burst). */
  keys?: readonly KeyGrant[];
  /** Fault injection from the start; the methods below inject them on command. */
  faults?: SandboxFaults;
  /** Default random. The same seed and epochMs give identical rounds (ids, indices, times, multipliers). */
  seed?: string;
  /** Default ['stake-crash', 'crazytime']; an unknown slug throws. */
  games?: readonly string[];
  /** History generated at start-up when epochMs is not given; default 6 h. */
  historyMs?: number;
  /** Instead of historyMs: start with at least this many finished rounds of every game. */
  historyRounds?: number;
  /** Wall-clock ms at which round 0 of every game finished; default Date.now() - historyMs. */
  epochMs?: number;
  /** Cadence divisor, default 1 (speed 100 plays 100× more rounds per second). */
  speed?: number;
  /** Default 25000, as the seed's heartbeat. */
  pingIntervalMs?: number;
  /** The TickTock CS2 key holding every stream scope; default 'ttk_sandbox_' + 24 random hex chars. */
  ticktockKey?: string;
  /** More TickTock keys, each with its scopes (cs2:stream:matches, cs2:stream:markets, cs2:stream:scoreboard). */
  ticktockKeys?: readonly TickTockGrant[];
  /** The CS2 stream's keep-alive cadence; default 10000, as the seed. */
  cs2AliveIntervalMs?: number;
  /** CS2 matches played at once (each followed by the next); default 2, 0 for none. */
  cs2Matches?: number;
  /** Rounds (history included) whose outcome a test chooses: see outcome-script.ts and Sandbox.scriptOutcomes. */
  outcomes?: readonly ScriptedRounds[];
}

const SIX_HOURS_MS = 6 * 60 * 60 * 1000;

export interface Settings {
  readonly port: number;
  readonly host: string;
  readonly key: string;
  readonly grants: readonly KeyGrant[];
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

export function settle(options: SandboxOptions): Settings {
  const historyMs = options.historyMs ?? SIX_HOURS_MS;
  requireNumber('historyMs', historyMs, historyMs >= 0);
  const speed = requireNumber('speed', options.speed ?? 1, (options.speed ?? 1) > 0);
  if (options.historyRounds !== undefined && options.epochMs !== undefined) throw new Error('startSandbox: give historyRounds or epochMs, not both');
  const pingIntervalMs = options.pingIntervalMs ?? 25_000;
  const port = options.port ?? 0;
  const seed = options.seed ?? randomBytes(16).toString('hex');
  const epochMs = options.epochMs ?? Date.now() - (options.historyRounds === undefined ? historyMs : roundsSpanMs(options, seed, speed));
  const games = [...new Set((options.games ?? DEFAULT_SIM_GAMES).map(canonicalSlug))];
  for (const slug of games) {
    if (findGame(slug) === undefined) {
      throw new Error(`startSandbox: unknown game "${slug}"; the sandbox runs ${simulatedSlugs().join(', ')}`);
    }
  }
  const key = options.key ?? `ts_sandbox_${randomBytes(12).toString('hex')}`;
  const grants: KeyGrant[] = [{ key, tier: options.keyTier ?? 'pro' }, ...(options.keys ?? [])];
  for (const grant of grants) {
    if (!isTier(grant.tier)) throw new Error(`startSandbox: tier "${grant.tier}" is not starter, pro or enterprise`);
    if (grant.key === '') throw new Error('startSandbox: an API key cannot be empty');
  }
  return {
    port: requireNumber('port', port, Number.isInteger(port) && port >= 0 && port < 65_536),
    host: options.host ?? '127.0.0.1',
    key,
    grants,
    seed,
    games,
    epochMs: Math.floor(requireNumber('epochMs', epochMs, true)),
    speed: requireNumber('speed', speed, speed > 0),
    pingIntervalMs: requireNumber('pingIntervalMs', pingIntervalMs, pingIntervalMs > 0),
  };
}

/** Round counts up to this are met exactly; beyond, the span is extrapolated from this many rounds. */
const EXACT_HISTORY_ROUNDS = 50_000;

/**
 * How long before now round 0 must have finished for every game to have `historyRounds` rounds
 * by now: each game is played on a probe timeline starting at 0, writing no rows. Up to 50,000
 * rounds the probe plays them all and the count is exact; a longer history would cost twice its
 * generation time, so its span is the probe's mean cadence times the count (within about 1% of it).
 */
function roundsSpanMs(options: SandboxOptions, seed: string, speed: number): number {
  const count = options.historyRounds ?? 0;
  requireNumber('historyRounds', count, Number.isInteger(count) && count >= 0);
  if (count === 0) return -1;
  const probed = Math.min(count, EXACT_HISTORY_ROUNDS);
  let spanMs = 0;
  for (const slug of new Set((options.games ?? DEFAULT_SIM_GAMES).map(canonicalSlug))) {
    const game = findGame(slug);
    if (game === undefined) continue;
    const lastMs = game.lastFinishMs({ seed, epochMs: 0, speed }, probed);
    spanMs = Math.max(spanMs, probed === count ? lastMs : Math.ceil((lastMs / (probed - 1)) * (count - 1)));
  }
  return spanMs;
}
