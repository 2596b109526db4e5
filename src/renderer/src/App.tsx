import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppContext, type AppContextValue } from './app/AppContext';
import type { Route } from './app/route';
import { useHashRoute } from './app/useHashRoute';
import { ShortcutsDialog } from './app/ShortcutsDialog';
import { useSettings } from './app/useSettings';
import { useShortcuts } from './app/useShortcuts';
import type { Bridge } from './bridge/bridge';
import { AppHeader } from './components/AppHeader';
import { TransportNotice } from './components/TransportNotice';
import { useLiveState } from './live/useLiveState';
import { AlertsScreen } from './screens/alerts/AlertsScreen';
import { useAlertDelivery } from './screens/alerts/alertDelivery';
import { useUnreadAlerts } from './screens/alerts/useUnreadAlerts';
import { GameScreen } from './screens/game/GameScreen';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { OverviewScreen } from './screens/overview/OverviewScreen';
import { FirstRunScreen } from './screens/settings/FirstRunScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';

export function App({ bridge }: { readonly bridge: Bridge }) {
  const live = useLiveState(bridge);
  const settings = useSettings(bridge.service, live.transport);
  const [route, navigate] = useHashRoute();
  const [help, setHelp] = useState(false);
  const showHelp = useCallback(() => setHelp(true), []);
  const hideHelp = useCallback(() => setHelp(false), []);
  useShortcuts(route, navigate, showHelp);
  useAlertDelivery(bridge.service);
  const unreadAlerts = useUnreadAlerts(bridge.service, route.screen === 'alerts');
  const theme = settings?.settings.theme ?? 'dark';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const context = useMemo<AppContextValue>(
    () => ({ service: bridge.service, live, settings, route, navigate }),
    [bridge.service, live, settings, route, navigate],
  );
  const outOfContact = live.transport.state !== 'connected';
  const firstRun = settings !== null && !settings.settings.firstRunDone;
  return (
    <AppContext.Provider value={context}>
      <div className={outOfContact ? 'app app--out-of-contact' : 'app'}>
        <AppHeader status={live.status} outOfContact={outOfContact} route={route} navigate={navigate} unreadAlerts={unreadAlerts} />
        <TransportNotice transport={live.transport} />
        <main className="app-main" id="main">
          {live.problem === null ? null : (
            <p className="problem" role="alert">
              {live.problem}
            </p>
          )}
          {firstRun ? <FirstRunScreen /> : screenOf(route)}
        </main>
        {help ? <ShortcutsDialog onClose={hideHelp} /> : null}
      </div>
    </AppContext.Provider>
  );
}

/** A plain function, not a component defined in render: the screen keeps its state across updates. */
function screenOf(route: Route) {
  switch (route.screen) {
    case 'overview':
      return <OverviewScreen />;
    case 'game':
      return <GameScreen key={route.game} />;
    case 'history':
      return <HistoryScreen key={route.game} />;
    case 'settings':
      return <SettingsScreen />;
    case 'alerts':
      return <AlertsScreen />;
  }
}
