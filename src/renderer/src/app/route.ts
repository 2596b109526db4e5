// The app's screens as hash routes (`#/game/stake-crash`): they survive a reload, work the same in
// the Electron window and in `roundlog serve`, and never reach a server. The serve token is taken
// out of the fragment before the router ever reads it.

export type Route =
  | { readonly screen: 'overview' }
  | { readonly screen: 'game'; readonly game: string }
  | { readonly screen: 'history'; readonly game: string; readonly roundId: string | null }
  | { readonly screen: 'settings' }
  | { readonly screen: 'alerts' };

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [screen, game, roundId] = parts;
  if (screen === 'settings') return { screen: 'settings' };
  if (screen === 'alerts') return { screen: 'alerts' };
  if ((screen === 'game' || screen === 'history') && game !== undefined && SLUG.test(game)) {
    return screen === 'game' ? { screen, game } : { screen, game, roundId: roundId === undefined || roundId === '' ? null : roundId };
  }
  return { screen: 'overview' };
}

export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'alerts':
      return '#/alerts';
    case 'game':
      return `#/game/${route.game}`;
    case 'history':
      return `#/history/${route.game}${route.roundId === null ? '' : `/${encodeURIComponent(route.roundId)}`}`;
  }
}
