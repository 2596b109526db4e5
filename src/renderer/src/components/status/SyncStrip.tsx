import type { Status } from '../../../../shared/contract';
import { syncFacts } from './statusWords';
import './status.css';

/** The sync engine in one strip: tier, stream or polling, request budget, rate limiting, quarantine. */
export function SyncStrip({ status }: { readonly status: Status }) {
  return (
    <dl className="sync-strip" data-testid="sync-strip" aria-label="Sync status">
      <div className="sync-strip__fact">
        <dt>Source</dt>
        <dd>{status.source.mode === 'sandbox' ? 'Demo sandbox' : hostOf(status.source.baseUrl)}</dd>
      </div>
      {syncFacts(status.sync).map((fact) => (
        <div key={fact.label} className={`sync-strip__fact sync-strip__fact--${fact.tone}`}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
