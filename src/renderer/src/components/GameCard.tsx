import { useId } from 'react';
import type { GameStatus } from '../../../shared/contract';
import { isCrashLike } from '../../../shared/games';
import type { RoundView } from '../../../shared/round';
import { MultiplierChart } from '../chart/MultiplierChart';
import { GameStateChip } from './GameStateChip';
import { RoundFeed } from './RoundFeed';

interface GameCardProps {
  readonly game: GameStatus;
  readonly rounds: readonly RoundView[];
}

const count = new Intl.NumberFormat('en-US');

export function GameCard({ game, rounds }: GameCardProps) {
  const titleId = useId();
  const crashLike = isCrashLike(game.kind);
  return (
    <article className="game-card" data-testid="game-card" data-game={game.game} aria-labelledby={titleId}>
      <header className="game-card__header">
        <h2 className="game-card__title" id={titleId}>
          {game.name} <span className="game-card__provider">{game.provider}</span>
        </h2>
        <GameStateChip state={game.state} />
      </header>
      {game.detail === null ? null : (
        <p className={`game-card__detail game-card__detail--${game.state}`}>{game.detail}</p>
      )}
      <dl className="game-card__facts">
        <div className="game-card__fact">
          <dt>Rounds stored</dt>
          <dd data-testid="rounds-stored">{count.format(game.roundsStored)}</dd>
        </div>
      </dl>
      {crashLike ? <MultiplierChart rounds={rounds} gameName={`${game.provider} ${game.name}`} /> : null}
      <RoundFeed rounds={rounds} gameName={`${game.provider} ${game.name}`} withSegments={!crashLike && showsSegments(game.kind, rounds)} />
    </article>
  );
}

/**
 * Whether chips reserve a segment line. Game shows do from the first render, so their chips do not
 * grow when the first round lands; an unknown kind gets it once its rounds turn out to carry one.
 */
function showsSegments(kind: string, rounds: readonly RoundView[]): boolean {
  return kind.endsWith('-show') || rounds.some((round) => round.segment !== null);
}
