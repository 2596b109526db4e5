import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../../shared/alerts';
import type { RoundlogService } from '../../../../shared/contract';

const PAGE = 50;

export interface AlertFeedView {
  /** Newest first; null until the first page comes. */
  readonly alerts: readonly Alert[] | null;
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly problem: string | null;
  loadOlder(): void;
}

/**
 * The feed: the newest page, older pages on demand (keyset by id, so alerts arriving meanwhile
 * never shift a page), and alerts prepended as they are pushed. What it shows is marked read.
 */
export function useAlertFeed(service: RoundlogService): AlertFeedView {
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const oldest = useRef<number | null>(null);

  const markRead = useCallback(
    (newest: Alert | undefined) => {
      if (newest !== undefined && !newest.read) service.markAlertsRead({ throughId: newest.id }).catch(() => {});
    },
    [service],
  );

  useEffect(() => {
    let current = true;
    const off = service.onAlert((alert) => {
      setAlerts((shown) => (shown === null || shown.some((entry) => entry.id === alert.id) ? shown : [alert, ...shown]));
      markRead(alert);
    });
    service
      .getAlertFeed({ beforeId: null, limit: PAGE })
      .then((feed) => {
        if (!current) return;
        // Alerts pushed while the page was on its way are already shown: keep them on top.
        setAlerts((pushed) => [...(pushed ?? []).filter((alert) => !feed.alerts.some((entry) => entry.id === alert.id)), ...feed.alerts]);
        setHasMore(feed.hasMore);
        oldest.current = feed.alerts.at(-1)?.id ?? null;
        markRead(feed.alerts[0]);
      })
      .catch((error: unknown) => current && setProblem((error as Error).message))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
      off();
    };
  }, [service, markRead]);

  const loadOlder = useCallback(() => {
    if (oldest.current === null) return;
    setLoading(true);
    service
      .getAlertFeed({ beforeId: oldest.current, limit: PAGE })
      .then((feed) => {
        setAlerts((shown) => [...(shown ?? []), ...feed.alerts]);
        setHasMore(feed.hasMore);
        oldest.current = feed.alerts.at(-1)?.id ?? oldest.current;
      })
      .catch((error: unknown) => setProblem((error as Error).message))
      .finally(() => setLoading(false));
  }, [service]);

  return { alerts, hasMore, loading, problem, loadOlder };
}
