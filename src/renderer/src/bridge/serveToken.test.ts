import { describe, expect, it } from 'vitest';
import { splitTokenFromHash, takeServeToken } from './serveToken';

function page(hash: string) {
  const replaced: string[] = [];
  const stored = new Map<string, string>();
  const sources = {
    location: { hash, pathname: '/', search: '?x=1' },
    history: { state: null, replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) },
  };
  return { sources, replaced, stored };
}

describe('serve token', () => {
  it('takes the token from the address fragment and keeps other fragment parts', () => {
    expect(splitTokenFromHash('#token=abc123')).toEqual({ token: 'abc123', remainingHash: '' });
    expect(splitTokenFromHash('#token=abc&view=crash')).toEqual({ token: 'abc', remainingHash: '#view=crash' });
    expect(splitTokenFromHash('#view=crash')).toEqual({ token: null, remainingHash: '#view=crash' });
  });

  it('refuses a token that cannot ride as a WebSocket subprotocol', () => {
    expect(splitTokenFromHash('#token=a%20b').token).toBeNull();
  });

  it('erases the token from the address bar once read', () => {
    const { sources, replaced } = page('#token=abc123');
    expect(takeServeToken(sources)).toBe('abc123');
    expect(replaced).toEqual(['/?x=1']);
  });

  it('still finds the token after a reload of the cleaned address', () => {
    const { sources, stored } = page('#token=abc123');
    takeServeToken(sources);
    const reloaded = { ...sources, location: { ...sources.location, hash: '' } };
    expect(takeServeToken(reloaded)).toBe('abc123');
    expect(stored.size).toBe(1);
  });

  it('reports no token for an address without one', () => {
    const { sources, replaced } = page('');
    expect(takeServeToken(sources)).toBeNull();
    expect(replaced).toEqual([]);
  });
});
