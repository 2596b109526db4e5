import { useApp } from '../../app/AppContext';
import { formatRoute } from '../../app/route';
import { SyncStrip } from '../../components/status';
import { GameTile } from './GameTile';
import './overview.css';

const NO_ROUNDS: readonly never[] = [];

/** Every tracked game as a tile, and the sync engine's state along the bottom. */
export function OverviewScreen() {
  const { service, live, navigate } = useApp();
  const status = live.status;
  const games = status === null ? [] : status.games.filter((game) => game.tracked);
  return (
    <div className="overview" data-testid="overview">
      <h2 className="visually-hidden">Overview</h2>
      {status === null ? (
        <p className="overview__waiting">Waiting for Roundlog's status…</p>
      ) : games.length === 0 ? (
        <p className="overview__waiting">
          No games are tracked.{' '}
          <a
            href={formatRoute({ screen: 'settings' })}
            onClick={(event) => {
              event.preventDefault();
              navigate({ screen: 'settings' });
            }}
          >
            Choose games in Settings
          </a>
          .
        </p>
      ) : (
        <div className="overview__grid">
          {games.map((game) => (
            <GameTile key={game.game} game={game} rounds={live.roundsByGame.get(game.game) ?? NO_ROUNDS} service={service} navigate={navigate} />
          ))}
        </div>
      )}
      {status === null ? null : (
        <footer className="overview__footer" aria-label="Sync">
          <SyncStrip status={status} />
          <nav className="overview__history" aria-label="History per game">
            <span className="overview__history-label">History</span>
            {games.map((game) => {
              const route = { screen: 'history', game: game.game, roundId: null } as const;
              return (
                <a
                  key={game.game}
                  href={formatRoute(route)}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(route);
                  }}
                >
                  {game.provider} {game.name}
                </a>
              );
            })}
          </nav>
        </footer>
      )}
    </div>
  );
}
