import { useEffect, useState } from 'react';
import type { RoundlogService } from '../../../../shared/contract';

/**
 * The nav's unread count: asked once, then counted up as alerts are pushed, and asked again on
 * leaving the Alerts screen (which marks what it shows read). Hidden while that screen is open.
 */
export function useUnreadAlerts(service: RoundlogService, onAlertsScreen: boolean): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (onAlertsScreen) return;
    let current = true;
    service
      .getAlertFeed({ beforeId: null, limit: 1 })
      .then((feed) => {
        if (current) setUnread(feed.unread);
      })
      .catch(() => {});
    const off = service.onAlert(() => setUnread((count) => count + 1));
    return () => {
      current = false;
      off();
    };
  }, [service, onAlertsScreen]);
  return onAlertsScreen ? 0 : unread;
}
