import type { RoundView } from '../../shared/round';
import type { Bridge } from './bridge/bridge';
import { AppHeader } from './components/AppHeader';
import { GameCard } from './components/GameCard';
import { TransportNotice } from './components/TransportNotice';
import { useLiveState } from './live/useLiveState';

/** Shared by every card without rounds yet, so its identity never changes between renders. */
const NO_ROUNDS: readonly RoundView[] = [];

export function App({ bridge }: { readonly bridge: Bridge }) {
  const { status, roundsByGame, problem, transport } = useLiveState(bridge);
  const outOfContact = transport.state !== 'connected';
  return (
    <div className={outOfContact ? 'app app--out-of-contact' : 'app'}>
      <AppHeader status={status} outOfContact={outOfContact} />
      <TransportNotice transport={transport} />
      <main className="app-main">
        {problem === null ? null : (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        {status === null ? (
          <p className="app-main__placeholder">Waiting for Roundlog…</p>
        ) : status.games.length === 0 ? (
          <p className="app-main__placeholder">No games are tracked yet.</p>
        ) : (
          <div className="game-grid">
            {status.games.map((game) => (
              <GameCard key={game.game} game={game} rounds={roundsByGame.get(game.game) ?? NO_ROUNDS} />
            ))}
          </div>
        )}
      </main>
    </div>
  );
}
