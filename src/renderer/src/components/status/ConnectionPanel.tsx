import type { GameStatus, Status } from '../../../../shared/contract';
import { gameTitle } from '../../../../shared/games';
import { BackfillBar } from './BackfillBar';
import { StateBadge } from './StateBadge';
import { completenessWords, countOf, formatAgo, quarantineWords, stateLine } from './statusWords';
import { SyncStrip } from './SyncStrip';
import './status.css';

const SOURCE_WORDS = { connecting: 'Connecting…', open: 'Connected', reconnecting: 'Reconnecting…', error: 'Connection error', stopped: 'Stopped' } as const;

/** The full status: the data source, the sync engine, then every game's connection, backfill, completeness and quarantine. */
export function ConnectionPanel({ status }: { readonly status: Status | null }) {
  if (status === null) return <p className="connection-panel__waiting">Waiting for Roundlog's status…</p>;
  return (
    <div className="connection-panel" data-testid="connection-panel">
      <p className={`connection-panel__source connection-panel__source--${status.connection.state}`}>
        <span className="connection-panel__source-dot" aria-hidden="true" />
        <strong>{SOURCE_WORDS[status.connection.state]}</strong>
        <span className="connection-panel__url">{status.source.mode === 'sandbox' ? 'embedded demo sandbox' : status.source.baseUrl}</span>
        {status.connection.detail === null ? null : (
          <span className="connection-panel__detail" role="alert">
            {status.connection.detail}
          </span>
        )}
      </p>
      <SyncStrip status={status} />
      <ul className="connection-panel__games">
        {status.games.map((game) => (
          <GameConnection key={game.game} game={game} />
        ))}
      </ul>
    </div>
  );
}

function GameConnection({ game }: { readonly game: GameStatus }) {
  const completeness = completenessWords(game.completeness);
  const quarantine = quarantineWords(game.quarantined);
  const line = stateLine(game);
  return (
    <li className="game-connection" data-testid="game-connection" data-game={game.game}>
      <div className="game-connection__head">
        <span className="game-connection__name">
          {game.name} <span className="game-connection__provider">{game.provider}</span>
          {game.tracked ? null : <span className="game-connection__untracked"> · not tracked</span>}
        </span>
        <StateBadge state={game.state} />
      </div>
      {game.state === 'backfilling' && game.backfill !== null ? (
        <BackfillBar backfill={game.backfill} gameName={gameTitle(game)} />
      ) : line === null ? null : (
        <p className={`game-connection__line game-connection__line--${game.state}`}>{line}</p>
      )}
      <dl className="game-connection__facts">
        <div>
          <dt>Stored</dt>
          <dd>{countOf(game.roundsStored, 'round')}</dd>
        </div>
        <div>
          <dt>Last round</dt>
          <dd>{game.lastRoundAt === null ? 'none yet' : formatAgo(game.lastRoundAt)}</dd>
        </div>
        <div>
          <dt>Completeness</dt>
          <dd className={completeness.incomplete ? 'is-warn' : undefined}>
            {[completeness.coverage, completeness.open, completeness.gaps].filter((part) => part !== null).join(' · ')}
          </dd>
        </div>
        <div>
          <dt>Quarantine</dt>
          <dd className={quarantine === null ? undefined : 'is-warn'}>{quarantine ?? 'none'}</dd>
        </div>
        {game.betSnapshots === null ? null : (
          <div>
            <dt>Bet snapshots</dt>
            <dd className={betSnapshotsWarn(game.betSnapshots) ? 'is-warn' : undefined} data-testid="bet-snapshots">
              {betSnapshotsWords(game.betSnapshots)}
            </dd>
          </div>
        )}
        {game.commitDelayMs === null ? null : (
          <div>
            <dt>Commit delay</dt>
            <dd>
              {Math.round(game.commitDelayMs.p50)} ms median · {Math.round(game.commitDelayMs.p95)} ms p95
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

type BetSnapshots = NonNullable<GameStatus['betSnapshots']>;

const betSnapshotsWarn = (snapshots: BetSnapshots): boolean => snapshots.lastError !== null || snapshots.rejected > 0 || snapshots.conflicts > 0;

/** "1,234 bets of 5 rounds recorded since start · 2 unreadable" or why the last ask failed. */
function betSnapshotsWords(snapshots: BetSnapshots): string {
  const parts = [`${countOf(snapshots.bets, 'bet')} of ${countOf(snapshots.rounds, 'round')} recorded since start`];
  if (snapshots.rejected > 0) parts.push(`${countOf(snapshots.rejected, 'bet')} unreadable`);
  if (snapshots.conflicts > 0) parts.push(`${countOf(snapshots.conflicts, 'round')} disagreeing, kept out`);
  if (snapshots.lastError !== null) parts.push(snapshots.lastError);
  return parts.join(' · ');
}
