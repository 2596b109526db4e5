import type { Settings } from '../../../shared/settings';
import { resolveConfig, type ConfigInput, type RoundlogConfig } from '../config';
import { PRODUCTION_BASE_URL } from '../sources/trackersino/endpoints';

/** What the command line and environment say for this run; each given value wins over settings. */
export interface RunOverrides {
  readonly apiKey?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly games?: string | undefined;
  readonly history?: string | undefined;
  readonly tier?: string | undefined;
}

/** The overrides of a run from its flags and the environment (TRACKERSINO_API_KEY, …). */
export function overridesFrom(flags: ConfigInput, env: NodeJS.ProcessEnv = process.env): RunOverrides {
  const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value);
  return {
    apiKey: given(flags.apiKey ?? env.TRACKERSINO_API_KEY),
    baseUrl: given(flags.baseUrl ?? env.TRACKERSINO_BASE_URL),
    games: given(flags.games),
    history: given(flags.history),
    tier: given(flags.tier ?? env.TRACKERSINO_TIER),
  };
}

/** Settings fields a run's overrides shadow, by name. */
export function overriddenFields(overrides: RunOverrides): string[] {
  const fields: string[] = [];
  if (overrides.apiKey !== undefined) fields.push('apiKey', 'environment');
  if (overrides.baseUrl !== undefined) fields.push('baseUrl');
  if (overrides.games !== undefined) fields.push('games');
  if (overrides.history !== undefined) fields.push('historyDepth');
  if (overrides.tier !== undefined) fields.push('tier');
  return fields;
}

/**
 * The configuration a run records with: settings, the stored key, and the run's overrides on top.
 * Throws ConfigError for a combination that cannot run (a custom URL that is not http(s), …).
 */
export function runConfig(dataDir: string, settings: Settings, storedKey: string | null, overrides: RunOverrides): RoundlogConfig {
  const live = settings.environment !== 'sandbox';
  const input: ConfigInput = {
    dataDir,
    apiKey: overrides.apiKey ?? (live ? (storedKey ?? undefined) : undefined),
    baseUrl: overrides.baseUrl ?? (settings.environment === 'custom' ? (settings.baseUrl ?? undefined) : live ? PRODUCTION_BASE_URL : undefined),
    games: overrides.games ?? settings.games.join(','),
    history: overrides.history ?? settings.historyDepth,
    tier: overrides.tier ?? settings.tier,
  };
  // A key-less live setting would silently run the demo: the host refuses it before it gets here.
  const config = resolveConfig(input, {});
  return { ...config, paused: settings.paused.filter((game) => config.games.includes(game)) };
}
