import { useEffect } from 'react';
import type { Route } from './route';

/** Single keys, ignored while typing in a field: o overview, s settings, a alerts, d dashboard, h history. */
export const SHORTCUTS: readonly { readonly key: string; readonly does: string }[] = [
  { key: 'o', does: 'Overview' },
  { key: 'd', does: "This game's dashboard" },
  { key: 'h', does: "This game's history" },
  { key: 's', does: 'Settings' },
  { key: 'a', does: 'Alerts' },
  { key: 'Esc', does: 'Back to the overview' },
  { key: '?', does: 'These shortcuts' },
];

export function useShortcuts(route: Route, navigate: (route: Route) => void, showHelp: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const game = route.screen === 'game' || route.screen === 'history' ? route.game : null;
      if (event.key === '?') {
        event.preventDefault();
        showHelp();
        return;
      }
      let next: Route | null = null;
      if (event.key === 'o' || event.key === 'Escape') next = { screen: 'overview' };
      else if (event.key === 's') next = { screen: 'settings' };
      else if (event.key === 'a') next = { screen: 'alerts' };
      else if (event.key === 'd' && game !== null) next = { screen: 'game', game };
      else if (event.key === 'h' && game !== null) next = { screen: 'history', game, roundId: null };
      if (next === null) return;
      // Esc inside an open dialog belongs to the dialog.
      if (event.key === 'Escape' && document.querySelector('[role="dialog"][aria-modal="true"]') !== null) return;
      event.preventDefault();
      navigate(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route, navigate, showHelp]);
}
