import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('hash routes', () => {
  it('round-trips every screen', () => {
    const routes: Route[] = [
      { screen: 'overview' },
      { screen: 'settings' },
      { screen: 'game', game: 'stake-crash' },
      { screen: 'history', game: 'crazytime', roundId: null },
      { screen: 'history', game: 'crazytime', roundId: 'a/b c' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the overview for anything else', () => {
    expect(parseRoute('')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/game/../../etc')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'overview' });
  });
});
