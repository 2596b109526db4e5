import { memo, useId, useState } from 'react';
import { gameTitle } from '../../../../shared/games';
import type { GameStatus, RoundlogService } from '../../../../shared/contract';
import type { RoundView } from '../../../../shared/round';
import { formatRoute, type Route } from '../../app/route';
import { GameStatusLine, StateBadge, formatAgo, formatCount } from '../../components/status';
import { formatChance, formatWaitChance, isRareWait, MAX_HEADLINE_DELAYS } from './overviewFigures';
import { ResultRibbon } from './ResultRibbon';
import { useTileFigures } from './useTileFigures';

interface GameTileProps {
  readonly game: GameStatus;
  readonly rounds: readonly RoundView[];
  readonly service: RoundlogService;
  readonly navigate: (route: Route) => void;
}

/**
 * One game at a glance. The whole tile opens the game's dashboard through its title link, which is
 * stretched over the tile; the pause toggle and the history link sit above it and stay their own.
 */
export const GameTile = memo(function GameTile({ game, rounds, service, navigate }: GameTileProps) {
  const titleId = useId();
  const newest = rounds.length === 0 ? null : rounds[rounds.length - 1];
  const figures = useTileFigures(service, game.game, game.kind, newest?.roundId ?? null);
  const [pausing, setPausing] = useState(false);
  const [pauseProblem, setPauseProblem] = useState<string | null>(null);
  const paused = game.state === 'paused';
  const gameRoute: Route = { screen: 'game', game: game.game };
  const historyRoute: Route = { screen: 'history', game: game.game, roundId: null };
  const fullName = gameTitle(game);

  const togglePause = (): void => {
    setPausing(true);
    setPauseProblem(null);
    service
      .setGamePaused({ game: game.game, paused: !paused })
      .catch((error: unknown) => setPauseProblem(error instanceof Error ? error.message : 'The game could not be paused. Try again.'))
      .finally(() => setPausing(false));
  };

  return (
    <article className={`tile tile--${game.state}`} data-testid="game-tile" data-game={game.game} data-state={game.state} aria-labelledby={titleId}>
      <header className="tile__header">
        <h2 className="tile__title" id={titleId}>
          <a
            className="tile__link"
            href={formatRoute(gameRoute)}
            onClick={(event) => {
              event.preventDefault();
              navigate(gameRoute);
            }}
          >
            {game.name}
            <span className="tile__provider">{game.provider}</span>
            <span className="visually-hidden">: open the dashboard</span>
          </a>
        </h2>
        <StateBadge state={game.state} />
      </header>
      <GameStatusLine game={game} />
      <ResultRibbon rounds={rounds} gameName={fullName} bySegment={game.kind.endsWith('-show') || (newest?.segment ?? null) !== null} />
      <dl className="tile__facts">
        <div className="tile__fact">
          <dt>Rounds today</dt>
          <dd data-testid="rounds-today">{figures.roundsToday === null ? '—' : formatCount(figures.roundsToday)}</dd>
        </div>
        <div className="tile__fact">
          <dt>Stored</dt>
          <dd data-testid="rounds-stored">{formatCount(game.roundsStored)}</dd>
        </div>
        <div className="tile__fact">
          <dt>Last round</dt>
          <dd>{game.lastRoundAt === null ? '—' : formatAgo(game.lastRoundAt)}</dd>
        </div>
      </dl>
      <section className="tile__delays" aria-labelledby={`${titleId}-delays`} data-testid="headline-delays">
        <h3 className="tile__caption" id={`${titleId}-delays`}>
          Rounds since
        </h3>
        <div className="tile__delay-row">
          {Array.from({ length: MAX_HEADLINE_DELAYS }, (_, slot) => {
            const delay = figures.delays[slot];
            if (delay === undefined) return <div key={`empty-${slot}`} className="delay delay--empty" aria-hidden="true" />;
            const chance = delay.chance === null ? 'no published theory' : `${formatChance(delay.chance)} of fair waits are this long or longer`;
            return (
              <div key={delay.label} className={`delay${isRareWait(delay.chance) ? ' delay--rare' : ''}`} data-testid="headline-delay" title={chance}>
                <span className="delay__label">{delay.label}</span>
                <span className="delay__value">{delay.seen ? formatCount(delay.roundsSince) : `${formatCount(delay.roundsSince)}+`}</span>
                <span className="delay__chance">{delay.chance === null ? 'no theory' : formatWaitChance(delay.chance)}</span>
                <span className="visually-hidden">. {chance}.</span>
              </div>
            );
          })}
        </div>
      </section>
      <footer className="tile__footer">
        <p className="tile__problem" role={pauseProblem === null ? undefined : 'alert'}>
          {pauseProblem ?? figures.problem ?? ''}
        </p>
        <a
          className="tile__action"
          href={formatRoute(historyRoute)}
          onClick={(event) => {
            event.preventDefault();
            navigate(historyRoute);
          }}
          aria-label={`History of ${fullName}`}
        >
          History
        </a>
        <button
          type="button"
          className="tile__action"
          data-testid="pause-toggle"
          aria-pressed={paused}
          disabled={pausing}
          onClick={togglePause}
          aria-label={`${paused ? 'Resume' : 'Pause'} recording ${fullName}`}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      </footer>
    </article>
  );
});
