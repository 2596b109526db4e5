import type { ReactNode } from 'react';
import type { Status } from '../../../shared/contract';
import { formatRoute, type Route } from '../app/route';
import { ConnectionState } from './ConnectionState';
import { ModeBadge } from './ModeBadge';

interface AppHeaderProps {
  readonly status: Status | null;
  readonly outOfContact: boolean;
  readonly route: Route;
  readonly navigate: (route: Route) => void;
  /** Alerts not yet seen on the Alerts screen. */
  readonly unreadAlerts?: number;
}

export function AppHeader({ status, outOfContact, route, navigate, unreadAlerts = 0 }: AppHeaderProps) {
  const link = (target: Route, label: string, current: boolean, badge: ReactNode = null) => (
    <a
      className="app-nav__link"
      href={formatRoute(target)}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigate(target);
      }}
    >
      {label}
      {badge}
    </a>
  );
  return (
    <header className="app-header">
      <h1 className="app-header__title">Roundlog</h1>
      <nav className="app-nav" aria-label="Screens">
        {link({ screen: 'overview' }, 'Overview', route.screen === 'overview')}
        {link(
          { screen: 'alerts' },
          'Alerts',
          route.screen === 'alerts',
          unreadAlerts > 0 ? (
            <span className="app-nav__badge" data-testid="unread-alerts" aria-label={`${unreadAlerts} unread`}>
              {unreadAlerts > 99 ? '99+' : unreadAlerts}
            </span>
          ) : null,
        )}
        {link({ screen: 'settings' }, 'Settings', route.screen === 'settings')}
      </nav>
      {status?.source.mode === 'sandbox' ? <ModeBadge /> : null}
      <ConnectionState connection={status?.connection ?? null} outOfContact={outOfContact} />
    </header>
  );
}
