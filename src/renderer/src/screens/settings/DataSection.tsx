import { useState } from 'react';
import type { SettingsView } from '../../../../shared/settings';
import { useApp } from '../../app/AppContext';
import { formatBytes } from '../../components/status';
import { Section } from './Field';

type Compaction = { readonly state: 'idle' } | { readonly state: 'busy' } | { readonly state: 'done'; readonly words: string } | { readonly state: 'failed'; readonly words: string };

export function DataSection({ view }: { readonly view: SettingsView }) {
  const { service } = useApp();
  const [compaction, setCompaction] = useState<Compaction>({ state: 'idle' });
  const compact = (): void => {
    setCompaction({ state: 'busy' });
    service
      .compactHistory({})
      .then(({ bytesBefore, bytesAfter }) => {
        const freed = Math.max(0, bytesBefore - bytesAfter);
        setCompaction({
          state: 'done',
          words: `Compacted: ${formatBytes(bytesBefore)} → ${formatBytes(bytesAfter)}${freed > 0 ? ` (${formatBytes(freed)} freed)` : ' (nothing to reclaim)'}.`,
        });
      })
      .catch((error: unknown) =>
        setCompaction({ state: 'failed', words: error instanceof Error && error.message !== '' ? error.message : 'The history could not be compacted. Try again.' }),
      );
  };
  return (
    <Section id="data" title="Data" intro="Every round is kept in one SQLite history in this folder.">
      <dl className="data-facts">
        <div>
          <dt>Folder</dt>
          <dd className="data-facts__path" data-testid="data-folder">
            {view.data.folder}
          </dd>
        </div>
        <div>
          <dt>History file</dt>
          <dd className="data-facts__path">{view.data.historyFile}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd data-testid="data-size">{formatBytes(view.data.bytes)}</dd>
        </div>
      </dl>
      <div className="save-row">
        <div className="save-row__buttons">
          <button type="button" className="button" onClick={compact} disabled={compaction.state === 'busy'} data-testid="compact">
            {compaction.state === 'busy' ? 'Compacting…' : 'Compact'}
          </button>
        </div>
        <p className={`save-row__words${compaction.state === 'failed' ? ' save-row__words--error' : ''}`} role="status" data-testid="compact-result">
          {compaction.state === 'done' || compaction.state === 'failed' ? compaction.words : 'Reclaims free space after deleting or trimming history. Recording continues.'}
        </p>
      </div>
    </Section>
  );
}
