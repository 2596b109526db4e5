import type { Status } from '../../../shared/contract';
import { ConnectionState } from './ConnectionState';
import { ModeBadge } from './ModeBadge';

interface AppHeaderProps {
  readonly status: Status | null;
  readonly outOfContact: boolean;
}

export function AppHeader({ status, outOfContact }: AppHeaderProps) {
  return (
    <header className="app-header">
      <h1 className="app-header__title">Roundlog</h1>
      {status?.source.mode === 'sandbox' ? <ModeBadge /> : null}
      <ConnectionState connection={status?.connection ?? null} outOfContact={outOfContact} />
    </header>
  );
}
