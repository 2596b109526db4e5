import type { ConnectionState as SourceState, Status } from '../../../shared/contract';

const WORDS: Readonly<Record<SourceState, string>> = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  error: 'Connection error',
  stopped: 'Stopped',
};

interface ConnectionStateProps {
  readonly connection: Status['connection'] | null;
  /** True while the page itself has lost Roundlog: the state shown is then only the last one heard. */
  readonly outOfContact: boolean;
}

/** Roundlog's link to its data source (the sandbox or TrackerSino), as last reported. */
export function ConnectionState({ connection, outOfContact }: ConnectionStateProps) {
  const state = connection?.state ?? 'unknown';
  return (
    <p className="connection" data-testid="connection-state" data-state={state} data-stale={outOfContact}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">Data source:</span>{' '}
      <span className="connection__words">{connection === null ? 'Waiting for Roundlog…' : WORDS[connection.state]}</span>
      {outOfContact && connection !== null ? <span className="connection__stale">(last known)</span> : null}
      {connection?.detail ? <span className="connection__detail">{connection.detail}</span> : null}
    </p>
  );
}
