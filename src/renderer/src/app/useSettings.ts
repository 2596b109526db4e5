import { useEffect, useState } from 'react';
import type { RoundlogService } from '../../../shared/contract';
import type { SettingsView } from '../../../shared/settings';
import type { TransportStatus } from '../bridge/bridge';

/** The settings as Roundlog holds them: read on every (re)connection, then kept by pushes. */
export function useSettings(service: RoundlogService, transport: TransportStatus): SettingsView | null {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  useEffect(() => service.onSettings(setSettings), [service]);
  useEffect(() => {
    if (transport.state !== 'connected') return;
    let cancelled = false;
    service
      .getSettings({})
      .then((view) => {
        if (!cancelled) setSettings(view);
      })
      .catch((error: unknown) => console.error('[roundlog] settings could not be read', error));
    return () => {
      cancelled = true;
    };
  }, [service, transport]);
  return settings;
}
