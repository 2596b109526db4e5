import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalSlug, DEFAULT_GAMES, SLUG_PATTERN } from '../../shared/games';
import { API_KEY_CHARACTERS } from '../../shared/settings';
import { isTier, type Tier } from '../../shared/tiers';
import { PRODUCTION_BASE_URL, resolveEndpoints } from './sources/trackersino/endpoints';

export interface RoundlogConfig {
  readonly dataDir: string;
  /** null: no key was given, so the embedded sandbox serves demo data. */
  readonly upstream: { readonly baseUrl: string; readonly apiKey: string } | null;
  readonly games: readonly string[];
  /** How far back the history reaches; null for everything upstream has. */
  readonly historyDepthMs: number | null;
  /** The key's plan, or `auto` to learn it from the stream. */
  readonly tier: Tier | 'auto';
  /** Tracked games that start paused. */
  readonly paused?: readonly string[];
  /** The server's documented ping cadence; tests shorten it together with the sandbox's. */
  readonly pingIntervalMs: number;
}

/** Where Electron keeps `userData` for an app named Roundlog, so the CLI and the app share a history. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Roundlog');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Roundlog');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Roundlog');
}

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90s`, `15m`, `6h`, `7d` → milliseconds. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

export interface ConfigInput {
  readonly dataDir?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly games?: string | undefined;
  readonly history?: string | undefined;
  readonly tier?: string | undefined;
}

const gamesSchema = z
  .string()
  .transform((text) => text.split(',').map((slug) => slug.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(SLUG_PATTERN, 'is not a game slug (lowercase letters, digits and dashes)')).min(1, 'name at least one game'));

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Flags win over the environment (`ROUNDLOG_DATA_DIR`, `TRACKERSINO_BASE_URL`,
 * `TRACKERSINO_API_KEY`). Without a key, Roundlog records the embedded sandbox.
 */
export function resolveConfig(flags: ConfigInput, env: NodeJS.ProcessEnv = process.env): RoundlogConfig {
  const apiKey = (flags.apiKey ?? env.TRACKERSINO_API_KEY ?? '').trim();
  const baseUrl = (flags.baseUrl ?? env.TRACKERSINO_BASE_URL ?? '').trim();
  if (baseUrl && !apiKey) {
    throw new ConfigError(`A base URL (${baseUrl}) was given without an API key. Pass --api-key or set TRACKERSINO_API_KEY.`);
  }
  if (apiKey && /\s/.test(apiKey)) throw new ConfigError('The API key contains spaces; paste it without the "Bearer " prefix.');
  if (apiKey && !API_KEY_CHARACTERS.test(apiKey)) {
    throw new ConfigError('The API key holds a control or non-ASCII character, which no API key has; copy it again from TrackerSino.');
  }
  const upstream = apiKey ? { baseUrl: baseUrl || PRODUCTION_BASE_URL, apiKey } : null;
  if (upstream) {
    try {
      resolveEndpoints(upstream.baseUrl);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
  }

  const games = gamesSchema.safeParse(flags.games ?? DEFAULT_GAMES.join(','));
  if (!games.success) throw new ConfigError(`--games: ${games.error.issues.map((issue) => issue.message).join('; ')}`);

  const history = (flags.history ?? '6h').trim();
  const historyDepthMs = history === 'all' ? null : parseDuration(history);
  if (history !== 'all' && (historyDepthMs === null || historyDepthMs <= 0)) {
    throw new ConfigError(`--history "${flags.history}" is not a duration such as 90m, 6h or 7d, or "all".`);
  }
  const tier = (flags.tier ?? env.TRACKERSINO_TIER ?? 'auto').trim();
  if (tier !== 'auto' && !isTier(tier)) throw new ConfigError(`--tier "${tier}" is not starter, pro, enterprise or auto.`);

  return {
    dataDir: flags.dataDir ?? env.ROUNDLOG_DATA_DIR ?? defaultDataDir(env),
    upstream,
    games: [...new Set(games.data.map(canonicalSlug))],
    historyDepthMs,
    tier,
    pingIntervalMs: 25_000,
  };
}
