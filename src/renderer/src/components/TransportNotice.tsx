import type { TransportStatus } from '../bridge/bridge';

/** The page's own link to Roundlog; silent while it is up, since then the header says it all. */
export function TransportNotice({ transport }: { readonly transport: TransportStatus }) {
  if (transport.state === 'connected') return null;
  return (
    <p className="transport-notice" data-testid="transport-state" data-state={transport.state} role="status">
      {sentence(transport)}
    </p>
  );
}

function sentence({ state, attempt }: TransportStatus): string {
  switch (state) {
    case 'token-missing':
      return 'This page needs the full address `roundlog serve` printed, including its #token=… part. Open that address again.';
    case 'reconnecting':
      return 'Lost contact with Roundlog, retrying…';
    case 'connecting':
      return attempt === 0
        ? 'Connecting to Roundlog…'
        : 'Cannot reach Roundlog yet, retrying… If Roundlog was restarted, open the new address it printed.';
    case 'connected':
      return '';
  }
}
