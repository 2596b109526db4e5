import { useSyncExternalStore } from 'react';

// Canvas colours are read from the theme's custom properties when a chart is built; a chart
// rebuilds when `<html data-theme>` changes, so both themes stay the stylesheet's alone.

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const currentTheme = (): string => document.documentElement.dataset.theme ?? 'dark';

/** The page's theme name; a component that draws on a canvas redraws when it changes. */
export function useThemeName(): string {
  return useSyncExternalStore(subscribe, currentTheme, () => 'dark');
}
