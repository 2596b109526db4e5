import type { GameStatus } from '../../../../shared/contract';
import { gameTitle } from '../../../../shared/games';
import { BackfillBar } from './BackfillBar';
import { quarantineWords, stateLine } from './statusWords';
import './status.css';

/**
 * A game's status in one reserved line: the backfill bar while catching up, otherwise the sentence
 * its state deserves (stale since when, paused, what to do about an error). Always the same
 * height, so a tile does not jump when a game changes state.
 */
export function GameStatusLine({ game }: { readonly game: GameStatus }) {
  const line = stateLine(game);
  const quarantine = quarantineWords(game.quarantined);
  return (
    <div className={`status-line status-line--${game.state}`} data-testid="game-status-line" data-state={game.state}>
      {game.state === 'backfilling' && game.backfill !== null ? (
        <BackfillBar backfill={game.backfill} gameName={gameTitle(game)} compact />
      ) : (
        <p className="status-line__words" role={game.state === 'error' ? 'alert' : undefined} title={line ?? undefined}>
          {line ?? (quarantine === null ? 'Recording every round.' : `Recording · ${quarantine}.`)}
        </p>
      )}
    </div>
  );
}
