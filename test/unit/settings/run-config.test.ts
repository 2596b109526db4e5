import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/main/core/config';
import { overriddenFields, overridesFrom, runConfig } from '../../../src/main/core/settings/run-config';
import { PRODUCTION_BASE_URL } from '../../../src/main/core/sources/trackersino/endpoints';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

describe('the configuration a run records with', () => {
  it('runs the sandbox in the sandbox environment even with a key stored', () => {
    expect(runConfig('/d', DEFAULT_SETTINGS, 'stored-key-1234', {}).upstream).toBeNull();
  });

  it('goes to production or a custom URL with the stored key', () => {
    expect(runConfig('/d', { ...DEFAULT_SETTINGS, environment: 'production' }, 'stored-key-1234', {}).upstream).toEqual({ baseUrl: PRODUCTION_BASE_URL, apiKey: 'stored-key-1234' });
    const custom = runConfig('/d', { ...DEFAULT_SETTINGS, environment: 'custom', baseUrl: 'http://127.0.0.1:9000' }, 'stored-key-1234', {});
    expect(custom.upstream).toEqual({ baseUrl: 'http://127.0.0.1:9000', apiKey: 'stored-key-1234' });
  });

  it('lets the command line and environment win, and names what they shadow', () => {
    const overrides = overridesFrom({ games: 'crazytime', history: '2h' }, { TRACKERSINO_API_KEY: 'env-key-5678', TRACKERSINO_TIER: 'starter' });
    const config = runConfig('/d', { ...DEFAULT_SETTINGS, games: ['stake-crash'], historyDepth: '7d', paused: ['stake-crash', 'crazytime'] }, null, overrides);
    expect(config).toMatchObject({ games: ['crazytime'], historyDepthMs: 2 * 3_600_000, tier: 'starter', upstream: { baseUrl: PRODUCTION_BASE_URL, apiKey: 'env-key-5678' } });
    // Only tracked games can start paused.
    expect(config.paused).toEqual(['crazytime']);
    expect(overriddenFields(overrides)).toEqual(['apiKey', 'environment', 'games', 'historyDepth', 'tier']);
    expect(overridesFrom({}, { TRACKERSINO_API_KEY: '  ' }).apiKey).toBeUndefined();
  });

  it('refuses a custom URL that is not http(s)', () => {
    expect(() => runConfig('/d', { ...DEFAULT_SETTINGS, environment: 'custom', baseUrl: 'ftp://example.com' }, 'stored-key-1234', {})).toThrow(ConfigError);
  });
});
