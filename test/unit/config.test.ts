import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../src/main/core/config';
import { resolveEndpoints } from '../../src/main/core/sources/trackersino/endpoints';

describe('configuration', () => {
  it('runs the embedded sandbox when no key is given', () => {
    const config = resolveConfig({ dataDir: '/tmp/x' }, {});
    expect(config.upstream).toBeNull();
    expect(config.games).toEqual(['stake-crash', 'crazytime']);
  });

  it('takes the key and base URL from flags before the environment', () => {
    const env = { TRACKERSINO_API_KEY: 'env-key', TRACKERSINO_BASE_URL: 'http://127.0.0.1:1' };
    expect(resolveConfig({}, env).upstream).toEqual({ baseUrl: 'http://127.0.0.1:1', apiKey: 'env-key' });
    expect(resolveConfig({ apiKey: 'flag-key' }, {}).upstream).toEqual({ baseUrl: 'https://api.trackersino.com', apiKey: 'flag-key' });
  });

  it('refuses bad settings with a sentence that says what to fix', () => {
    expect(() => resolveConfig({ baseUrl: 'http://127.0.0.1:1' }, {})).toThrow(/without an API key/);
    expect(() => resolveConfig({ apiKey: 'k', baseUrl: 'ftp://x' }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({ games: 'Stake Crash' }, {})).toThrow(/not a game slug/);
    expect(() => resolveConfig({ history: 'a while' }, {})).toThrow(/duration/);
  });

  it('refuses a key holding a control or non-ASCII character, in words and without echoing it', () => {
    for (const apiKey of ['ts_live_abc\u0000def', 'ts_live_abc\u0007def', 'ts_live_abc\u007fdef', 'ts_live_abcédef']) {
      expect(() => resolveConfig({ apiKey }, {}), JSON.stringify(apiKey)).toThrow(
        new ConfigError('The API key holds a control or non-ASCII character, which no API key has; copy it again from TrackerSino.'),
      );
      expect(() => resolveConfig({}, { TRACKERSINO_API_KEY: apiKey })).toThrow(/control or non-ASCII character/);
    }
    expect(resolveConfig({ apiKey: 'ts_live_!#$%&()*+,-./:;<=>?@[]^_`{|}~' }, {}).upstream?.apiKey).toBe('ts_live_!#$%&()*+,-./:;<=>?@[]^_`{|}~');
  });

  it('resolves Roobet under one slug', () => {
    expect(resolveConfig({ games: 'roobet-crash,crash' }, {}).games).toEqual(['crash']);
  });

  it('derives the REST prefix and the wss stream URL from the API root', () => {
    const endpoints = resolveEndpoints('https://api.trackersino.com/');
    expect(endpoints.rest).toBe('https://api.trackersino.com/v1-beta');
    expect(endpoints.streamUrl(['stake-crash', 'crazytime'])).toBe('wss://api.trackersino.com/v1-beta/stream?games=stake-crash,crazytime');
    expect(resolveEndpoints('http://127.0.0.1:8787/v1-beta').streamUrl([])).toBe('ws://127.0.0.1:8787/v1-beta/stream');
  });
});
