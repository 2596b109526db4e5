import type { Alert } from '../../../../shared/alerts';
import type { AlertFeedView } from './useAlertFeed';

const timeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The alert history, newest first, a page at a time; each alert links to its round in the history browser. */
export function AlertFeed({ feed }: { readonly feed: AlertFeedView }) {
  const { alerts } = feed;
  return (
    <section className="alerts-panel alert-feed" aria-labelledby="alert-feed-title" data-testid="alert-feed">
      <h3 className="alerts-panel__title" id="alert-feed-title">
        Feed
      </h3>
      {feed.problem === null ? null : (
        <p className="problem" role="alert">
          {feed.problem}
        </p>
      )}
      {alerts === null ? (
        <p className="alerts-panel__empty">Loading the feed…</p>
      ) : alerts.length === 0 ? (
        <p className="alerts-panel__empty" data-testid="alert-feed-empty">
          No alerts yet. They appear here as rounds that meet your rules are recorded.
        </p>
      ) : (
        <ol className="alert-feed__list" aria-live="polite">
          {alerts.map((alert) => (
            <FeedEntry key={alert.id} alert={alert} />
          ))}
        </ol>
      )}
      {feed.hasMore ? (
        <button type="button" className="button alert-feed__more" disabled={feed.loading} onClick={feed.loadOlder} data-testid="alert-feed-more">
          {feed.loading ? 'Loading…' : 'Older alerts'}
        </button>
      ) : null}
    </section>
  );
}

function FeedEntry({ alert }: { readonly alert: Alert }) {
  return (
    <li className={`alert-entry${alert.read ? '' : ' alert-entry--unread'}${alert.muted ? ' alert-entry--muted' : ''}`} data-testid="alert-entry" data-rule={alert.ruleId} data-round={alert.roundId}>
      <div className="alert-entry__head">
        <span className="alert-entry__title">{alert.title}</span>
        <time className="alert-entry__time" dateTime={alert.firedAt}>
          {timeFormat.format(new Date(alert.firedAt))}
        </time>
      </div>
      <p className="alert-entry__body">{alert.body}</p>
      <div className="alert-entry__tags">
        {alert.muted ? <span className="alert-tag">muted (quiet hours)</span> : null}
        {alert.live ? null : <span className="alert-tag">backfilled round</span>}
        {alert.sound && !alert.muted ? <span className="alert-tag">sound</span> : null}
        <a className="alert-entry__link" href={alert.route} data-testid="alert-round-link">
          Open round
        </a>
      </div>
    </li>
  );
}
