import { createContext, useContext } from 'react';
import type { RoundlogService } from '../../../shared/contract';
import type { SettingsView } from '../../../shared/settings';
import type { LiveView } from '../live/useLiveState';
import type { Route } from './route';

/** What every screen reads: the contract's service, the live state, settings and navigation. */
export interface AppContextValue {
  readonly service: RoundlogService;
  readonly live: LiveView;
  /** Null until the first answer of getSettings. */
  readonly settings: SettingsView | null;
  readonly route: Route;
  navigate(route: Route): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}
